import Synchronization
@testable import SootheCore

/// A speech-timing fake: every phrase lasts `seconds` (or a per-text override), and every call
/// is counted, so tests can show that work was, or was not, done.
final class FixedSpeechTiming: SpeechTiming {
    let seconds: Double
    let overrides: [String: Double]
    private let counter = Mutex<[String]>([])

    init(seconds: Double, overrides: [String: Double] = [:], wantsPreparation: Bool = false) {
        self.seconds = seconds
        self.overrides = overrides
        self.wantsPreparation = wantsPreparation
    }

    func speechDuration(of text: String, voice: VoiceProfile) throws -> Double {
        counter.withLock { $0.append(text) }
        return overrides[text] ?? seconds
    }

    /// Whether to be handed every phrase before a build (as the real synthesiser is).
    let wantsPreparation: Bool
    private let prepared = Mutex<[[SpokenPhrase]]>([])

    func prepare(_ phrases: [SpokenPhrase]) {
        let asked = requests.count
        prepared.withLock { $0.append(phrases) }
        // Preparation comes before any question of the build.
        precondition(asked == counter.withLock { $0.count })
    }

    /// The phrases of each ``prepare(_:)`` call.
    var preparations: [[SpokenPhrase]] { prepared.withLock { $0 } }

    /// Every text asked about, in order.
    var requests: [String] { counter.withLock { $0 } }
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
