import SootheModel

/// One struck chime (all its strikes), rendered block by block. Mono.
///
/// Modal synthesis: every partial of `ChimeKind.partials` is a pair of exponentially decaying
/// sinusoids (a complex one-pole resonator each, run as Float SIMD rotators eight frames wide), started by a short attack ramp and coloured
/// by a band-passed noise transient: the mallet or stick. With several strikes, all but the
/// last are light, muted "half-sounds". Each strike fades to exact zero at the end of its ring.
public struct ChimeVoice: Sendable {
    /// The instrument.
    public let kind: ChimeKind
    /// Total frames until the tail has faded to exact silence (all strikes included).
    public let frameCount: Int
    /// Frames already rendered.
    public private(set) var position = 0

    private var strikes: [ChimeStrike]
    private var modes: [ChimeMode] = []
    // The chunk being played: rendered whole at its absolute position, so any block size gives
    // the same samples.
    private var chunk: [Float]
    private var chunkStart = -Self.chunkFrames

    /// Sum of partial amplitudes at `levelDB` 0 (measured peaks of a full strike: 0.35–0.7).
    static let nominalPeak = 0.5
    /// Frames rendered at a time; every mode's Float rotators restart from its exact Double
    /// state at each chunk, so rounding never accumulates.
    static let chunkFrames = 64

    /// A chime of `kind` struck `strikes` times (2.5 s apart), `levelDB` relative to the nominal
    /// −6 dBFS peak, deterministic for a `seed`.
    public init(kind: ChimeKind, levelDB: Double = 0, strikes: Int = 1, sampleRate: Double, seed: UInt64) {
        self.kind = kind
        let count = max(strikes, 1)
        let ring = kind.ringSeconds
        frameCount = Int((ring + Double(count - 1) * ChimeKind.strikeInterval) * sampleRate + 0.5)
        let partials = kind.partials
        let amplitudeSum = partials.reduce(0) { $0 + $1.amplitude }
        let scale = Self.nominalPeak / amplitudeSum * DSPMath.gain(dB: levelDB)
        let nyquistGuard = 0.45 * sampleRate

        var built: [ChimeStrike] = []
        for index in 0..<count {
            var rng = SplitMix64(seed: SplitMix64.derive(seed, UInt64(index)))
            let isFull = index == count - 1
            // A half-sound: the striker touches lightly and rests on the rim (softer, muted).
            let strikeGain = isFull ? 1.0 : 0.3
            let damping = isFull ? 1.0 : 0.3
            let startTime = Double(index) * ChimeKind.strikeInterval
            let start = Int(startTime * sampleRate + 0.5)
            let end = Int((startTime + ring) * sampleRate + 0.5)
            let firstChunk = Self.chunkFrames - start % Self.chunkFrames
            let firstMode = modes.count
            for partial in partials {
                let frequency = kind.fundamental * partial.ratio
                let jitter = 1 + 0.08 * (2 * rng.nextUnit() - 1)
                let amplitude = scale * strikeGain * partial.amplitude * jitter
                let t60 = partial.t60 * damping
                let decay = DSPMath.decayFactor(t60: t60, sampleRate: sampleRate)
                let pair: [(Double, Double)]
                if partial.beat > 0 {
                    let beat = partial.beat * (1 + 0.1 * (2 * rng.nextUnit() - 1))
                    pair = [(frequency - beat / 2, 0.6 * amplitude), (frequency + beat / 2, 0.4 * amplitude)]
                } else {
                    pair = [(frequency, amplitude)]
                }
                for (f, a) in pair where f < nyquistGuard {
                    modes.append(
                        ChimeMode(
                            amplitude: a, decay: decay, radians: 2 * Double.pi * f / sampleRate,
                            firstChunk: firstChunk, silentAfter: Int(2 * t60 * sampleRate) + 1))
                }
            }
            let transient = kind.transient
            let attackFrames = max(1, Int(kind.attackSeconds * sampleRate + 0.5))
            let fadeFrames = max(1, min(end - start, Int(kind.tailFadeSeconds * sampleRate + 0.5)))
            built.append(
                ChimeStrike(
                    start: start, end: end,
                    attackFrames: attackFrames, fadeFrames: fadeFrames,
                    inverseAttack: 1 / Double(attackFrames), inverseFade: 1 / Double(fadeFrames),
                    modes: firstMode..<modes.count,
                    transient: StrikeTransient(
                        frequency: transient.frequency * (isFull ? 1 : 0.7),
                        decay: transient.decay, attack: kind.attackSeconds / 2,
                        level: Float(scale * amplitudeSum * transient.level * strikeGain),
                        sampleRate: sampleRate, seed: rng.next())))
        }
        self.strikes = built
        chunk = Array(repeating: 0, count: Self.chunkFrames)
    }

