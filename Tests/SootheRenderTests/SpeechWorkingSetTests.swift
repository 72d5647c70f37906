import Foundation
import SootheCore
@testable import SootheRender
import Synchronization
import Testing

/// A render holds the phrases that are sounding, not all of them: each phrase's length is asked
/// once when the engine is made, its samples only when the mix reaches it, and a failure then
/// ends the pass with the phrase and its line named.
@Suite struct SpeechWorkingSetTests {
    /// `MarkerSpeech` that counts what it is asked and can fail one phrase.
    final class CountingVoice: SpeechClipProvider, Sendable {
        let voice = MarkerSpeech(signal: .cosine(frequency: 300, amplitude: 0.3))
        let failing: String?
        let clips = Mutex<[String]>([])
        let lengths = Mutex<[String]>([])

        init(failing: String? = nil) {
            self.failing = failing
        }

        func clip(for text: String, voice profile: VoiceProfile, sampleRate: Int) throws -> SpeechClip {
            clips.withLock { $0.append(text) }
            if text == failing { throw CocoaError(.fileReadCorruptFile) }
            return try voice.clip(for: text, voice: profile, sampleRate: sampleRate)
        }

        func clipLength(for text: String, voice profile: VoiceProfile, sampleRate: Int) throws -> Int {
            lengths.withLock { $0.append(text) }
            return try voice.clip(for: text, voice: profile, sampleRate: sampleRate).samples.count
        }
    }

    /// Twenty distinct phrases 4 s apart, the fifth said again at the end.
    static let script = "title: Many phrases\nsteps:\n"
        + (1...20).map { "  - say: Phrase number \($0).\n  - pause: 4s\n" }.joined()
        + "  - say: Phrase number 5.\n"

    @Test func phrasesAreFetchedAsTheMixReachesThem() throws {
        let timeline = try Sessions.timeline(Self.script)
        let voice = CountingVoice()
        let options = RenderOptions(format: .wav, sampleRate: 22050, channels: 1, blockFrames: 4096)
        var engine = try MixEngine(timeline: timeline, options: options, speech: voice)
        #expect(voice.lengths.withLock { $0.count } == 20, "one length question per distinct phrase")
        #expect(voice.clips.withLock { $0.isEmpty }, "no samples before the mix reaches a phrase")

        var buffer = [Float](repeating: 0, count: 4096)
        let tenSeconds = 10 * 22050
        while engine.position < tenSeconds {
            _ = buffer.withUnsafeMutableBufferPointer { engine.renderBlock(into: $0) }
        }
        let early = voice.clips.withLock { $0 }
        let startedBy = timeline.cues.filter { $0.speech != nil && $0.start * 22050 < Double(engine.position) }.count
        #expect(early.count == startedBy, "after 10 s, only the phrases begun: \(early)")
        while buffer.withUnsafeMutableBufferPointer({ engine.renderBlock(into: $0) }) > 0 {}
        #expect(voice.clips.withLock { $0.count } == 21, "each placed phrase fetched once, when it sounds")
        #expect(engine.failure == nil)
    }

    @Test func aPhraseThatCannotBeFetchedEndsThePass() throws {
        let timeline = try Sessions.timeline(Self.script)
        let renderer = SessionRenderer(
            options: RenderOptions(format: .wav, sampleRate: 22050, channels: 1), speech: CountingVoice(failing: "Phrase number 7."))
        let folder = try ScratchFolder()
        #expect {
            _ = try renderer.render(timeline, to: folder.file("x.wav"))
        } throws: { error in
            (error as? RenderError).map { $0.kind == .speech && $0.message.contains("'Phrase number 7.' (line 15)") } ?? false
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("x.wav")))
    }
}
