import SootheDSP

/// One breath cycle in the mix: streamed from its `BreathTone`, or replayed from a rendering
/// held by the `BreathCycleCache`.
struct BreathCycleSource: BlockSource {
    // Exactly one is set. Two optionals rather than an enum with payloads: `tone!.render`
    // mutates the tone in place, where switching over a payload would copy it (and its buffers)
    // on every block.
    private var tone: BreathTone?
    private var clip: SamplesSource?
    let frameCount: Int
    private(set) var position = 0

    /// Streams `tone`.
    init(tone: BreathTone) {
        self.tone = tone
        frameCount = tone.frameCount
    }

    /// Replays `samples` (shared with the cache, never copied).
    init(samples: [Float]) {
        clip = SamplesSource(samples: samples)
        frameCount = samples.count
    }

    mutating func render(adding buffer: UnsafeMutableBufferPointer<Float>, gain: Float) {
        if tone != nil {
            tone!.render(adding: buffer, gain: gain)
        } else {
            clip!.render(adding: buffer, gain: gain)
        }
        position += buffer.count
    }
}