    /// Writes the next `buffer.count` frames (zeros once finished), ADDING into the buffer (mix).
    public mutating func render(adding buffer: UnsafeMutableBufferPointer<Float>, gain: Float) {
        let blockStart = position
        position += buffer.count
        guard let out = buffer.baseAddress else { return }
        let end = min(position, frameCount)
        var n = blockStart
        while n < end {
            if n >= chunkStart + Self.chunkFrames { renderChunk() }
            let to = min(end, chunkStart + Self.chunkFrames)
            chunk.withUnsafeBufferPointer { x in
                let source = x.baseAddress! + (n - chunkStart), target = out + (n - blockStart)
                for j in 0..<(to - n) { target[j] += gain * source[j] }
            }
            n = to
        }
    }

    /// Renders the next chunk into `chunk`: every strike sounding in it, its modes (those not
    /// yet decayed below −120 dB) eight frames to a SIMD step, times its envelope, plus its
    /// transient.
    private mutating func renderChunk() {
        typealias V = SIMD8<Float>
        let frames = Self.chunkFrames
        chunkStart += frames
        let c0 = chunkStart
        chunk.withUnsafeMutableBufferPointer { chunkBuffer in
            let x = chunkBuffer.baseAddress!
            x.update(repeating: 0, count: frames)
            withUnsafeTemporaryAllocation(of: V.self, capacity: frames / 8) { sums in
                let sum = sums.baseAddress!
                modes.withUnsafeMutableBufferPointer { modes in
                    for s in strikes.indices {
                        let strike = strikes[s]
                        let from = max(c0, strike.start)
                        let to = min(c0 + frames, strike.end)
                        if from >= to { continue }
                        let groups = (to - from + 7) / 8
                        sum.update(repeating: V(), count: groups)
                        let first = from == strike.start
                        let age = from - strike.start
                        for m in strike.modes where age < modes[m].silentAfter {
                            modes[m].add(into: sum, groups: groups, first: first)
                        }
                        if from - strike.start < strike.attackFrames || strike.end - to < strike.fadeFrames {
                            strike.applyEnvelope(to: sum, from: from, groups: groups)
                        }
                        let modal = UnsafeRawPointer(sum).assumingMemoryBound(to: Float.self)
                        for n in from..<to { x[n - c0] += modal[n - from] }
                        strikes[s].transient.render(
                            adding: x + (from - c0), frames: to - from, startingAt: from - strike.start, gain: 1)
                    }
                }
            }
        }
    }
}

/// One mode (one sinusoid of a partial) of one strike: its exact state in Double and its
/// Float SIMD rotators.
struct ChimeMode: Sendable {
    typealias V = SIMD8<Float>
    /// State (amplitude × (decay·e^iw)^t) at the first frame of the next chunk to render.
    private var re: Double
    private var im: Double
    /// (decay·e^iw)^j for the lanes j = 0…7, and the eight-frame step.
    private let lanesRe: V, lanesIm: V
    private let stepRe: Float, stepIm: Float
    /// The state's advance over a whole chunk, and over the strike's first (partial) chunk.
    private let chunkRe: Double, chunkIm: Double
    private let firstRe: Double, firstIm: Double
    /// Frames after the strike from which the mode is under −120 dB of its start: skipped.
    let silentAfter: Int

    init(amplitude: Double, decay: Double, radians w: Double, firstChunk: Int, silentAfter: Int) {
        re = amplitude
        im = 0
        self.silentAfter = silentAfter
        @inline(__always) func power(_ k: Int) -> (Double, Double) {
            let r = DSPMath.power(decay, Double(k))
            return (r * DSPMath.cosine(w * Double(k)), r * DSPMath.sine(w * Double(k)))
        }
        var lr = V(), li = V()
        for j in 0..<8 {
            let p = power(j)
            lr[j] = Float(p.0)
            li[j] = Float(p.1)
        }
        lanesRe = lr
        lanesIm = li
        let step = power(8)
        stepRe = Float(step.0)
        stepIm = Float(step.1)
        (chunkRe, chunkIm) = power(ChimeVoice.chunkFrames)
        (firstRe, firstIm) = power(firstChunk)
    }

