import Foundation
import SootheCore
import SootheModel
import SootheTestSupport
import Testing
@testable import SootheSpeech

/// The shipped profiles in `voices/`: well-formed, speakable, and at a calm pace on the
/// benchmark's passages (bench/voices/passage-*.txt, at least 30 guided sentences from the
/// built-in sessions).
@Suite("Voice profile files")
struct VoiceProfileFilesTests {
    static let library: VoiceLibrary = {
        let folder = Fixtures.voicesFolder
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        return VoiceLibrary(files: names.map { ("\(folder)/\($0)", (try? String(contentsOfFile: "\(folder)/\($0)", encoding: .utf8)) ?? "") })
    }()

    /// The passage in paragraphs of five sentences, each spoken as one phrase (so the profile's
    /// sentence pauses count, as they do in a session's longer `say` steps).
    static func paragraphs(_ language: String) throws -> [String] {
        let path = Fixtures.voicesFolder + "/../bench/voices/passage-\(language).txt"
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        #expect(lines.count >= 30)
        return stride(from: 0, to: lines.count, by: 5).map { lines[$0..<min($0 + 5, lines.count)].joined(separator: " ") }
    }

    static let english = ["gentle", "warm", "clear", "gentle-uk", "warm-uk", "steady"]

    /// Every language a catalogue is translated into has its default profile shipped, speaking it.
    @Test func everyLanguageHasItsDefaultProfile() throws {
        for (language, name) in LanguageVoices.defaults {
            let voice = try #require(Self.library.profiles[name], "no profile \(name) for \(language)")
            #expect(LanguageVoices.speaks(SpeechLanguage(espeak: voice.espeak), language), "\(name) does not speak \(language)")
        }
    }

    @Test func everyProfileFileIsValidAndEnglishHasSixToTellApart() throws {
        #expect(Self.library.diagnostics.isEmpty, "\(Self.library.diagnostics)")
        #expect(Set(Self.english).isSubset(of: Set(Self.library.names)))
        let voices = Self.english.map { Self.library.profiles[$0]! }
        // Each is a different voice: no two share their espeak-ng voice and room.
        #expect(Set(voices.map { "\($0.espeak) \($0.chain.room)" }).count == voices.count)
        #expect(voices.allSatisfy { !$0.description.isEmpty && $0.description.count <= 100 })
    }

    @Test(arguments: ["gentle", "warm", "clear", "gentle-uk", "warm-uk", "steady", "calma", "calma-419", "sanft", "douce", "suave", "dolce"])
    func profileIsPhrasePacedAndCalm(name: String) throws {
        try Fixtures.installVariants()
        let voice = try #require(Self.library.profiles[name])
        #expect(EspeakVoices.validate(voice.espeak) == nil)
        // Near-normal articulation (espeak-ng's vowels drag below about 120), slowed by pauses at
        // boundaries rather than between words.
        #expect((120...135).contains(voice.rate))
        #expect(voice.wordGap <= 2 && voice.clausePause >= 0.3 && voice.sentencePause >= 1)
        let paragraphs = try Self.paragraphs(SpeechLanguage(espeak: voice.espeak).primary)
        let words = Double(paragraphs.reduce(0) { $0 + $1.split(separator: " ").count })
        let synth = SpeechSynthesizer()
        let seconds = try paragraphs.reduce(0) { $0 + (try synth.speechDuration(of: $1, voice: voice)) }
        let wordsPerMinute = words * 60 / seconds
        #expect(wordsPerMinute >= 95 && wordsPerMinute <= 115, "\(name): \(wordsPerMinute) wpm")
        // As loud as the mix takes speech to be, whatever the voice: the other layers sit where
        // they were designed to, and the first loudness guess lands.
        let clip = try synth.nativeClip(for: paragraphs[0], voice: voice)
        let meter = try LoudnessMeter(channels: 1, sampleRate: clip.sampleRate, measuresTruePeak: false)
        clip.samples.withUnsafeBufferPointer { meter.add(interleaved: $0) }
        let loudness = meter.integratedLoudness
        #expect(abs(loudness - SpeechChainSettings.processedLoudness) <= 1, "\(name): \(loudness) LUFS")
    }

    @Test func gentleIsTheDefaultAndClearHasNoRoom() throws {
        let gentle = try #require(Self.library.profiles["gentle"])
        #expect(gentle.espeak.hasPrefix("en") && gentle.chain.room > 0)
        let clear = try #require(Self.library.profiles["clear"])
        #expect(clear.chain.room == 0 && clear.chain.enabled)
        // Without a voices/ folder, the fallback is phrase-paced too.
        #expect(VoiceProfile.fallback.clausePause > 0 && VoiceProfile.fallback.wordGap == 0)
    }
}
