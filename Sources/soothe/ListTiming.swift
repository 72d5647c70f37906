import SootheCore
import SootheSpeech
import Synchronization

/// Speech lengths for `soothe list`, answered at once: a phrase's exact length when the speech
/// cache knows it, else an estimate from its words (and the timeline is then marked estimated).
/// Nothing is spoken, so a cold cache costs no synthesis.
final class ListTiming: SpeechTiming, Sendable {
    private let synthesizer: SpeechSynthesizer
    private let estimated = Atomic<Bool>(false)

    init(_ synthesizer: SpeechSynthesizer) {
        self.synthesizer = synthesizer
    }

    /// Whether any length was estimated.
    var usedEstimates: Bool { estimated.load(ordering: .relaxed) }

    func speechDuration(of text: String, voice: VoiceProfile) throws -> Double {
        if let known = synthesizer.knownSpeechDuration(of: text, voice: voice) { return known }
        estimated.store(true, ordering: .relaxed)
        return try EstimatedSpeechTiming().speechDuration(of: text, voice: voice)
    }
}
