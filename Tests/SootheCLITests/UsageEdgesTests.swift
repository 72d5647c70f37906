import Foundation
import SootheAudioIO
import SootheTestSupport
import Testing

/// Edges of the command line a user hits: negative numbers as separate arguments, an installed
/// binary reached through `PATH` and a symlink, a mistyped command, paths typed with a slash,
/// progress into a log file.
@Suite struct UsageEdgesTests {
    @Test func aNegativeLoudnessMayBeASeparateArgument() throws {
        let (folder, path) = try RenderCommandTests.tiny()
        let result = try SootheCLI.run(["render", path, "-o", folder.file("quiet.wav"), "--loudness", "-23"] + RenderCommandTests.small)
        #expect(result.status == 0, "\(result)")
        let (_, lufs, _) = try RenderCommandTests.loudness(folder.file("quiet.wav"))
        #expect(abs(lufs - -23) <= 0.5, "\(lufs) LUFS")
    }

    /// Run as `soothe` from `PATH`, through a symlink in another folder, with no `SOOTHE_HOME`
    /// and from a folder far from the package: the built-in sessions are still found.
    @Test func aSymlinkOnThePathFindsTheBuiltIns() throws {
        let binary = try #require(SootheCLI.binary)
        let bin = try TemporaryFolder(), elsewhere = try TemporaryFolder()
        try FileManager.default.createSymbolicLink(atPath: bin.file("soothe"), withDestinationPath: binary)
        let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let result = try SootheCLI.run(
            ["list"], home: nil, in: elsewhere.path, environment: ["PATH": path], executable: bin.file("soothe"))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("belly-breathing"), "\(result)")
    }

    @Test(arguments: [("lst", "did you mean 'list'?"), ("rendr", "did you mean 'render'?"), ("chek", "did you mean 'check'?")])
    func aMistypedCommandGetsASuggestion(_ typed: String, _ hint: String) throws {
        let result = try SootheCLI.run([typed, "x"])
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("unknown command '\(typed)' (\(hint))"), "\(result)")
    }

    @Test func aFolderTypedWithASlashGivesCleanPaths() throws {
        let (folder, path) = try RenderCommandTests.tiny()
        let other = try folder.write("other.yaml", RenderCommandTests.script.replacingOccurrences(of: "Tiny Render", with: "Other"))
        let result = try SootheCLI.run(["render", path, other, "-o", "out/"] + RenderCommandTests.small, in: folder.path)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("out/tiny.wav"), "\(result)")
        #expect(!result.stdout.contains("//") && !result.stderr.contains("//"), "\(result)")
    }

    /// `--verbose` into a file: one line per update, no carriage returns or terminal codes.
    @Test func progressIntoALogIsOneLinePerUpdate() throws {
        let (folder, path) = try RenderCommandTests.tiny()
        let result = try SootheCLI.run(["render", path, "-o", folder.file("v.wav"), "--verbose", "--sample-rate", "22050", "--channels", "1"])
        #expect(result.status == 0, "\(result)")
        #expect(!result.stderr.contains("\r") && !result.stderr.contains("\u{1B}"), "\(result)")
        let lines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("rendering tiny ") }
        #expect(lines.count >= 2 && lines.last == "rendering tiny 100%", "\(result)")
    }

    /// `--voice` speaks a session in another profile: check, preview and render agree on the
    /// new length; an unknown profile is bad usage with a suggestion.
    @Test func aSessionInAnotherVoice() throws {
        let folder = try TemporaryFolder()
        let cache = folder.file("cache")
        func length(_ arguments: [String]) throws -> Double {
            let result = try SootheCLI.run(["preview", "belly-breathing", "--format", "json"] + arguments, cache: cache)
            #expect(result.status == 0, "\(result)")
            let sheet = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            return try #require(sheet["duration"] as? Double)
        }
        let own = try length([])
        let clear = try length(["--voice", "clear"])
        #expect(own != clear, "the clear voice speaks at another pace")
        let render = try SootheCLI.run(
            ["render", "belly-breathing", "--voice", "clear", "-o", folder.file("b.wav"), "--sample-rate", "22050", "--channels", "1", "--quiet"],
            cache: cache)
        #expect(render.status == 0, "\(render)")
        let frames = try AudioFileReader(path: folder.file("b.wav")).frames
        #expect(frames == Int((clear * 22050).rounded()), "the file is the preview's length")
        let check = try SootheCLI.run(["check", "belly-breathing", "--voice", "gentl"], cache: cache)
        #expect(check.status == 64 && check.stderr.contains("unknown voice profile 'gentl'; did you mean 'gentle'?"), "\(check)")
    }

    @Test func theJobsDefaultIsSaidOnce() throws {
        let result = try SootheCLI.run(["render", "--help"])
        #expect(result.status == 0)
        let jobs = result.stdout.split(separator: "\n").drop { !$0.contains("--jobs") }.prefix(2).joined(separator: " ")
        #expect(jobs.components(separatedBy: "default").count == 2, "\(jobs)")
    }
}

/// `SOURCE_DATE_EPOCH` is checked when soothe starts, as the reproducible-builds specification
/// defines it: a non-negative integer of seconds.
@Suite struct SourceDateEpochTests {
    @Test(arguments: ["yesterday", "-1", "1.5", "", "99999999999999999999"])
    func aMalformedEpochIsAClearError(_ value: String) throws {
        let (folder, path) = try RenderCommandTests.tiny()
        let result = try SootheCLI.run(["render", path, "-o", folder.file("x.wav")] + RenderCommandTests.small, environment: ["SOURCE_DATE_EPOCH": value])
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("SOURCE_DATE_EPOCH must be a non-negative whole number"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("x.wav")))
    }

    @Test func aValidEpochDatesTheFile() throws {
        let (folder, path) = try RenderCommandTests.tiny()
        let result = try SootheCLI.run(["render", path, "-o", folder.file("x.flac")] + RenderCommandTests.small, environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        #expect(result.status == 0, "\(result)")
        #expect(try AudioFileReader(path: folder.file("x.flac")).tags.date == "2023-11-14")
    }
}
