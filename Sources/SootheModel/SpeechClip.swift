/// A synthesised phrase: mono float samples with the positions of its words and sentences.
///
/// The clip starts where the voice starts (espeak-ng's own leading silence is trimmed, keeping a
/// few milliseconds of margin); pause marks inside the text are exact silences within the clip.
/// The voice stops at ``voiceFrames``; a profile with a room lets it ring on after that, and the
/// tail is part of the samples (it sounds under whatever follows) but not of the phrase's time.
public struct SpeechClip: Sendable {
    /// Mono samples in −1…1.
    public let samples: [Float]
    /// Samples per second.
    public let sampleRate: Int
    /// Word starts, in order, with frames counted from the clip's first sample.
    public let words: [WordMark]
    /// Sentence starts, as frames counted from the clip's first sample, in order.
    public let sentences: [Int]
    /// Frames from the first sample to where the voice stops: the phrase's length on a
    /// timeline. The samples after it, if any, are the room's tail.
    public let voiceFrames: Int

    /// A clip from its parts (also useful for fakes in tests of other targets).
    /// `voiceFrames` defaults to every sample (no tail).
    public init(samples: [Float], sampleRate: Int, words: [WordMark] = [], sentences: [Int] = [], voiceFrames: Int? = nil) {
        self.samples = samples
        self.sampleRate = sampleRate
        self.words = words
        self.sentences = sentences
        self.voiceFrames = min(max(voiceFrames ?? samples.count, 0), samples.count)
    }

    /// The phrase's length in seconds: to where the voice stops (the tail not counted).
    public var duration: Double {
        sampleRate > 0 ? Double(voiceFrames) / Double(sampleRate) : 0
    }
}
