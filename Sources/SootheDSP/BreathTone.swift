/// A tone that paces the breath, for a run of contiguous phases (a whole `breathe` section,
/// cycles concatenated). Mono.
///
/// Two layers follow a model of the lungs: a pad (root, fifth and a faint sub-octave) whose
/// pitch glides up several semitones (the `Voice`'s) and whose brightness grows as the lungs
/// fill, and band-limited noise (24 dB/octave above its moving corner: air, not hiss) shaped like
/// the air flowing in and out. The level rises through an inhale (and a sigh's top-up), glides
/// down to a softer sustain on a hold, falls through the exhale to a quiet floor, where holds on
/// empty lungs and rests stay: never silence inside a section. A struck voice adds a soft note at
/// each phase change over a faint drone. Every curve starts where the last one ended, with zero
/// slope at the joins, and a short smoother removes any step that a very short phase could cause.
///
/// A tone can be one cycle of a longer run: without its edge fades, it starts at the floor with
/// every oscillator at phase zero and ends the same way (its pitch is nudged, by at most a few
/// cents, so the oscillators make whole turns), so the next cycle continues it sample for sample.
public struct BreathTone: Sendable {
    /// The phases of a breath.
    public enum Phase: Sendable { case inhale, topUp, hold, exhale, rest }

    /// One phase and how long it lasts.
    public struct Segment: Sendable {
        /// Which phase.
        public var phase: Phase
        /// Seconds (0 is allowed: the phase is skipped).
        public var duration: Double
        /// Creates a segment.
        public init(phase: Phase, duration: Double) {
            self.phase = phase
            self.duration = duration
        }
    }

    /// Total frames: the sum of the segments, each boundary rounded from the exact running
    /// time, so long sections never drift.
    public let frameCount: Int
    /// Frames already rendered.
    public private(set) var position = 0
    /// Frame at which each segment starts (one per segment; a zero-length one starts and ends
    /// at the same frame).
    public let segmentStarts: [Int]

    private let plans: [BreathPlan]
    private var planIndex = 0
    private let strikes: [Strike]
    private var strikeIndex = 0
    private let voice: Voice
    private let sampleRate: Double
    private let gain: Float
    private let edgeInFrames: Int
    private let edgeOutFrames: Int
    /// Scales the root so the sub-octave makes whole turns over the tone (phase-continuous joins).
    private var pitchScale = 1.0
    private var air: BreathToneAir
    // Pad phases as unit phasors in Double; the SIMD rotators restart from them every interval.
    // The root is twice the sub-octave's phase and the fifth three times it plus the slow
    // detune, so one phasor (and one for the detune) fixes all three.
    private var sub = (re: 1.0, im: 0.0)
    private var detuneNow = (re: 1.0, im: 0.0)
    /// The detune's advance over one interval (a constant).
    private let detuneAdvance: (re: Double, im: Double)
    private let detuneLanes: BreathToneRotator
    /// The slow beat of the fifth, in hertz: whole turns over the tone.
    private let detuneHertz: Double
    // Smoothed controls at the start of the next interval.
    private var level = 0.0
    private var flow = 0.0
    private var lungs = 0.0
    private var exhaling = false
    private let smoothing: Double
    private let noiseScale: Float
    // The interval being played: rendered whole at its absolute position, so any block size
    // gives the same samples.
    private var interval: [Float]
    private var intervalStart = -Self.controlInterval

    /// Frames per control interval: the curves are evaluated at interval ends and ramp
    /// linearly between, the filters are redesigned and the oscillators resynchronised.
    static let controlInterval = BreathToneAir.frames
    /// The fifth is about this many hertz sharp of a pure fifth: a slow beat.
    static let detune = 0.35
    /// Seconds of the fades at a run's edges.
    static let edgeIn = 0.3
    static let edgeOut = 0.6
    /// Lanes of the pad's SIMD rotators (`controlInterval` is a power-of-two multiple).
    static let lanes = 8

