import SootheCore
import Testing
@testable import SootheSpeech

/// `soothe breathe` in every language soothe has words in, spoken by espeak-ng: every preset's
/// prompts fit the phases they open (a prompt that outlasts its phase is a warning).
@Suite struct BreathePhrasesFitTests {
    @Test(arguments: ["en-us", "es", "de", "fr-fr", "pt-br", "pt", "it"])
    func everyPresetsPromptsFitItsPhases(espeak: String) throws {
        // The shipped profiles' pace: the slowest soothe speaks its own words at.
        let voice = VoiceProfile(name: "test", espeak: espeak + "+f3", rate: 125, pitch: 40, range: 25, wordGap: 8)
        let table = try #require(PhraseTable.table(for: SpeechLanguage(espeak: espeak)))
        let builder = TimelineBuilder(voices: ["test": voice], timing: SpeechSynthesizer())
        for preset in BreathPattern.presetNames {
            let track = try #require(BreathingTrack(pattern: preset, cycles: 1, chime: nil, voice: "test"))
            let (timeline, diagnostics) = try builder.build(track.script(voice: voice))
            #expect(timeline != nil && diagnostics.isEmpty, "\(table.name) \(preset): \(diagnostics)")
        }
    }
}
