import Foundation
import Testing

@Suite struct PreviewCommandTests {
    static let script = """
        title: Tiny Session
        steps:
          - chime: bell
          - say: Breathe in.
            after: 1s
          - breathe: {pattern: 2-0-3-0, cycles: 2, prompts: {inhale: In}}
          - pause: 2s

        """

    /// A folder holding the tiny script.
    static func tiny() throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        return (folder, try folder.write("tiny.yaml", script))
    }

    @Test func tablePrintsEveryCueAndTotals() throws {
        let (folder, path) = try Self.tiny()
        _ = folder
        let result = try SootheCLI.run(["preview", path])
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "Tiny Session  (tiny)")
        #expect(lines.contains { $0.contains("TIME") && $0.contains("KIND") && $0.contains("LINE") })
        let rows = lines.filter { $0.firstMatch(of: #/^  \d+:\d{2}\.\d /#) != nil }
        // chime, speech, the `after: 1s`, 4 breath phases, 2 prompts, pause
        #expect(rows.count == 10, "\(result)")
        #expect(rows.filter { $0.contains(" after ") }.count == 1, "\(result)")
        // A subtotal after each section: the bell and the line, the breathing, the pause.
        let sections = lines.filter { $0.contains(" section ── ") }
        #expect(sections.count == 3, "\(result)")
        #expect(sections[1].contains("10.0s") && sections[1].contains("Breathe 2-0-3-0 × 2 · 12.0/min"), "\(result)")
        #expect(rows.first?.contains("bell") == true)
        #expect(rows.contains { $0.contains("\"Breathe in.\"") && $0.hasSuffix("4") })
        #expect(rows.filter { $0.contains("inhale · cycle") }.count == 2)
        let totals = try #require(lines.first { $0.hasPrefix("Length ") }, "\(result)")
        #expect(totals.contains("9 cues"))
        #expect(totals.firstMatch(of: #/^Length \d+:\d{2} · 9 cues · speech \d+:\d{2} \(\d+ % of the session\)$/#) != nil, "\(totals)")
        #expect(lines.contains { $0.hasPrefix("Breathing at line 6: Breathe 2-0-3-0 × 2, 0:10 at 12.0 breaths/min") })
    }

    @Test func jsonIsTheCueSheet() throws {
        let (folder, path) = try Self.tiny()
        _ = folder
        let result = try SootheCLI.run(["preview", "--format", "json", path])
        #expect(result.status == 0, "\(result)")
        let sheet = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(sheet.keys) == ["id", "title", "duration", "cues"])
        #expect(sheet["id"] as? String == "tiny")
        #expect(sheet["title"] as? String == "Tiny Session")
        let cues = try #require(sheet["cues"] as? [[String: Any]])
        #expect(cues.count == 9)
        let kinds = cues.compactMap { $0["kind"] as? String }
        #expect(Set(kinds).isSubset(of: ["speech", "chime", "breath", "pause"]))
        for cue in cues {
            let start = try #require(cue["start"] as? Double), end = try #require(cue["end"] as? Double)
            #expect(start <= end)
            #expect(abs(start * 1000 - (start * 1000).rounded()) < 1e-6, "times are whole milliseconds")
            #expect(cue["line"] is Int)
        }
        let starts = cues.compactMap { $0["start"] as? Double }
        #expect(starts == starts.sorted())

        // The chime starts the session; the speech follows its 1.5 s wait; the breaths follow the speech.
        #expect(cues[0]["name"] as? String == "bell" && cues[0]["start"] as? Double == 0 && cues[0]["line"] as? Int == 3)
        let speech = try #require(cues.first { $0["text"] as? String == "Breathe in." })
        #expect(speech["start"] as? Double == 1.5)
        #expect(speech["line"] as? Int == 4)
        let said = try #require(speech["end"] as? Double) - 1.5
        #expect(said > 0.3 && said < 3, "espeak-ng took \(said) s to say two words")
        let breaths = cues.filter { $0["kind"] as? String == "breath" }
        #expect(breaths.map { $0["phase"] as? String } == ["inhale", "exhale", "inhale", "exhale"])
        #expect(breaths.map { $0["cycle"] as? Int } == [1, 1, 2, 2])
        let firstBreath = try #require(breaths.first?["start"] as? Double)
        #expect(abs(firstBreath - (1.5 + said + 1)) < 0.0015)
        let lastPause = try #require(cues.last)
        #expect(lastPause["kind"] as? String == "pause")
        let sessionEnd = try #require(lastPause["end"] as? Double)
        #expect(abs(sessionEnd - (firstBreath + 10 + 2)) < 0.0015)
        #expect(abs((sheet["duration"] as? Double ?? 0) - max(sessionEnd, 8)) < 0.0015)
    }

    @Test func vttAndSrtCaptionTheSpeech() throws {
        let (folder, path) = try Self.tiny()
        _ = folder
        let vtt = try SootheCLI.run(["preview", "--format", "vtt", path])
        #expect(vtt.status == 0, "\(vtt)")
        #expect(vtt.stdout.hasPrefix("WEBVTT\nLanguage: en-US\n\n1\n00:00:01.500 --> 00:00:0"))
        #expect(vtt.stdout.contains("\nBreathe in.\n"))
        #expect(vtt.stdout.matches(of: #/\d{2}:\d{2}:\d{2}\.\d{3} --> \d{2}:\d{2}:\d{2}\.\d{3}/#).count == 3)

        let srt = try SootheCLI.run(["preview", "-f", "srt", path])
        #expect(srt.status == 0, "\(srt)")
        #expect(srt.stdout.hasPrefix("1\n00:00:01,500 --> 00:00:0"))
        #expect(srt.stdout.matches(of: #/\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}/#).count == 3)
    }

    @Test func aBuiltInPreviewsByID() throws {
        let result = try SootheCLI.run(["preview", "in-the-moment-reset", "--format", "json"])
        #expect(result.status == 0, "\(result)")
        let sheet = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(sheet["id"] as? String == "in-the-moment-reset")
        #expect(((sheet["cues"] as? [Any])?.count ?? 0) > 5)
    }

    @Test func outputWritesTheFileInsteadOfPrinting() throws {
        let (folder, path) = try Self.tiny()
        let target = folder.file("tiny.vtt")
        let written = try SootheCLI.run(["preview", path, "--format", "vtt", "--output", target])
        #expect(written.status == 0, "\(written)")
        #expect(written.stdout.isEmpty)
        let printed = try SootheCLI.run(["preview", path, "--format", "vtt"])
        let file = try String(contentsOfFile: target, encoding: .utf8)
        #expect(file == printed.stdout)
        #expect(file.hasPrefix("WEBVTT"))
    }

    @Test func anOutputThatCannotBeCreatedFailsWith73() throws {
        let (folder, path) = try Self.tiny()
        let result = try SootheCLI.run(["preview", path, "-o", folder.file("no/such/folder/out.json")])
        #expect(result.status == 73, "\(result)")
        #expect(result.stderr.contains("cannot write"))
    }

    @Test func anInvalidScriptFailsWith65() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("bad.yaml", "title: Bad\nsteps:\n  - breathe: {pattern: bxo, cycles: 2}\n")
        let result = try SootheCLI.run(["preview", path])
        #expect(result.status == 65, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("\(path):3:24: error: malformed pattern 'bxo'"))
    }

    @Test func anUnknownSessionFailsWith66() throws {
        let result = try SootheCLI.run(["preview", "nosuch-session"])
        #expect(result.status == 66, "\(result)")
    }
}