    /// A breath tone for `segments` in `voice`, deterministic for a `seed` (pad peak about
    /// −12 dBFS at the voice's level 0). `fadeIn` and `fadeOut` fade the edges to exact silence;
    /// a cycle that continues or is continued by another goes without.
    public init(
        segments: [Segment], sampleRate: Double, seed: UInt64, voice: Voice = .standard,
        fadeIn: Bool = true, fadeOut: Bool = true
    ) {
        self.sampleRate = sampleRate
        self.voice = voice
        var plans: [BreathPlan] = []
        var strikes: [Strike] = []
        var starts: [Int] = []
        var time = 0.0
        var frame = 0
        var lungs = 0.0, level = voice.floor
        for (index, segment) in segments.enumerated() {
            time += max(segment.duration, 0)
            let end = Int(time * sampleRate + 0.5)
            starts.append(frame)
            let nextPhase = segments[(index + 1)...].first { $0.duration > 0 }?.phase
            var plan = BreathPlan(
                phase: segment.phase, start: frame, end: end, lungsFrom: lungs, lungsTo: lungs,
                levelFrom: level, levelTo: level, glideFrames: max(end - frame, 1))
            let floor = voice.floor
            switch segment.phase {
            case .inhale:
                plan.lungsTo = nextPhase == .topUp ? 0.8 : 1
                plan.levelTo = floor + (1 - floor) * plan.lungsTo
            case .topUp:
                plan.lungsTo = 1
                plan.levelTo = 1
            case .hold:
                plan.levelTo = max(level * voice.holdLevel, floor)
                plan.glideFrames = max(1, min(end - frame, Int(0.8 * sampleRate)))
            case .exhale:
                plan.lungsTo = 0
                plan.levelTo = floor
            case .rest:
                plan.levelTo = floor
            }
            if voice.strikes, end > frame,
                let note = Strike.note(for: segment.phase, root: voice.root, previous: strikes.last?.frequency)
            {
                strikes.append(Strike(start: frame, end: end, frequency: note.frequency, amplitude: note.amplitude))
            }
            plan.inverseLength = 1 / Double(max(end - frame, 1))
            plan.inverseGlide = 1 / Double(plan.glideFrames)
            if end > frame {
                lungs = plan.lungsTo
                level = plan.levelTo
            }
            plans.append(plan)
            frame = end
        }
        self.plans = plans
        self.strikes = strikes
        segmentStarts = starts
        frameCount = frame
        self.level = voice.floor
        gain = Float(0.25 * DSPMath.gain(dB: voice.levelDB))
        let edges = Self.edgeFrames(sampleRate: sampleRate, frameCount: frame)
        edgeInFrames = fadeIn ? edges.in : 0
        edgeOutFrames = fadeOut ? edges.out : 0
        air = BreathToneAir(sampleRate: sampleRate, seed: seed)
        // A 15 ms one-pole smoother, applied once per interval.
        smoothing = DSPMath.power(
            DSPMath.onePoleCoefficient(timeConstant: 0.015, sampleRate: sampleRate), Double(Self.controlInterval))
        // Same noise density at every rate.
        noiseScale = Float((3 * sampleRate / 48_000).squareRoot())
        interval = Array(repeating: 0, count: Self.controlInterval)
        let seconds = Double(frame) / sampleRate
        detuneHertz = seconds > 0 ? (Self.detune * seconds).rounded() / seconds : 0
        detuneLanes = Self.rotator(start: (1, 0), step: detuneHertz / sampleRate)
        let advance = 2 * Double.pi * Double(Self.controlInterval) * detuneHertz / sampleRate
        detuneAdvance = (DSPMath.cosine(advance), DSPMath.sine(advance))
        pitchScale = wholeTurnsScale()
    }

    /// Frames of the fades in and out at the edges of a run of `frameCount` frames.
    public static func edgeFrames(sampleRate: Double, frameCount: Int) -> (in: Int, out: Int) {
        (max(1, min(Int(edgeIn * sampleRate), frameCount / 2)), max(1, min(Int(edgeOut * sampleRate), frameCount / 2)))
    }

    /// The edge fades' gain at `frame` of `frameCount` (fades of `fadeIn` and `fadeOut` frames;
    /// 0: none).
    @inline(__always)
    public static func edgeGain(frame k: Int, frameCount: Int, fadeIn: Int, fadeOut: Int) -> Double {
        var fade = 1.0
        if k < fadeIn { fade = DSPMath.smoothstep(Double(k) / Double(fadeIn)) }
        let untilEnd = frameCount - k
        if fadeOut > 0 && untilEnd < fadeOut { fade *= DSPMath.smoothstep(Double(untilEnd) / Double(fadeOut)) }
        return fade
    }

    /// The factor that makes the sub-octave's phase over the whole tone a whole number of turns,
    /// from a dry run of the control curves (the pitch is constant within a control interval).
    private func wholeTurnsScale() -> Double {
        var probe = self
        var rootFrames = 0.0
        while probe.intervalStart + Self.controlInterval < frameCount {
            let lungs0 = probe.advanceControls().lungs
            let frames = min(Self.controlInterval, frameCount - probe.intervalStart)
            rootFrames += Double(frames) * (1 + voice.rise * 0.5 * (lungs0 + probe.lungs))
        }
        let turns = 0.5 * voice.root / sampleRate * rootFrames
        return turns >= 0.5 ? turns.rounded() / turns : 1
    }

