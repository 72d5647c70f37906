import Synchronization
@testable import SootheCore

/// A speech-timing fake: every phrase lasts `seconds` (or a per-text override), and every call
/// is logged in order, so tests can show that work was, or was not, done, and when.
final class FixedSpeechTiming: SpeechTiming {
    /// One call the builder made.
    enum Event: Equatable {
        /// `prepare(_:)` with these phrases.
        case prepared([SpokenPhrase])
        /// `speechDuration(of:voice:)` for this text.
        case asked(String)
    }

    let seconds: Double
    let overrides: [String: Double]
    /// Whether to be handed every phrase before a build (as the real synthesiser is).
    let wantsPreparation: Bool
    private let log = Mutex<[Event]>([])

    init(seconds: Double, overrides: [String: Double] = [:], wantsPreparation: Bool = false) {
        self.seconds = seconds
        self.overrides = overrides
        self.wantsPreparation = wantsPreparation
    }

    func speechDuration(of text: String, voice: VoiceProfile) throws -> Double {
        log.withLock { $0.append(.asked(text)) }
        return overrides[text] ?? seconds
    }

    func prepare(_ phrases: [SpokenPhrase]) {
        log.withLock { $0.append(.prepared(phrases)) }
    }

    /// Every call, in the order made.
    var events: [Event] { log.withLock { $0 } }

    /// The phrases of each ``prepare(_:)`` call.
    var preparations: [[SpokenPhrase]] {
        events.compactMap { if case .prepared(let phrases) = $0 { phrases } else { nil } }
    }

    /// Every text asked about, in order.
    var requests: [String] {
        events.compactMap { if case .asked(let text) = $0 { text } else { nil } }
    }
    var calls: Int { requests.count }
}

/// A speech-timing fake that always fails, as a voice espeak-ng cannot load would.
struct FailingSpeechTiming: SpeechTiming {
    struct Unavailable: Error, CustomStringConvertible {
        var description: String { "voice not installed" }
    }

    func speechDuration(of text: String, voice: VoiceProfile) throws -> Double {
        throw Unavailable()
    }
}

/// Estimated lengths, from a timing that asks for every phrase before a build (as the real
/// synthesiser does), so the builder's dry run runs too; counts the phrases handed over.
final class PreparingSpeechTiming: SpeechTiming {
    private let handed = Mutex(0)
    var wantsPreparation: Bool { true }
    func prepare(_ phrases: [SpokenPhrase]) { handed.withLock { $0 += phrases.count } }
    func speechDuration(of text: String, voice: VoiceProfile) throws -> Double {
        try EstimatedSpeechTiming().speechDuration(of: text, voice: voice)
    }
    /// Phrases handed over so far.
    var phrasesHanded: Int { handed.withLock { $0 } }
}

/// A speech-timing fake for a machine that cannot speak at all (no process can be started).
final class UnavailableSpeechTiming: SpeechTiming {
    private let counter = Mutex(0)
    func speechDuration(of text: String, voice: VoiceProfile) throws -> Double {
        counter.withLock { $0 += 1 }
        throw SpeechUnavailable("cannot start the speech process: Resource temporarily unavailable")
    }
    var calls: Int { counter.withLock { $0 } }
}
