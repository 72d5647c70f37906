import SootheDSP

/// What decides a breath cycle's samples, besides the seed: two cycles with equal keys render
/// identically from the same seed, so one rendering serves both.
///
/// The frame boundaries are those `BreathTone` computes (each rounded from the cycle's own
/// running time), not the seconds: 5.5 s and 5.500001 s are the same cycle at 48 kHz.
struct BreathCycleKey: Hashable, Sendable {
    /// The phases, in order (zero-length ones are dropped before: `BreathTone` skips them).
    var phases: [BreathTone.Phase]
    /// The frame at which each phase starts, from the cycle's start.
    var segmentStarts: [Int]
    /// The cycle's length in frames.
    var frameCount: Int
    /// The gain the cycle is mixed at, as bits (a rendering has its gain applied).
    var gainBits: UInt32
    /// How it sounds.
    var voice: BreathTone.Voice

    /// The key of `tone`, built from `segments`, sounding as `voice` and mixed at `gain`.
    init(tone: BreathTone, segments: [BreathTone.Segment], voice: BreathTone.Voice, gain: Float) {
        phases = segments.map(\.phase)
        segmentStarts = tone.segmentStarts
        frameCount = tone.frameCount
        gainBits = gain.bitPattern
        self.voice = voice
    }
}