    /// Writes the next `buffer.count` frames (zeros once finished), ADDING into the buffer (mix).
    public mutating func render(adding buffer: UnsafeMutableBufferPointer<Float>, gain outerGain: Float) {
        let blockStart = position
        position += buffer.count
        guard let out = buffer.baseAddress else { return }
        let end = min(position, frameCount)
        let g = gain * outerGain
        var n = blockStart
        while n < end {
            if n >= intervalStart + Self.controlInterval { renderInterval() }
            let to = min(end, intervalStart + Self.controlInterval)
            interval.withUnsafeBufferPointer { x in
                let source = x.baseAddress! + (n - intervalStart), target = out + (n - blockStart)
                let count = to - n
                var j = 0
                while j + 8 <= count {
                    let a = UnsafeRawPointer(source + j).loadUnaligned(as: SIMD8<Float>.self)
                    let t = UnsafeMutableRawPointer(target + j)
                    t.storeBytes(of: t.loadUnaligned(as: SIMD8<Float>.self) + g * a, as: SIMD8<Float>.self)
                    j += 8
                }
                while j < count {
                    target[j] += g * source[j]
                    j += 1
                }
            }
            n = to
        }
    }

    /// The raw (unsmoothed) curves at frame `k`, and whether it lies in an exhale.
    private mutating func curves(at frame: Int) -> (lungs: Double, level: Double, flow: Double, exhale: Bool) {
        let k = min(frame, frameCount - 1)
        while planIndex < plans.count - 1 && k >= plans[planIndex].end { planIndex += 1 }
        let plan = plans[planIndex]
        let t = min(Double(k - plan.start) * plan.inverseLength, 1)
        let lungs = plan.lungsFrom + (plan.lungsTo - plan.lungsFrom) * DSPMath.smoothstep(t)
        let level = plan.levelFrom + (plan.levelTo - plan.levelFrom) * DSPMath.smoothstep(Double(k - plan.start) * plan.inverseGlide)
        let flow = plan.hasFlow ? DSPMath.sinCos(turns: 0.5 * t).sin : 0
        return (lungs, level, flow, plan.phase == .exhale)
    }

    /// Moves to the next control interval and smooths the controls towards its end; returns
    /// their values at its start and whether its end lies in an exhale.
    private mutating func advanceControls() -> (lungs: Double, level: Double, flow: Double, exhale: Bool) {
        intervalStart += Self.controlInterval
        let raw = curves(at: intervalStart + Self.controlInterval)
        let start = (lungs, level, flow, raw.exhale)
        lungs = raw.lungs + (lungs - raw.lungs) * smoothing
        level = raw.level + (level - raw.level) * smoothing
        flow = raw.flow + (flow - raw.flow) * smoothing
        if raw.flow == 0 && flow < 1e-4 { flow = 0 }  // under −100 dB: the air stops exactly
        return start
    }

