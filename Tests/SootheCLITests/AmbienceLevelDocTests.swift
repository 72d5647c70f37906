import Foundation
import SootheAudioIO
import Testing

/// The ambience `level` the docs show is one a listener hears: decibels relative to the bed's
/// own default, so the documented `{sound: rain, level: -6}` sits under the voice, where the
/// `-30` the docs once showed left the bed all but silent.
@Suite struct AmbienceLevelDocTests {
    /// The level in the docs' example `{sound: rain, level: N}` of `file`'s sample script.
    static func documentedLevel(_ file: String) throws -> String {
        let text = try String(contentsOfFile: SootheCLI.packageRoot + "/" + file, encoding: .utf8)
        let match = try #require(text.firstMatch(of: #/ambience: brown-noise +# [^\n]*\{sound: rain, level: (-?\d+)\}/#), "\(file) lost its ambience example")
        return String(match.output.1)
    }

    /// dB of the bed under a pause against the speech before it, in a render of a line and a pause
    /// over `{sound: rain, level: LEVEL}`.
    static func bedBelowSpeech(level: String) throws -> Double {
        let folder = try TemporaryFolder()
        let script = try folder.write("bed.yaml", """
            title: Bed
            ambience: {sound: rain, level: \(level)}
            steps:
              - say: Breathe in slowly, and let your shoulders drop.
              - pause: 6s

            """)
        let checked = try SootheCLI.run(["check", script])
        #expect(checked.status == 0 && checked.stderr.isEmpty, "the documented example parses: \(checked)")
        let sheet = try SootheCLI.run(["preview", script, "--format", "json"])
        let cues = try #require((try JSONSerialization.jsonObject(with: Data(sheet.stdout.utf8)) as? [String: Any])?["cues"] as? [[String: Any]])
        let speechEnd = try #require(cues.first?["end"] as? Double)
        let result = try SootheCLI.run(["render", script, "-o", folder.file("bed.wav"), "--quiet"])
        #expect(result.status == 0, "\(result)")
        let reader = try AudioFileReader(path: folder.file("bed.wav"))
        let samples = try reader.readAll()
        func decibels(_ from: Double, _ to: Double) -> Double {
            let range = (Int(from * Double(reader.sampleRate)) * reader.channels)..<(Int(to * Double(reader.sampleRate)) * reader.channels)
            let power = samples[range].reduce(0) { $0 + Double($1) * Double($1) } / Double(range.count)
            return 10 * log10(power)
        }
        // The speech, then the pause once the ducking under the voice has let go.
        return decibels(0.2, speechEnd - 0.2) - decibels(speechEnd + 1, speechEnd + 5.5)
    }

    @Test(arguments: ["docs/session-format.md", "README.md"])
    func theDocumentedLevelIsAudibleUnderTheVoice(file: String) throws {
        let level = try Self.documentedLevel(file)
        let below = try Self.bedBelowSpeech(level: level)
        // A bed 35 dB under the voice or less is heard on a phone's speaker at a listening level.
        #expect(below < 35, "level \(level) puts the bed \(below) dB under the speech")
    }

    @Test func minusThirtyIsAllButSilentAsTheDocsSay() throws {
        let doc = try String(contentsOfFile: SootheCLI.packageRoot + "/docs/session-format.md", encoding: .utf8)
        #expect(doc.contains("`-30` leaves it all but inaudible"))
        let below = try Self.bedBelowSpeech(level: "-30")
        #expect(below > 45, "level -30 puts the bed only \(below) dB under the speech")
    }
}
