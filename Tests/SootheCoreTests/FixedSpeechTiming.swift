import Synchronization
@testable import SootheCore

/// A speech-timing fake: every phrase lasts `seconds` (or a per-text override), and every call
/// is counted, so tests can show that work was, or was not, done.
final class FixedSpeechTiming: SpeechTiming {
    let seconds: Double
    let overrides: [String: Double]
    private let counter = Mutex<[String]>([])

    init(seconds: Double, overrides: [String: Double] = [:]) {
        self.seconds = seconds
        self.overrides = overrides
    }

    func speechDuration(of text: String, voice: VoiceProfile) throws -> Double {
        counter.withLock { $0.append(text) }
        return overrides[text] ?? seconds
    }

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