    /// Renders the next control interval into `interval`.
    private mutating func renderInterval() {
        typealias V = SIMD8<Float>
        let count = Self.controlInterval
        // Controls at both ends of the interval; everything ramps linearly between.
        let (lungs0, level0, flow0, exhaleEnd) = advanceControls()
        let k0 = intervalStart
        // The air is brighter on the way in.
        air.setCorner((exhaling ? 700.0 : 900.0) + 1_400 * lungs0)
        exhaling = exhaleEnd

        // Pad: root (with 2nd and 3rd harmonics by brightness), fifth and sub-octave as complex
        // rotators, eight frames to a SIMD step; pitch follows the lungs, constant in an interval.
        let step = voice.root * pitchScale / sampleRate * (1 + voice.rise * 0.5 * (lungs0 + lungs))
        var sub = Self.rotator(start: self.sub, step: 0.5 * step)
        var root = sub.squared()
        let detune = Self.rotator(start: detuneNow, step: 0, lanes: detuneLanes)
        var fifth = root.times(sub).times(detune)
        // Advance the exact states by one interval: the sub's eight-frame jump to the 8th power,
        // then back onto the unit circle (one Newton step; the error never builds up).
        var advance = sub.jump
        var span = Self.lanes
        while span < count {  // the interval is a power-of-two number of lanes
            advance = (advance.re * advance.re - advance.im * advance.im, 2 * advance.re * advance.im)
            span *= 2
        }
        self.sub = Self.unit(Self.times(self.sub, advance))
        detuneNow = Self.unit(Self.times(detuneNow, detuneAdvance))

        while strikeIndex < strikes.count && strikes[strikeIndex].end <= k0 { strikeIndex += 1 }
        let firstStrike = strikeIndex
        let ramp = V(0, 1, 2, 3, 4, 5, 6, 7) / Float(count)
        let lanes = Float(Self.lanes) / Float(count)
        let b0 = Float(0.15 + 0.85 * lungs0), bSpan = Float(0.85 * (lungs - lungs0))
        let padGain = voice.padGain
        let v0 = Float(level0 * padGain), vSpan = Float((level - level0) * padGain)
        let second = Float(voice.second), third = Float(voice.third)
        let fifthLevel = Float(voice.fifth), subLevel = Float(voice.sub)
        interval.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeMutableRawPointer(buffer.baseAddress!)
            var t = ramp
            for v in 0..<(count / Self.lanes) {
                let s: V = root.im, c: V = root.re
                let brightness: V = b0 + bSpan * t
                // sin 2θ = 2·s·c, sin 3θ = 3·s − 4·s³.
                let h2: V = 2 * s * c
                let h3: V = s * (3 - 4 * s * s)
                let harmonics: V = second * h2 + third * h3
                let rootWave: V = s + brightness * harmonics
                var pad: V = 0.62 * rootWave
                pad += fifthLevel * fifth.im
                pad += subLevel * sub.im
                let levelNow: V = v0 + vSpan * t
                out.storeBytes(of: pad * levelNow, toByteOffset: v * MemoryLayout<V>.stride, as: V.self)
                root.advance()
                fifth.advance()
                sub.advance()
                t += lanes
            }
            let x = buffer.baseAddress!
            if voice.air > 0, flow0 > 0 || flow > 0 {
                let a0 = Float(0.35 * voice.air * flow0 * (0.4 + 0.6 * level0)) * noiseScale
                let a1 = Float(0.35 * voice.air * flow * (0.4 + 0.6 * level)) * noiseScale
                air.render(adding: x, from: a0, to: a1)
            }
            if !strikes.isEmpty { Self.addStrikes(strikes[firstStrike...], to: x, from: k0, count: count, sampleRate: sampleRate) }
            // Fades at a run's edges: it starts and ends at exact silence.
            if k0 < edgeInFrames || k0 + count > frameCount - edgeOutFrames {
                for j in 0..<count {
                    x[j] *= Float(Self.edgeGain(frame: k0 + j, frameCount: frameCount, fadeIn: edgeInFrames, fadeOut: edgeOutFrames))
                }
            }
        }
    }

    /// Adds the struck notes sounding in frames `k0 ..< k0 + count` to `x`. Each note's partials
    /// start from their exact phase and decay at the interval's start and recur within it, so
    /// block sizes never change a sample.
    private static func addStrikes(
        _ strikes: ArraySlice<Strike>, to x: UnsafeMutablePointer<Float>, from k0: Int, count: Int, sampleRate: Double
    ) {
        let end = k0 + count
        for strike in strikes {
            if strike.start >= end { break }
            let a = max(k0, strike.start), b = min(end, strike.end)
            guard a < b else { continue }
            let attackFrames = Strike.attack * sampleRate
            let dampFrames = max(1, min(Strike.damping * sampleRate, 0.5 * Double(strike.end - strike.start)))
            let elapsed = Double(a - strike.start)
            for (p, weight) in Strike.partials.enumerated() {
                let harmonic = Double(p + 1)
                let frequency = strike.frequency * harmonic
                guard frequency < 0.45 * sampleRate else { break }
                let turns = frequency / sampleRate
                let phase = turns * elapsed
                var z = DSPMath.sinCos(turns: phase - Double(Int(phase)))
                let rotate = DSPMath.sinCos(turns: turns)
                let rate = harmonic / (Strike.decay * sampleRate)
                var decay = strike.amplitude * weight * DSPMath.exponential(-rate * elapsed)
                let fall = DSPMath.exponential(-rate)
                for k in a..<b {
                    let t = Double(k - strike.start)
                    let shape = DSPMath.smoothstep(t / attackFrames) * DSPMath.smoothstep(Double(strike.end - k) / dampFrames)
                    x[k - k0] += Float(decay * shape * z.sin)
                    z = (z.sin * rotate.cos + z.cos * rotate.sin, z.cos * rotate.cos - z.sin * rotate.sin)
                    decay *= fall
                }
            }
        }
    }

    @inline(__always)
    private static func times(_ a: (re: Double, im: Double), _ b: (re: Double, im: Double)) -> (re: Double, im: Double) {
        (a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
    }

    /// `z` scaled back to magnitude 1 (it is within rounding of it already).
    @inline(__always)
    private static func unit(_ z: (re: Double, im: Double)) -> (re: Double, im: Double) {
        let k = 1.5 - 0.5 * (z.re * z.re + z.im * z.im)
        return (z.re * k, z.im * k)
    }

    /// Eight consecutive frames of a sinusoid starting at the unit phasor `start` and advancing
    /// `step` turns a frame; with `lanes`, the lane offsets are those of an earlier rotator.
    @inline(__always)
    private static func rotator(start: (re: Double, im: Double), step: Double, lanes: BreathToneRotator? = nil) -> BreathToneRotator {
        let s0 = Float(start.im), c0 = Float(start.re)
        if let lanes {
            return BreathToneRotator(
                re: c0 * lanes.re - s0 * lanes.im, im: s0 * lanes.re + c0 * lanes.im, stepRe: lanes.stepRe,
                stepIm: lanes.stepIm, jump: lanes.jump)
        }
        // e^(i·j·w) for the lanes j = 0…7, by Taylor series (|j·w| is small: error ~1e-9).
        let w = SIMD8<Float>(0, 1, 2, 3, 4, 5, 6, 7) * Float(2 * Double.pi * step)
        let w2: SIMD8<Float> = w * w
        var s: SIMD8<Float> = 1 - w2 * Float(1.0 / 72)
        s = 1 - (w2 * Float(1.0 / 42)) * s
        s = 1 - (w2 * Float(1.0 / 20)) * s
        s = 1 - (w2 * Float(1.0 / 6)) * s
        s *= w
        var c: SIMD8<Float> = 1 - w2 * Float(1.0 / 56)
        c = 1 - (w2 * Float(1.0 / 30)) * c
        c = 1 - (w2 * Float(1.0 / 12)) * c
        c = 1 - (w2 * Float(0.5)) * c
        // The eight-frame jump in Double, also by Taylor series (a small angle).
        let x = 2 * Double.pi * Double(Self.lanes) * step, x2 = x * x
        let js = x * (1 - x2 * (1.0 / 6) * (1 - x2 * (1.0 / 20) * (1 - x2 * (1.0 / 42) * (1 - x2 * (1.0 / 72)))))
        let jc = 1 - x2 * 0.5 * (1 - x2 * (1.0 / 12) * (1 - x2 * (1.0 / 30) * (1 - x2 * (1.0 / 56) * (1 - x2 * (1.0 / 90)))))
        return BreathToneRotator(
            re: c0 * c - s0 * s, im: s0 * c + c0 * s, stepRe: Float(jc), stepIm: Float(js), jump: (jc, js))
    }
}