    /// Adds `groups` × 8 frames of the mode's sine into `sum` and advances the state by a
    /// chunk (the strike's `first`, partial one, or a whole one).
    @inline(__always)
    mutating func add(into sum: UnsafeMutablePointer<V>, groups: Int, first: Bool) {
        let r0 = Float(re), i0 = Float(im)
        var r: V = r0 * lanesRe - i0 * lanesIm
        var i: V = r0 * lanesIm + i0 * lanesRe
        let sr = stepRe, si = stepIm
        for g in 0..<groups {
            sum[g] += i
            (r, i) = (r * sr - i * si, r * si + i * sr)
        }
        let (ar, ai) = first ? (firstRe, firstIm) : (chunkRe, chunkIm)
        (re, im) = (re * ar - im * ai, re * ai + im * ar)
    }
}

/// One strike of a chime: its span, its slice of the modes and its transient.
struct ChimeStrike: Sendable {
    var start: Int
    var end: Int
    var attackFrames: Int
    var fadeFrames: Int
    var inverseAttack: Double
    var inverseFade: Double
    var modes: Range<Int>
    var transient: StrikeTransient

    /// Multiplies `groups` × 8 frames from frame `from` by the onset ramp × tail fade, both
    /// smooth (smoothstep), the fade reaching 0 exactly at `end`; eight frames at a time.
    @inline(__always)
    func applyEnvelope(to sum: UnsafeMutablePointer<SIMD8<Float>>, from: Int, groups: Int) {
        typealias V = SIMD8<Float>
        let lane = V(0, 1, 2, 3, 4, 5, 6, 7)
        let ia = Float(inverseAttack), ifade = Float(inverseFade)
        for g in 0..<groups {
            let sinceStart = Float(from - start + 8 * g) + lane
            let untilEnd = Float(end - from - 8 * g) - lane
            let a = pointwiseMin(pointwiseMax(sinceStart * ia, V()), V(repeating: 1))
            let f = pointwiseMin(pointwiseMax(untilEnd * ifade, V()), V(repeating: 1))
            let rise: V = a * a * (3 - 2 * a)
            let fall: V = f * f * (3 - 2 * f)
            sum[g] *= rise * fall
        }
    }
}

/// The sound of the striker itself: band-passed noise under a fast rise-and-decay envelope.
struct StrikeTransient: Sendable {
    private var filter: Biquad
    private var smoother: Biquad
    private var rng: SplitMix64
    private var slow: Float = 1
    private var fast: Float = 1
    private let slowFactor: Float
    private let fastFactor: Float
    private let level: Float
    private let lengthFrames: Int

    init(frequency: Double, decay: Double, attack: Double, level: Float, sampleRate: Double, seed: UInt64) {
        filter = Biquad(.bandPass, frequency: frequency, q: 0.9, sampleRate: sampleRate)
        // A second, low-pass stage: the strike thuds rather than ticks (12 dB/octave above it).
        smoother = Biquad(.lowPass, frequency: frequency * 1.5, q: 0.7, sampleRate: sampleRate)
        rng = SplitMix64(seed: seed)
        slowFactor = Float(DSPMath.onePoleCoefficient(timeConstant: decay, sampleRate: sampleRate))
        fastFactor = Float(DSPMath.onePoleCoefficient(timeConstant: max(attack, 1 / sampleRate), sampleRate: sampleRate))
        // White noise of the same spectral density at every rate: unit variance at 48 kHz.
        self.level = level * Float((3 * sampleRate / 48_000).squareRoot())
        lengthFrames = Int(decay * 20 * sampleRate)  // by then the envelope is e^-20 ≈ 2e-9
    }

    /// Adds `frames` frames starting `offset` frames after the strike.
    mutating func render(adding out: UnsafeMutablePointer<Float>, frames: Int, startingAt offset: Int, gain: Float) {
        let count = min(frames, lengthFrames - offset)
        if count <= 0 { return }
        let g = level * gain
        for n in 0..<count {
            let env = slow - fast  // difference of exponentials: starts at 0, rises, decays
            slow *= slowFactor
            fast *= fastFactor
            out[n] += g * env * smoother.process(filter.process(rng.nextBipolar()))
        }
    }
}
