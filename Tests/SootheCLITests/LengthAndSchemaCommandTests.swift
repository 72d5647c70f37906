import Foundation
import SootheAudioIO
import SootheCore
import Testing

/// End to end, with espeak-ng's real timing: `length:` and `soothe breathe --minutes` give files
/// of the length asked for; `soothe schema` prints the committed schema; `soothe new` writes the
/// editor line.
@Suite struct LengthAndSchemaCommandTests {
    static let script = """
        title: Fitted
        length: LENGTH
        steps:
          - chime: singing-bowl
          - pause: 6s
          - say: Welcome. Sit comfortably, and let your shoulders drop.
          - pause: 4s
          - breathe: {pattern: coherent, duration: 1m, prompts: {inhale: Breathe in, exhale: And out}, prompt-cycles: 2}
          - say: Notice how you feel now.
          - {pause: 10s, chime-every: 4s}
          - chime: bell
          - pause: 8s

        """

    @Test func aTenMinuteLengthLastsTenMinutesWithRealSpeech() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("ten.yaml", Self.script.replacingOccurrences(of: "LENGTH", with: "10m"))
        let sheet = try RenderCommandTests.cueSheet(path)
        let seconds = try #require(sheet["duration"] as? Double)
        #expect(abs(seconds - 600) <= 1, "\(seconds) s")
        let table = try SootheCLI.run(["preview", path])
        #expect(table.stdout.contains("(6.0s → ") && table.stdout.contains("s, stretched)"), "\(table)")
        #expect(table.stdout.contains("Length 10:00"), "\(table)")
    }

    /// The file itself: rendered with the speech the build measured, so it lands on the length.
    @Test func aRenderedFileHasTheLength() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("two.yaml", Self.script.replacingOccurrences(of: "LENGTH", with: "2m"))
        let out = folder.file("two.wav")
        let result = try SootheCLI.run(["render", path, "-o", out] + RenderCommandTests.small)
        #expect(result.status == 0, "\(result)")
        let frames = try AudioFileReader(path: out).frames
        #expect(abs(Double(frames) / 22050 - 120) <= 1, "\(frames) frames")
    }

    /// The example of docs/session-format.md ("Aiming at a length") and what the page quotes
    /// of its preview and of its check with `length: 3m` are the program's.
    @Test func theFormatPagesExampleIsTheProgramsOutput() throws {
        let page = try String(contentsOfFile: SootheCLI.packageRoot + "/docs/session-format.md", encoding: .utf8)
        let section = try #require(page.range(of: "## Aiming at a length")).upperBound
        let start = try #require(page.range(of: "```yaml\n", range: section..<page.endIndex)).upperBound
        let end = try #require(page.range(of: "```", range: start..<page.endIndex)).lowerBound
        let example = String(page[start..<end])
        let folder = try TemporaryFolder()
        try folder.write("s.yaml", example)
        let preview = try SootheCLI.run(["preview", "s.yaml"], in: folder.path)
        #expect(preview.status == 0, "\(preview)")
        let mark = try #require(preview.stdout.firstMatch(of: #/silence \([0-9.]+s → [0-9.]+s, stretched\)/#)).output
        #expect(page.contains("`\(mark)`"), "the page should quote '\(mark)'")
        let fitted = try #require(preview.stdout.split(separator: "\n").first { $0.hasPrefix("Fitted to length") })
        #expect(page.contains("`\(fitted)`"), "the page should quote '\(fitted)'")
        try folder.write("s.yaml", example.replacingOccurrences(of: "length: 10m", with: "length: 3m"))
        let check = try SootheCLI.run(["check", "s.yaml"], in: folder.path)
        #expect(check.status == 65)
        let error = try #require(check.stderr.split(separator: "\n").first)
        #expect(page.contains("  ```text\n  \(error)\n  ```"), "the page should quote '\(error)'")
    }

    @Test func checkSaysWhenALengthCannotBeReached() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("short.yaml", Self.script.replacingOccurrences(of: "LENGTH", with: "1m"))
        let result = try SootheCLI.run(["check", path])
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.contains("short.yaml:2:9: error: 'length' 1:00 cannot be reached: the shortest the session can be"), "\(result)")
        #expect(result.stderr.contains(" over)"), "\(result)")
    }

    @Test(arguments: [("belly", "5"), ("4-7-8", "5"), ("box", "5"), ("sigh", "3")])
    func breatheMinutesIsTheWholeTrack(_ pattern: String, _ minutes: String) throws {
        let folder = try TemporaryFolder()
        let out = folder.file("track.wav")
        let result = try SootheCLI.run(["breathe", "--pattern", pattern, "--minutes", minutes, "-o", out] + RenderCommandTests.small)
        #expect(result.status == 0, "\(result)")
        let seconds = Double(try AudioFileReader(path: out).frames) / 22050
        let asked = try #require(Double(minutes)) * 60
        #expect(abs(seconds - asked) <= 1, "\(pattern) \(minutes) min: \(seconds) s")
        // The length is said first, before the render's own summary.
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("breathe-\(pattern)-\(minutes)m: \(DurationParser.clock(asked)) (Breathe ") == true, "\(result)")
        #expect(lines.count == 2 && lines[1].hasPrefix(out), "\(result)")
        if pattern == "box", let first = lines.first {
            let readme = try String(contentsOfFile: SootheCLI.packageRoot + "/README.md", encoding: .utf8)
            #expect(readme.contains("```text\n\(first)\nbox.mp3: 5:00, "), "README.md's breathe sample differs from '\(first)'")
        }
    }

    /// With the audio on standard output, the length goes to standard error.
    @Test func breatheToStandardOutputKeepsItClean() throws {
        let folder = try TemporaryFolder()
        let result = try OutputDestinationTests.run(["breathe", "--minutes", "1", "-o", "-"] + RenderCommandTests.small, in: folder.path)
        #expect(result.status == 0)
        #expect(result.stderr.hasPrefix("breathe-belly-1m: 1:00 (Breathe 5-0-5-0 × "), "\(result.stderr)")
        #expect(result.stdout.prefix(4) == Data("RIFF".utf8))
        try result.stdout.write(to: URL(fileURLWithPath: folder.file("piped.wav")))
        #expect(abs(Double(try AudioFileReader(path: folder.file("piped.wav")).frames) / 22050 - 60) <= 1)
    }

    @Test func schemaCommandPrintsTheCommittedSchemas() throws {
        for (arguments, path) in [(["schema"], SessionSchema.path), (["schema", "--translation"], TranslationSchema.path)] {
            let result = try SootheCLI.run(arguments)
            #expect(result.status == 0)
            let committed = try String(contentsOfFile: SootheCLI.packageRoot + "/" + path, encoding: .utf8)
            #expect(result.stdout == committed, "\(arguments)")
        }
    }

    @Test func newWritesTheEditorLine() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("calm.yaml")
        let result = try SootheCLI.run(["new", "calm", "-o", path])
        #expect(result.status == 0, "\(result)")
        let first = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").first.map(String.init)
        #expect(first == SessionSchema.modeline(SootheCLI.packageRoot + "/" + SessionSchema.path))
    }

    @Test func translateWritesTheEditorLine() throws {
        let result = try SootheCLI.run(["translate", "belly-breathing", "--lang", "de"])
        #expect(result.status == 0, "\(result)")
        let first = result.stdout.split(separator: "\n").first.map(String.init)
        #expect(first == SessionSchema.modeline(SootheCLI.packageRoot + "/" + TranslationSchema.path))
        // Without an installed schema, no editor line.
        let folder = try TemporaryFolder()
        let script = try folder.write("calm.yaml", "title: Calm\nsteps:\n  - say: Hello.\n")
        let bare = try SootheCLI.run(["translate", script, "--lang", "de"], home: nil, environment: ["SOOTHE_HOME": folder.path])
        #expect(bare.status == 0, "\(bare)")
        #expect(bare.stdout.hasPrefix("# de translation of calm"), "\(bare)")
    }
}
