import Foundation
import SootheCore
import Testing
@testable import SootheSpeech

@Suite("Each phrase spoken from the same espeak-ng state", .serialized)
struct IsolatedSynthesisTests {
    /// espeak-ng on its own carries state from call to call (the same phrase came out up to
    /// ~600 samples longer after a long sentence); each phrase is now spoken by a child forked
    /// from one state, so what was spoken or selected before must not change a sample.
    @Test func phraseDoesNotDependOnWhatWasSpokenBefore() throws {
        let phrase = "Breathe in, and let it go."
        let alone = try SpeechSynthesizer().nativeClip(for: phrase, voice: Fixtures.voice)

        let busy = SpeechSynthesizer()
        var other = Fixtures.voice
        other.espeak = "en-gb+m3"
        other.rate = 170
        _ = try busy.nativeClip(for: Fixtures.passage, voice: Fixtures.voice)
        _ = try busy.nativeClip(for: "Notice five things you can see.", voice: other)
        _ = try busy.nativeClip(for: "Hold. [1s] And release.", voice: Fixtures.voice.withRate(90))
        let afterOthers = try busy.nativeClip(for: phrase, voice: Fixtures.voice)

        #expect(alone.samples.count == afterOthers.samples.count)
        let identical = alone.samples == afterOthers.samples
        #expect(identical)
        #expect(alone.words == afterOthers.words)
        #expect(alone.sentences == afterOthers.sentences)
    }

    @Test func segmentsOfOnePhraseMatchTheSameTextsSpokenAlone() throws {
        // A phrase with a pause mark is two espeak-ng calls, run side by side in two children.
        let synth = SpeechSynthesizer()
        let joined = try synth.nativeClip(for: "Breathe in. [1s] Breathe out.", voice: Fixtures.voice)
        let first = try SpeechSynthesizer().nativeClip(for: "Breathe in.", voice: Fixtures.voice)
        let prefix = Array(joined.samples.prefix(first.samples.count))
        #expect(prefix == first.samples)
        #expect(joined.words.count == 4)
    }

    /// A timeline hands over its phrases first; they are synthesised side by side, and are the
    /// very clips one-at-a-time synthesis makes.
    @Test func preparedPhrasesAreTheSameClipsAndLaterLookups() throws {
        var other = Fixtures.voice
        other.espeak = "en+m3"
        let phrases = [
            SpokenPhrase(text: "Breathe in.", voice: Fixtures.voice),
            SpokenPhrase(text: "Hold it gently. [0.5s] And let go.", voice: Fixtures.voice),
            SpokenPhrase(text: "Breathe in.", voice: other),
            SpokenPhrase(text: Fixtures.passage, voice: Fixtures.voice),
        ]
        let prepared = SpeechSynthesizer()
        prepared.prepare(phrases)
        #expect(prepared.synthesisCount == 4)
        let oneByOne = SpeechSynthesizer()
        for phrase in phrases {
            let a = try prepared.nativeClip(for: phrase.text, voice: phrase.voice)
            let b = try oneByOne.nativeClip(for: phrase.text, voice: phrase.voice)
            let identical = a.samples == b.samples && a.words == b.words && a.sentences == b.sentences
            #expect(identical, "\(phrase.text)")
        }
        #expect(prepared.synthesisCount == 4, "nothing synthesised twice")
    }

    /// The server lives as long as the process; it must not keep open what it inherited (an
    /// output being written, a pipe someone waits on to close): only the standard three and its
    /// socket.
    @Test func theServerHoldsNoInheritedDescriptor() throws {
        _ = try SpeechSynthesizer().nativeClip(for: "Rest.", voice: Fixtures.voice)
        let pid = try #require(EspeakEngine.shared.serverProcess)
        let open = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").compactMap(Int.init).sorted()
        #expect(open.count <= 4, "\(open)")
        #expect(open.filter { $0 > 2 }.count == 1, "\(open)")
    }

    /// A killed speech server is replaced, from the same state: speech goes on, and the same
    /// phrase comes out the same. (Phrases other tests have in flight meanwhile are asked again.)
    @Test func aKilledServerIsReplacedAndSpeaksTheSame() throws {
        let before = try SpeechSynthesizer().nativeClip(for: "Let the breath slow down.", voice: Fixtures.voice)
        let pid = try #require(EspeakEngine.shared.serverProcess)
        #expect(kill(pid, SIGKILL) == 0)
        let after = try SpeechSynthesizer().nativeClip(for: "Let the breath slow down.", voice: Fixtures.voice)
        #expect(EspeakEngine.shared.serverProcess != pid)
        let identical = before.samples == after.samples && before.words == after.words
        #expect(identical)
    }

    @Test func unknownVoiceStillFailsBeforeAnyChildStarts() {
        var wrong = Fixtures.voice
        wrong.espeak = "en-uss"
        #expect(throws: SpeechError.self) { try SpeechSynthesizer().nativeClip(for: "Hello.", voice: wrong) }
    }
}
