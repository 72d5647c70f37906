import SootheDSP

/// One breath cycle in the mix: streamed from its `BreathTone`, or replayed from a rendering
/// held by the `BreathCycleCache`; a run's first cycle fades in and its last fades out, here
/// rather than in the rendering, so every cycle of a run can share one.
struct BreathCycleSource: BlockSource {
    // Exactly one is set. Two optionals rather than an enum with payloads: `tone!.render`
    // mutates the tone in place, where switching over a payload would copy it (and its buffers)
    // on every block.
    private var tone: BreathTone?
    private var clip: SamplesSource?
    let frameCount: Int
    private(set) var position = 0
    private var fadeIn = 0
    private var fadeOut = 0

    /// Streams `tone` (rendered without edge fades).
    init(tone: BreathTone, fadeIn: Bool, fadeOut: Bool, sampleRate: Int) {
        self.tone = tone
        frameCount = tone.frameCount
        setFades(fadeIn: fadeIn, fadeOut: fadeOut, sampleRate: sampleRate)
    }

    /// Replays `samples` (shared with the cache, never copied).
    init(samples: [Float], fadeIn: Bool, fadeOut: Bool, sampleRate: Int) {
        clip = SamplesSource(samples: samples)
        frameCount = samples.count
        setFades(fadeIn: fadeIn, fadeOut: fadeOut, sampleRate: sampleRate)
    }

    private mutating func setFades(fadeIn: Bool, fadeOut: Bool, sampleRate: Int) {
        let edges = BreathTone.edgeFrames(sampleRate: Double(sampleRate), frameCount: frameCount)
        self.fadeIn = fadeIn ? edges.in : 0
        self.fadeOut = fadeOut ? edges.out : 0
    }

    mutating func render(adding buffer: UnsafeMutableBufferPointer<Float>, gain: Float) {
        let start = position
        if start >= fadeIn && start + buffer.count <= frameCount - fadeOut {
            renderUnfaded(adding: buffer, gain: gain)
            return
        }
        // At an edge: the very samples the middle would add, then faded (the same for a replay
        // and a stream, whose samples are equal).
        withUnsafeTemporaryAllocation(of: Float.self, capacity: buffer.count) { scratch in
            scratch.initialize(repeating: 0)
            renderUnfaded(adding: scratch, gain: gain)
            for i in 0..<min(buffer.count, max(frameCount - start, 0)) {
                let fade = BreathTone.edgeGain(frame: start + i, frameCount: frameCount, fadeIn: fadeIn, fadeOut: fadeOut)
                buffer[i] += scratch[i] * Float(fade)
            }
        }
    }

    private mutating func renderUnfaded(adding buffer: UnsafeMutableBufferPointer<Float>, gain: Float) {
        if tone != nil {
            tone!.render(adding: buffer, gain: gain)
        } else {
            clip!.render(adding: buffer, gain: gain)
        }
        position += buffer.count
    }
}