/// Eight consecutive frames of a unit complex sinusoid, stepped eight frames at a time.
struct BreathToneRotator: Sendable {
    var re: SIMD8<Float>
    var im: SIMD8<Float>
    let stepRe: Float
    let stepIm: Float
    /// The eight-frame step in Double (for advancing the exact state).
    let jump: (re: Double, im: Double)

    @inline(__always)
    mutating func advance() {
        let r = re
        re = r * stepRe - im * stepIm
        im = r * stepIm + im * stepRe
    }

    /// The product of two sinusoids: frequencies and phases add.
    @inline(__always)
    func times(_ other: BreathToneRotator) -> BreathToneRotator {
        let r: SIMD8<Float> = re * other.re - im * other.im
        let i: SIMD8<Float> = re * other.im + im * other.re
        return BreathToneRotator(
            re: r, im: i, stepRe: stepRe * other.stepRe - stepIm * other.stepIm,
            stepIm: stepRe * other.stepIm + stepIm * other.stepRe, jump: jump)
    }

    /// Twice the frequency and phase.
    @inline(__always)
    func squared() -> BreathToneRotator { times(self) }
}

/// One phase, resolved: its frames and the values its curves glide between.
struct BreathPlan: Sendable {
    var phase: BreathTone.Phase
    var start: Int
    var end: Int
    var lungsFrom: Double
    var lungsTo: Double
    var levelFrom: Double
    var levelTo: Double
    /// Frames over which the level glides (a hold settles quickly, then sustains).
    var glideFrames: Int
    /// 1 / frames of the phase (at least one), 1 / `glideFrames`: control-rate divisions, done once.
    var inverseLength = 0.0
    var inverseGlide = 0.0
    /// Whether air flows (and the breath noise sounds) during this phase.
    var hasFlow: Bool { phase == .inhale || phase == .topUp || phase == .exhale }
}
