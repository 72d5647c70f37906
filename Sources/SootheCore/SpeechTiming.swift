/// Answers the one question the timeline builder asks of speech: how long is this phrase?
///
/// The real implementation (in `SootheSpeech`) synthesises the phrase with espeak-ng and measures
/// it; ``EstimatedSpeechTiming`` estimates from word count for tests and for tools without audio.
public protocol SpeechTiming: Sendable {
    /// Seconds from the first to the last audible sample of `text` spoken with `voice`.
    /// `text` may hold pause marks (see ``SpeechText``).
    func speechDuration(of text: String, voice: VoiceProfile) throws -> Double

    /// Whether ``prepare(_:)`` is worth a dry run of the builder to find the phrases.
    var wantsPreparation: Bool { get }

    /// Called before a build with every phrase the build will ask about, so that they can be
    /// synthesised together (side by side) rather than one at a time. Best effort: failures
    /// show up when the phrase is asked for.
    func prepare(_ phrases: [SpokenPhrase])
}

extension SpeechTiming {
    public var wantsPreparation: Bool { false }
    public func prepare(_ phrases: [SpokenPhrase]) {}
}

/// A phrase and the voice that speaks it.
public struct SpokenPhrase: Hashable, Sendable {
    public let text: String
    public let voice: VoiceProfile

    public init(text: String, voice: VoiceProfile) {
        self.text = text
        self.voice = voice
    }
}

/// An estimate from word count and the voice's rate: words × 60 / rate, plus pauses and a short
/// breath between sentences. Deterministic and free of C; good enough for tests of the builder.
public struct EstimatedSpeechTiming: SpeechTiming {
    public init() {}

    /// How much faster than its rate a phrase-paced voice speaks each clause.
    static let pacedArticulation = 1.3

    public func speechDuration(of text: String, voice: VoiceProfile) throws -> Double {
        // A phrase-paced voice is asked for each clause alone, trimmed: its words come faster than
        // espeak-ng's rate, which counts its own pauses between them.
        let articulation = voice.clausePause > 0 || voice.sentencePause > 0 ? Self.pacedArticulation : 1
        var seconds = 0.0
        for segment in PhrasePacing.paced(SpeechText.segments(of: text), clause: voice.clausePause, sentence: voice.sentencePause) {
            switch segment {
            case .text(let words):
                let count = words.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
                let sentences = words.filter { ".!?".contains($0) }.count
                seconds += Double(count) * 60 / (Double(max(voice.rate, 80)) * articulation)
                seconds += Double(max(sentences - 1, 0)) * 0.4
                seconds += Double(max(count - 1, 0)) * Double(voice.wordGap) * 0.01
            case .pause(let pause):
                seconds += pause
            }
        }
        return (seconds * 1000).rounded() / 1000
    }
}
