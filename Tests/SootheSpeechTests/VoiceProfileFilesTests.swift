import Foundation
import SootheCore
import Testing
@testable import SootheSpeech

/// The shipped profiles in `voices/`: well-formed, speakable, and at a calm pace.
@Suite("Voice profile files")
struct VoiceProfileFilesTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("voices")

    /// A minimal reader for these flat `key: value` files (the real loader lives in SootheCore).
    static func profile(_ name: String) throws -> VoiceProfile {
        let text = try String(contentsOf: folder.appendingPathComponent("\(name).yaml"), encoding: .utf8)
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].split(separator: "#")[0]
            fields[key] = value.trimmingCharacters(in: .whitespaces)
        }
        func number(_ key: String) throws -> Int { try #require(Int(fields[key] ?? "")) }
        return VoiceProfile(
            name: try #require(fields["name"]), description: try #require(fields["description"]),
            espeak: try #require(fields["espeak"]), rate: try number("rate"), pitch: try number("pitch"),
            range: try number("range"), wordGap: try number("word-gap"))
    }

    static let spanishPassage = """
        Deja que tus hombros se suavicen. Siente el peso de tu cuerpo, sostenido por el suelo. \
        No hay nada que tengas que hacer ahora. Nota la respiración que entra y que sale, a su propio ritmo.
        """

    @Test(arguments: ["gentle", "warm", "clear", "calma"])
    func profileIsValidAndCalm(name: String) throws {
        let voice = try Self.profile(name)
        #expect(voice.name == name)
        #expect(EspeakVoices.validate(voice.espeak) == nil)
        #expect((120...135).contains(voice.rate))
        #expect((0...99).contains(voice.pitch) && (0...99).contains(voice.range))
        // Calm guided speech is about 90–110 words a minute; with sentence pauses, the profiles
        // land near that on a 37-word (Spanish: 36-word) passage.
        let passage = name == "calma" ? Self.spanishPassage : Fixtures.passage
        let words = Double(passage.split(separator: " ").count)
        let seconds = try SpeechSynthesizer().speechDuration(of: passage, voice: voice)
        let wordsPerMinute = words * 60 / seconds
        #expect(wordsPerMinute > 95 && wordsPerMinute < 117, "\(name): \(wordsPerMinute) wpm")
    }

    @Test func gentleIsTheSlowDefault() throws {
        let gentle = try Self.profile("gentle")
        #expect(gentle.espeak.hasPrefix("en"))
        let clear = try Self.profile("clear")
        #expect(gentle.rate <= clear.rate && gentle.pitch < clear.pitch)
    }
}
