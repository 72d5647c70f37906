/// One struck chime (all its strikes), rendered block by block. Mono.
///
/// Modal synthesis: every partial of `ChimeKind.partials` is a pair of exponentially decaying
/// sinusoids (a complex one-pole resonator each), started by a short attack ramp and coloured
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
    // Complex resonator state and per-sample rotation·decay, flat for the inner loop.
    private var modeRe: [Double] = []
    private var modeIm: [Double] = []
    private var rotRe: [Double] = []
    private var rotIm: [Double] = []

    /// Sum of partial amplitudes at `levelDB` 0 (measured peaks of a full strike: 0.35–0.7).
    static let nominalPeak = 0.5

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
            let firstMode = modeRe.count
            for partial in partials {
                let frequency = kind.fundamental * partial.ratio
                let jitter = 1 + 0.08 * (2 * rng.nextUnit() - 1)
                let amplitude = scale * strikeGain * partial.amplitude * jitter
                let decay = DSPMath.decayFactor(t60: partial.t60 * damping, sampleRate: sampleRate)
                let pair: [(Double, Double)]
                if partial.beat > 0 {
                    let beat = partial.beat * (1 + 0.1 * (2 * rng.nextUnit() - 1))
                    pair = [(frequency - beat / 2, 0.6 * amplitude), (frequency + beat / 2, 0.4 * amplitude)]
                } else {
                    pair = [(frequency, amplitude)]
                }
                for (f, a) in pair where f < nyquistGuard {
                    let w = 2 * Double.pi * f / sampleRate
                    modeRe.append(a)
                    modeIm.append(0)
                    rotRe.append(decay * DSPMath.cosine(w))
                    rotIm.append(decay * DSPMath.sine(w))
                }
            }
            let transient = kind.transient
            built.append(
                ChimeStrike(
                    start: start, end: end,
                    attackFrames: max(1, Int(kind.attackSeconds * sampleRate + 0.5)),
                    fadeFrames: max(1, min(end - start, Int(kind.tailFadeSeconds * sampleRate + 0.5))),
                    modes: firstMode..<modeRe.count,
                    transient: StrikeTransient(
                        frequency: transient.frequency * (isFull ? 1 : 0.7),
                        decay: transient.decay, attack: kind.attackSeconds / 2,
                        level: Float(scale * amplitudeSum * transient.level * strikeGain),
                        sampleRate: sampleRate, seed: rng.next())))
        }
        self.strikes = built
    }

    /// Writes the next `buffer.count` frames (zeros once finished), ADDING into the buffer (mix).
    public mutating func render(adding buffer: UnsafeMutableBufferPointer<Float>, gain: Float) {
        let blockStart = position
        let blockEnd = position + buffer.count
        position = blockEnd
        guard blockStart < frameCount, let out = buffer.baseAddress else { return }
        let g = Double(gain)
        modeRe.withUnsafeMutableBufferPointer { re in
            modeIm.withUnsafeMutableBufferPointer { im in
                rotRe.withUnsafeBufferPointer { cr in
                    rotIm.withUnsafeBufferPointer { ci in
                        for s in strikes.indices {
                            let strike = strikes[s]
                            let from = max(blockStart, strike.start)
                            let to = min(blockEnd, strike.end)
                            if from >= to { continue }
                            let modes = strike.modes
                            for n in from..<to {
                                var sum = 0.0
                                for m in modes {
                                    let r = re[m], i = im[m]
                                    re[m] = r * cr[m] - i * ci[m]
                                    im[m] = r * ci[m] + i * cr[m]
                                    sum += i
                                }
                                let env = strike.envelope(at: n)
                                out[n - blockStart] += Float(sum * env * g)
                            }
                            strikes[s].transient.render(
                                adding: out + (from - blockStart), frames: to - from,
                                startingAt: from - strike.start, gain: gain)
                        }
                    }
                }
            }
        }
    }
}

/// One strike of a chime: its span, its slice of the mode arrays and its transient.
struct ChimeStrike: Sendable {
    var start: Int
    var end: Int
    var attackFrames: Int
    var fadeFrames: Int
    var modes: Range<Int>
    var transient: StrikeTransient

    /// Onset ramp × tail fade, both smooth, the fade reaching 0 exactly at `end`.
    @inline(__always)
    func envelope(at n: Int) -> Double {
        var env = 1.0
        let sinceStart = n - start
        if sinceStart < attackFrames { env = DSPMath.smoothstep(Double(sinceStart) / Double(attackFrames)) }
        let untilEnd = end - n
        if untilEnd < fadeFrames { env *= DSPMath.smoothstep(Double(untilEnd) / Double(fadeFrames)) }
        return env
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
