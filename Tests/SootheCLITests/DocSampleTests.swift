import Foundation
import Testing

/// The samples of output in README.md and docs/*.md are the program's: each is compared with
/// what the built soothe prints for the command it stands for. (`list --tag sos` is checked in
/// ListCommandTests, the palette in SoundsCommandTests, the sessions' lengths in
/// SessionLibraryBandTests, the Finnish warning of docs/voices.md in PhraseTableTests.)
@Suite struct DocSampleTests {
    static func read(_ file: String) throws -> String {
        try String(contentsOfFile: SootheCLI.packageRoot + "/" + file, encoding: .utf8)
    }

    /// The text of the first fenced block after `intro` in `file` (without its fences).
    static func block(after intro: String, in file: String) throws -> String {
        let text = try read(file)
        let start = try #require(text.range(of: intro), "\(file) no longer says \(intro)")
        let open = try #require(text.range(of: "```", range: start.upperBound..<text.endIndex))
        let body = try #require(text.range(of: "\n", range: open.upperBound..<text.endIndex))
        let close = try #require(text.range(of: "```", range: body.upperBound..<text.endIndex))
        return String(text[body.upperBound..<close.lowerBound])
    }

    /// Whether `sample`'s lines, in runs separated by `...` lines, appear in `output` in order,
    /// each run as consecutive lines.
    static func isExcerpt(_ sample: String, of output: String) -> Bool {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var runs: [[String]] = [[]]
        var sampleLines = sample.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if sampleLines.last == "" { sampleLines.removeLast() }
        for line in sampleLines {
            if line == "..." { runs.append([]) } else { runs[runs.count - 1].append(line) }
        }
        var from = 0
        for run in runs where !run.isEmpty {
            guard let found = (from...max(from, lines.count - run.count)).first(where: { index in
                index + run.count <= lines.count && Array(lines[index..<(index + run.count)]) == run
            }) else { return false }
            from = found + run.count
        }
        return true
    }

    @Test func theReadmePreviewSampleIsAnExcerptOfTheProgramsTable() throws {
        let sample = try Self.block(after: "`soothe preview four-seven-eight` prints", in: "README.md")
        #expect(sample.contains("..."), "the sample is an excerpt")
        // Not a terminal and COLUMNS unset: the table's default width, as the README says.
        let result = try SootheCLI.run(["preview", "four-seven-eight"], environment: ["COLUMNS": ""])
        #expect(result.status == 0, "\(result)")
        #expect(Self.isExcerpt(sample, of: result.stdout), "README.md's preview sample is not in:\n\(result.stdout)")
        #expect(sample.contains(" section ") && sample.contains("Length "), "the sample shows a subtotal and the totals")
    }

