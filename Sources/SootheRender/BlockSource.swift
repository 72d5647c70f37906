import SootheCore
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

/// Samples held in memory, replayed (a breath cycle from `BreathCycleCache`).
struct SamplesSource: BlockSource {
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

/// A synthesised phrase placed in the mix, whose samples are fetched when the mix reaches it and
/// let go when it has sounded: a render holds the phrases that are sounding, not all of them.
struct ClipSource: BlockSource {
    let speech: Cue.Speech
    /// The script line of its cue, for the message of a failure.
    let line: Int
    /// The clip's length in samples, known before its samples are.
    let frameCount: Int
    let fetcher: ClipFetcher
    private var playing: SamplesSource?
    private(set) var position = 0

    init(speech: Cue.Speech, line: Int, frameCount: Int, fetcher: ClipFetcher) {
        self.speech = speech
        self.line = line
        self.frameCount = frameCount
        self.fetcher = fetcher
    }

    mutating func render(adding buffer: UnsafeMutableBufferPointer<Float>, gain: Float) {
        guard position < frameCount else { return }
        if playing == nil { playing = SamplesSource(samples: fetcher.samples(speech, line: line, frameCount: frameCount)) }
        playing!.render(adding: buffer, gain: gain)
        position = playing!.position
        if position >= frameCount { playing = nil }
    }
}

/// Fetches phrases' samples for one mixing pass, keeping the first failure for the pass to
/// report (the mixer's inner loop cannot throw). Used from one thread.
final class ClipFetcher {
    let provider: any SpeechClipProvider
    let sampleRate: Int
    private(set) var failure: RenderError?

    /// A clip whose length is not the one the mix was laid out with.
    struct LengthChanged: Error, CustomStringConvertible {
        let expected: Int, got: Int
        var description: String { "its length changed from \(expected) to \(got) samples between two questions" }
    }

    init(provider: any SpeechClipProvider, sampleRate: Int) {
        self.provider = provider
        self.sampleRate = sampleRate
    }

    /// The phrase's samples, exactly `frameCount` of them and every one a number (silence where
    /// a sample is not, or after a failure).
    func samples(_ speech: Cue.Speech, line: Int, frameCount: Int) -> [Float] {
        guard failure == nil else { return [Float](repeating: 0, count: frameCount) }
        do {
            let clip = try provider.clip(for: speech.text, voice: speech.voice, sampleRate: sampleRate).samples
            guard clip.count == frameCount else { throw LengthChanged(expected: frameCount, got: clip.count) }
            return clip.allSatisfy(\.isFinite) ? clip : clip.map { $0.isFinite ? $0 : 0 }
        } catch {
            failure = MixEngine.speechFailure(error, words: speech.words, line: line)
            return [Float](repeating: 0, count: frameCount)
        }
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
