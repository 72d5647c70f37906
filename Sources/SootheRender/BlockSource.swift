import SootheDSP

/// A mono sound that renders itself block by block, adding into a buffer.
///
/// Used as a generic constraint (never as an existential) so the mixer's calls are specialised.
protocol BlockSource {
    /// Frames until the sound has ended.
    var frameCount: Int { get }
    /// Frames rendered so far.
    var position: Int { get }
    /// Adds the next `buffer.count` frames times `gain` into `buffer`.
    mutating func render(adding buffer: UnsafeMutableBufferPointer<Float>, gain: Float)
}

extension ChimeVoice: BlockSource {}
extension BreathTone: BlockSource {}

/// A synthesised phrase placed in the mix.
struct ClipSource: BlockSource {
    let samples: [Float]
    private(set) var position = 0
    var frameCount: Int { samples.count }

    init(samples: [Float]) {
        self.samples = samples
    }

    mutating func render(adding buffer: UnsafeMutableBufferPointer<Float>, gain: Float) {
        let count = min(buffer.count, samples.count - position)
        guard count > 0, let out = buffer.baseAddress else { return }
        samples.withUnsafeBufferPointer { source in
            let base = source.baseAddress! + position
            for i in 0..<count { out[i] += base[i] * gain }
        }
        position += count
    }
}

/// Sounds that start at known frames, mixed in as each block passes.
struct Schedule<Source: BlockSource> {
    struct Event {
        var start: Int
        var source: Source
        var gain: Float
    }

    private var events: [Event]
    private var next = 0
    private var active: [Int] = []

    /// `events` in any order.
    init(_ events: [Event]) {
        self.events = events.sorted { $0.start < $1.start }
    }

    /// Adds every sound that sounds during the block starting at `firstFrame`.
    mutating func render(adding buffer: UnsafeMutableBufferPointer<Float>, firstFrame: Int) {
        let end = firstFrame + buffer.count
        while next < events.count, events[next].start < end {
            active.append(next)
            next += 1
        }
        var i = 0
        while i < active.count {
            let index = active[i]
            let offset = max(0, events[index].start - firstFrame)
            let slice = UnsafeMutableBufferPointer(rebasing: buffer[offset...])
            let gain = events[index].gain
            events[index].source.render(adding: slice, gain: gain)
            if events[index].source.position >= events[index].source.frameCount {
                active.swapAt(i, active.count - 1)
                active.removeLast()
            } else {
                i += 1
            }
        }
    }
}