    /// `make demo`'s line: the Makefile's own command, run as it runs it (a real render).
    @Test func theReadmeDemoLineIsWhatMakeDemoPrints() throws {
        let makefile = try Self.read("Makefile")
        let session = try #require(makefile.firstMatch(of: #/\nDEMO \?= (\S+)\n/#)?.output.1)
        let recipe = try #require(makefile.firstMatch(of: #/\ndemo: [^\n]*\n\t@[^\n]*soothe render \$\(DEMO\) ([^\n]*)\n/#)?.output.1)
        let arguments = ["render", String(session)] + recipe.split(separator: " ").map(String.init)
        let sample = try Self.block(after: "`make demo` prints where the file is", in: "README.md")
        let folder = try TemporaryFolder()
        let result = try SootheCLI.run(arguments, in: folder.path)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == sample, "README.md's make demo line differs from soothe \(arguments.joined(separator: " "))")
        // MB is 10^6 bytes, as the summary says it.
        let size = try #require(try FileManager.default.attributesOfItem(atPath: folder.file("out/\(session).wav"))[.size] as? Int)
        #expect(result.stdout.contains(String(format: ", %.1f MB, ", Double(size) / 1e6)), "\(size) bytes: \(result.stdout)")
        // The README's table of sizes by format starts from this file, in the same unit.
        let length = result.stdout.split(separator: " ")[1].dropLast()
        let sizes = "Sizes of `\(session)` (\(length)) by default, stereo / mono: WAV " + String(format: "%.1f / ", Double(size) / 1e6)
        #expect(try Self.read("README.md").contains(sizes), "README.md should say: \(sizes)")
    }

    /// The batch summary: every column but TIME (the render's wall time) as the program prints it.
    @Test func theReadmeBatchSummaryIsTheProgramsTable() throws {
        let command = ["render", "reaching-out", "in-the-moment-reset", "-o", "out/"]
        let readme = try Self.read("README.md")
        #expect(readme.contains("`soothe " + command.joined(separator: " ") + "`"))
        let sample = try Self.block(after: "A batch ends with a summary table", in: "README.md")
        let folder = try TemporaryFolder()
        let result = try SootheCLI.run(command, in: folder.path)
        #expect(result.status == 0, "\(result)")
        let time = #/\d+\.\d{2} s$/#
        func masked(_ text: String) -> [String] {
            text.split(separator: "\n").map { String($0).replacing(time, with: "T") }
        }
        #expect(masked(sample) == masked(result.stdout), "README.md's batch summary differs from:\n\(result.stdout)")
        // Every session's row has its time; the last line counts them.
        #expect(sample.split(separator: "\n").dropFirst().dropLast().allSatisfy { $0.firstMatch(of: time) != nil })
    }

    /// The cue sheet sample of docs/cli.md: its keys and cues are those of the program's.
    @Test func theCueSheetSampleIsTheProgramsJSON() throws {
        let sample = try Self.block(after: "## The cue sheet (`preview --format json`)", in: "docs/cli.md")
        let result = try SootheCLI.run(["preview", "belly-breathing", "--format", "json"])
        #expect(result.status == 0, "\(result)")
        let program = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(sample.utf8)) as? [String: Any], "the sample is JSON")
        for key in ["id", "title", "duration"] {
            #expect("\(shown[key] ?? "-")" == "\(program[key] ?? "+")", "\(key)")
        }
        let cues = try #require(program["cues"] as? [[String: Any]])
        let sampleCues = try #require(shown["cues"] as? [[String: Any]])
        #expect(sampleCues.count >= 3)
        for cue in sampleCues {
            let same = cues.contains { candidate in
                candidate.count == cue.count && cue.allSatisfy { "\($0.value)" == "\(candidate[$0.key] ?? "-")" }
            }
            #expect(same, "docs/cli.md shows a cue the program does not give: \(cue)")
        }
    }

    /// The diagnostics README.md shows for `check`, from the scripts they describe.
    @Test func theReadmeCheckSampleIsWhatCheckSays() throws {
        let sample = try Self.block(after: "`check` reports every problem in a file at once", in: "README.md")
        let folder = try TemporaryFolder()
        try folder.write("my.yaml", """
            title: Mine
            steps:
              - say: Hello.
              - pause: five minutes
              - breathe:
                  pattern: box
                  cylces: 4
                  duration: 1m

            """)
        try folder.write("my2.yaml", """
            title: Mine too
            steps:
              - breathe:
                  pattern: 1.5-0-5-0
                  cycles: 3
                  prompts: {inhale: Breathe in slowly through your nose}

            """)
        let result = try SootheCLI.run(["check", "my.yaml", "my2.yaml"], in: folder.path)
        #expect(result.status == 65, "\(result)")
        let diagnostics = result.stderr.split(separator: "\n").filter { $0.hasPrefix("my") }.joined(separator: "\n") + "\n"
        #expect(diagnostics == sample, "README.md's check sample differs from:\n\(result.stderr)")
    }

    /// The sample scripts the README and docs/session-format.md open with are valid sessions.
    @Test(arguments: [("README.md", "## Session scripts"), ("docs/session-format.md", "# ")])
    func theSampleScriptsCheckClean(file: String, heading: String) throws {
        let sample = try Self.block(after: heading, in: file)
        // The schema's modeline, as the built-ins carry it, then the script.
        #expect(sample.hasPrefix("# yaml-language-server: $schema=../../schema/session.schema.json\ntitle: Belly Breathing\n"), "\(sample.prefix(120))")
        let folder = try TemporaryFolder()
        let path = try folder.write("sample.yaml", sample)
        let result = try SootheCLI.run(["check", path])
        #expect(result.status == 0, "\(file)'s sample script: \(result)")
        #expect(!result.stderr.contains("error"), "\(result.stderr)")
    }

    /// A diagnostic a doc quotes inline, the script that gives it, and the file it is quoted in.
    struct QuotedDiagnostic: Sendable, CustomTestStringConvertible {
        var doc: String
        var quoted: String
        var file: String
        var script: String
        var testDescription: String { quoted }
    }

    static let quotedDiagnostics = [
        QuotedDiagnostic(doc: "docs/session-format.md", quoted: "s.yaml:2:13: error: unknown tag 'nigth'; did you mean 'night'?",
                         file: "s.yaml", script: "title: T\ntags: [sos, nigth]\nsteps:\n  - pause: 1s\n"),
        QuotedDiagnostic(doc: "docs/session-format.md", quoted: "evening.yaml:4:12: error: cannot read sound './nope.wav': no such file or directory",
                         file: "evening.yaml", script: "title: Evening\nsteps:\n  - pause: 1s\n  - chime: ./nope.wav\n"),
        QuotedDiagnostic(doc: "docs/session-format.md", quoted: "s.yaml:2:24: error: unknown key 'rte' in voice profile; did you mean 'rate'?",
                         file: "s.yaml", script: "title: T\nvoice: {espeak: en-gb, rte: 130}\nsteps:\n  - pause: 1s\n"),
    ]

    /// Each diagnostic quoted in the docs is what `check` says (the docs may leave off the list
    /// of what was expected that follows it).
    @Test(arguments: quotedDiagnostics)
    func aQuotedDiagnosticIsWhatCheckSays(_ sample: QuotedDiagnostic) throws {
        #expect(try Self.read(sample.doc).contains("`" + sample.quoted), "\(sample.doc) no longer quotes it")
        let folder = try TemporaryFolder()
        try folder.write(sample.file, sample.script)
        let result = try SootheCLI.run(["check", sample.file], in: folder.path)
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.split(separator: "\n").contains { $0.hasPrefix(sample.quoted) }, "\(result.stderr)")
    }

    /// docs/cli.md quotes the start of the warning `breathe` gives in a voice whose language
    /// soothe has no words in.
    @Test func theBreatheWarningDocsCLIQuotesIsWhatBreatheSays() throws {
        let quoted = "<breathe>:1:1: warning: soothe has no words of its own in "
        #expect(try Self.read("docs/cli.md").contains("`" + quoted + "...`"))
        let folder = try TemporaryFolder()
        try folder.write("voices/suomi.yaml", "name: suomi\ndescription: Finnish\nespeak: fi+f3\nrate: 120\n")
        let result = try SootheCLI.run(
            ["breathe", "--voice", "suomi", "--cycles", "1", "-o", "b.wav", "--quiet"], in: folder.path,
            environment: ["SOOTHE_VOICES": folder.file("voices")])
        #expect(result.status == 0, "\(result)")
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("warning") }
        #expect(warnings.count == 1 && warnings[0].hasPrefix(quoted + "'fi'"), "\(result.stderr)")
    }

    /// README.md's sizes of `belly-breathing` in each format, stereo / mono, are those of the files
    /// soothe writes by default, in MB of 1,000,000 bytes.
    @Test func theReadmeSizesByFormatAreTheFilesSizes() throws {
        let readme = try Self.read("README.md")
        let sentence = try #require(readme.firstMatch(of: #/Sizes of `belly-breathing` \(\d+:\d{2}\) by default, stereo / mono: ([\s\S]+?Vorbis \d+\.\d / \d+\.\d MB)/#))
        let pairs = String(sentence.output.1).matches(of: #/(WAV|FLAC|Opus|MP3|Vorbis) (\d+\.\d) / (\d+\.\d) MB/#)
        let extensions = ["WAV": "wav", "FLAC": "flac", "Opus": "opus", "MP3": "mp3", "Vorbis": "ogg"]
        #expect(Set(pairs.map { String($0.output.1) }) == Set(extensions.keys), "\(sentence.output.1)")
        let folder = try TemporaryFolder()
        let cache = folder.file("speech-cache")
        for pair in pairs {
            let format = String(pair.output.1)
            for (channels, shown) in [("2", String(pair.output.2)), ("1", String(pair.output.3))] {
                let file = "\(format)-\(channels).\(extensions[format]!)"
                let result = try SootheCLI.run(["render", "belly-breathing", "-o", file, "--channels", channels], in: folder.path, cache: cache)
                #expect(result.status == 0, "\(result)")
                let size = try #require(try FileManager.default.attributesOfItem(atPath: folder.file(file))[.size] as? Int)
                #expect(String(format: "%.1f", Double(size) / 1e6) == shown, "\(file): \(size) bytes, README.md says \(shown) MB")
                #expect(result.stdout.contains(", \(shown) MB, "), "\(result.stdout)")
            }
        }
    }
}
