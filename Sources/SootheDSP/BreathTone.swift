/// A tone that paces the breath, for a run of contiguous phases (a whole `breathe` section,
/// cycles concatenated). Mono.
///
/// Two layers follow a model of the lungs: a low, warm pad (root, fifth and sub-octave) whose
/// pitch rises a semitone and whose brightness grows as the lungs fill, and band-limited noise
/// (24 dB/octave above its moving corner: air, not hiss) shaped like the air flowing in and out. The level rises through an inhale (and a sigh's
/// top-up), glides down to a quiet sustain on a hold, falls through the exhale and rests at
/// silence. Every curve starts where the last one ended, with zero slope at the joins, and a
/// short smoother removes any step that a very short phase could cause.
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
    private let sampleRate: Double
    private let gain: Float
    private let edgeInFrames: Int
    private let edgeOutFrames: Int
    private var rng: SplitMix64
    private var highPass: Biquad
    private var lowPass: Biquad
    private var lowPass2: Biquad
    private var phaseRoot = 0.0
    private var phaseFifth = 0.0
    private var phaseSub = 0.0
    private var level = 0.0
    private var flow = 0.0
    private var lungs = 0.0
    private let smoothing: Double
    private let noiseScale: Float

    /// The pad's root at empty lungs, in hertz (A2).
    public static let rootFrequency = 110.0
    /// Pitch at full lungs relative to empty: one semitone up.
    static let pitchRise = 1.059_463_094_359_295_3 - 1
    /// Level of a hold relative to the level reached before it.
    public static let holdLevel = 0.4
    static let controlInterval = 32

    /// A breath tone for `segments`, deterministic for a `seed`, `levelDB` relative to the
    /// nominal level (pad peak about −12 dBFS).
    public init(segments: [Segment], sampleRate: Double, seed: UInt64, levelDB: Double = 0) {
        self.sampleRate = sampleRate
        var plans: [BreathPlan] = []
        var starts: [Int] = []
        var time = 0.0
        var frame = 0
        var lungs = 0.0, level = 0.0
        for (index, segment) in segments.enumerated() {
            time += max(segment.duration, 0)
            let end = Int(time * sampleRate + 0.5)
            starts.append(frame)
            let nextPhase = segments[(index + 1)...].first { $0.duration > 0 }?.phase
            var plan = BreathPlan(
                phase: segment.phase, start: frame, end: end, lungsFrom: lungs, lungsTo: lungs,
                levelFrom: level, levelTo: level, glideFrames: max(end - frame, 1))
            switch segment.phase {
            case .inhale:
                plan.lungsTo = nextPhase == .topUp ? 0.8 : 1
                plan.levelTo = plan.lungsTo
            case .topUp:
                plan.lungsTo = 1
                plan.levelTo = 1
            case .hold:
                plan.levelTo = level * Self.holdLevel
                plan.glideFrames = max(1, min(end - frame, Int(0.8 * sampleRate)))
            case .exhale:
                plan.lungsTo = 0
                plan.levelTo = 0
            case .rest:
                plan.levelTo = 0
            }
            if end > frame {
                lungs = plan.lungsTo
                level = plan.levelTo
            }
            plans.append(plan)
            frame = end
        }
        self.plans = plans
        segmentStarts = starts
        frameCount = frame
        gain = Float(0.25 * DSPMath.gain(dB: levelDB))
        edgeInFrames = max(1, Int(0.02 * sampleRate))
        edgeOutFrames = max(1, Int(0.06 * sampleRate))
        rng = SplitMix64(seed: seed)
        highPass = Biquad(.highPass, frequency: 250, q: 0.7, sampleRate: sampleRate)
        lowPass = Biquad(.lowPass, frequency: 900, q: 0.7, sampleRate: sampleRate)
        lowPass2 = lowPass
        smoothing = DSPMath.onePoleCoefficient(timeConstant: 0.015, sampleRate: sampleRate)
        // Same noise density at every rate.
        noiseScale = Float((3 * sampleRate / 48_000).squareRoot())
    }

    /// Writes the next `buffer.count` frames (zeros once finished), ADDING into the buffer (mix).
    public mutating func render(adding buffer: UnsafeMutableBufferPointer<Float>, gain outerGain: Float) {
        let blockStart = position
        position += buffer.count
        guard let out = buffer.baseAddress else { return }
        let end = min(position, frameCount)
        if blockStart >= end { return }
        let twoPi = 2 * Double.pi
        let rootStep = twoPi * Self.rootFrequency / sampleRate
        let detune = twoPi * 0.35 / sampleRate
        let g = gain * outerGain
        var n = blockStart
        while n < end {
            while planIndex < plans.count - 1 && n >= plans[planIndex].end { planIndex += 1 }
            let plan = plans[planIndex]
            let runEnd = min(end, plan.end)
            for k in n..<runEnd {
                let x = Double(k - plan.start)
                let lungsNow = plan.lungsFrom + (plan.lungsTo - plan.lungsFrom) * DSPMath.smoothstep(x / Double(plan.end - plan.start))
                let levelNow = plan.levelFrom + (plan.levelTo - plan.levelFrom) * DSPMath.smoothstep(x / Double(plan.glideFrames))
                let flowNow = plan.hasFlow ? DSPMath.sine(Double.pi * x / Double(plan.end - plan.start)) : 0
                lungs = lungsNow + (lungs - lungsNow) * smoothing
                level = levelNow + (level - levelNow) * smoothing
                flow = flowNow + (flow - flowNow) * smoothing
                if k % Self.controlInterval == 0 {
                    // The air is brighter on the way in.
                    let base = plan.phase == .exhale ? 700.0 : 900.0
                    lowPass.set(.lowPass, frequency: base + 1_400 * lungs, q: 0.7, sampleRate: sampleRate)
                    lowPass2.set(.lowPass, frequency: base + 1_400 * lungs, q: 0.7, sampleRate: sampleRate)
                }
                // Pad: pitch and brightness follow the lungs.
                let step = rootStep * (1 + Self.pitchRise * lungs)
                phaseRoot += step
                if phaseRoot > twoPi { phaseRoot -= twoPi }
                phaseFifth += 1.5 * step + detune
                if phaseFifth > twoPi { phaseFifth -= twoPi }
                phaseSub += 0.5 * step
                if phaseSub > twoPi { phaseSub -= twoPi }
                let s = DSPMath.sine(phaseRoot), c = DSPMath.cosine(phaseRoot)
                let brightness = 0.15 + 0.85 * lungs
                let root = s + brightness * (0.3 * 2 * s * c + 0.12 * (3 * s - 4 * s * s * s))
                let pad = 0.62 * root + 0.22 * DSPMath.sine(phaseFifth) + 0.2 * DSPMath.sine(phaseSub)
                let air = lowPass2.process(lowPass.process(highPass.process(noiseScale * rng.nextBipolar())))
                var sample = Float(pad * level) + Float(0.35 * flow * (0.4 + 0.6 * level)) * air
                // Tiny fades at the section's edges: it starts and ends at exact silence.
                if k < edgeInFrames { sample *= Float(DSPMath.smoothstep(Double(k) / Double(edgeInFrames))) }
                let untilEnd = frameCount - k
                if untilEnd < edgeOutFrames { sample *= Float(DSPMath.smoothstep(Double(untilEnd) / Double(edgeOutFrames))) }
                out[k - blockStart] += g * sample
            }
            n = runEnd
        }
    }
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
    /// Whether air flows (and the breath noise sounds) during this phase.
    var hasFlow: Bool { phase == .inhale || phase == .topUp || phase == .exhale }
}
