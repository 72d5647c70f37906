/// A synthesised phrase: mono float samples with the positions of its words and sentences.
///
/// The clip starts where the voice starts and ends where it stops (espeak-ng's own leading and
/// trailing silences are trimmed, keeping a few milliseconds of margin); pause marks inside the
/// text are exact silences within the clip.
public struct SpeechClip: Sendable {
    /// Mono samples in −1…1.
    public let samples: [Float]
    /// Samples per second.
    public let sampleRate: Int
    /// Word starts, in order, with frames counted from the clip's first sample.
    public let words: [WordMark]
    /// Sentence starts, as frames counted from the clip's first sample, in order.
    public let sentences: [Int]

    /// A clip from its parts (also useful for fakes in tests of other targets).
    public init(samples: [Float], sampleRate: Int, words: [WordMark] = [], sentences: [Int] = []) {
        self.samples = samples
        self.sampleRate = sampleRate
        self.words = words
        self.sentences = sentences
    }

    /// Length in seconds.
    public var duration: Double {
        sampleRate > 0 ? Double(samples.count) / Double(sampleRate) : 0
    }
}
