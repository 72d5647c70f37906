#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// `preview --watch` and `render --watch`: the output again after the script changes (saved
/// the way editors save, a new file renamed over the old), a line naming the change when
/// standard output is not a terminal, and Ctrl-C ending it with 130.
@Suite struct WatchTests {
    /// A running `soothe ARGUMENTS` whose standard output and error go to files we can poll.
    final class Running {
        let process = Process()
        let logs: TemporaryFolder
        private let out: FileHandle, err: FileHandle

        /// `soothe ARGUMENTS`, or `executable ARGUMENTS` when given.
        init(_ arguments: [String], in directory: String, executable: String? = nil) throws {
            let binary = try #require(executable ?? SootheCLI.binary, "the soothe executable was not found; build it first or set SOOTHE_BIN")
            logs = try TemporaryFolder()
            _ = FileManager.default.createFile(atPath: logs.file("stdout"), contents: nil)
            _ = FileManager.default.createFile(atPath: logs.file("stderr"), contents: nil)
            out = try FileHandle(forWritingTo: URL(fileURLWithPath: logs.file("stdout")))
            err = try FileHandle(forWritingTo: URL(fileURLWithPath: logs.file("stderr")))
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
            var environment = ProcessInfo.processInfo.environment
            environment["SOOTHE_HOME"] = SootheCLI.packageRoot
            environment["SOOTHE_CACHE"] = logs.file("speech-cache")
            environment["SOOTHE_VOICES"] = ""
            environment["COLUMNS"] = ""
            process.environment = environment
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        deinit {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            try? out.close()
            try? err.close()
        }

        var stdout: String { (try? String(contentsOfFile: logs.file("stdout"), encoding: .utf8)) ?? "" }
        var stderr: String { (try? String(contentsOfFile: logs.file("stderr"), encoding: .utf8)) ?? "" }

        /// Waits (up to `seconds`) until standard output satisfies `done`.
        func wait(seconds: Double = 60, until done: (String) -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if done(stdout) { return true }
                if !process.isRunning { return done(stdout) }
                usleep(50_000)
            }
            return false
        }

        /// Sends SIGINT and waits (up to 30 s) for the exit status.
        func interrupt() -> Int32? {
            kill(process.processIdentifier, SIGINT)
            let deadline = Date().addingTimeInterval(30)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            guard !process.isRunning else { return nil }
            return process.terminationStatus
        }
    }

    /// Replaces `path` as an editor does: a new file written beside it, renamed over it.
    static func save(_ text: String, to path: String) throws {
        let temporary = path + ".swp"
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        #expect(rename(temporary, path) == 0)
    }

    /// Replaces the file at `path` with `data`, written beside it and renamed over it.
    static func replace(_ path: String, with data: Data) throws {
        try data.write(to: URL(fileURLWithPath: path + ".new"))
        #expect(rename(path + ".new", path) == 0)
    }

    static func script(pause: String) -> String {
        "title: Watched\nsteps:\n  - {chime: wood-block, wait: 1s}\n  - pause: \(pause)\n"
    }

    @Test func previewWatchShowsTheTableAgainAfterASaveAndCtrlCEndsIt() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("watched.yaml", Self.script(pause: "2s"))
        let running = try Running(["preview", "watched.yaml", "--watch"], in: folder.path)
        #expect(running.wait { $0.contains("Length 0:03") }, "first table: \(running.stdout)\n\(running.stderr)")
        #expect(running.stderr.contains("watching") && running.stderr.contains("Ctrl-C"), "\(running.stderr)")
        // A file beside it that is not the script changes nothing.
        try folder.write("notes.txt", "unrelated")
        usleep(400_000)
        #expect(!running.stdout.contains("changed"), "\(running.stdout)")

        try Self.save(Self.script(pause: "5s"), to: path)
        #expect(running.wait { $0.contains("Length 0:06") }, "second table: \(running.stdout)\n\(running.stderr)")
        let output = running.stdout
        // Not a terminal: a line names the change, and the screen is not cleared.
        #expect(output.contains("\n--- watched.yaml changed ---\n"), "\(output)")
        #expect(!output.contains("\u{1B}["))
        #expect(output.components(separatedBy: "Watched  (watched)").count - 1 == 2)

        // A broken save is reported and the watch goes on; the next good save shows again.
        try Self.save("title: Watched\nsteps:\n  - pause: five\n", to: path)
        #expect(running.wait(seconds: 30) { _ in running.stderr.contains("watched.yaml:3:12: error: malformed duration 'five'") }, "\(running.stderr)")
        try Self.save(Self.script(pause: "8s"), to: path)
        #expect(running.wait { $0.contains("Length 0:09") }, "\(running.stdout)\n\(running.stderr)")

        #expect(running.interrupt() == 130)
    }

    @Test func previewWatchFollowsAVoiceProfileBesideTheScript() throws {
        let folder = try TemporaryFolder()
        try folder.write("watched.yaml", "title: Voiced\nvoice: mine\nsteps:\n  - pause: 1s\n")
        let profile = "name: mine\ndescription: test\nespeak: en-us\nrate: 120\n"
        let voicePath = try folder.write("voices/mine.yaml", profile)
        let running = try Running(["preview", "watched.yaml", "--watch"], in: folder.path)
        #expect(running.wait { $0.contains("voice mine (en-us, 120 wpm)") }, "\(running.stdout)\n\(running.stderr)")
        try Self.save(profile.replacingOccurrences(of: "rate: 120", with: "rate: 140"), to: voicePath)
        #expect(running.wait { $0.contains("voice mine (en-us, 140 wpm)") }, "\(running.stdout)\n\(running.stderr)")
        #expect(running.stdout.contains("--- mine.yaml changed ---"))
        #expect(running.interrupt() == 130)
    }

    @Test func previewWatchWithALanguageFollowsTheTranslation() throws {
        let folder = try TemporaryFolder()
        try folder.write("watched.yaml", "title: Watched\nsteps:\n  - say: Hello there.\n  - pause: 1s\n")
        let template = try SootheCLI.run(["translate", "watched.yaml", "--lang", "de"], in: folder.path)
        #expect(template.status == 0, "\(template)")
        let translation = try folder.write("translations/de/watched.yaml", template.stdout.replacingOccurrences(of: "say: \"Hello there.\"", with: "say: \"Guten Tag.\""))
        let running = try Running(["preview", "watched.yaml", "--lang", "de", "--watch"], in: folder.path)
        #expect(running.wait { $0.contains("\"Guten Tag.\"") }, "\(running.stdout)\n\(running.stderr)")
        try Self.save(template.stdout.replacingOccurrences(of: "say: \"Hello there.\"", with: "say: \"Hallo zusammen.\""), to: translation)
        #expect(running.wait { $0.contains("\"Hallo zusammen.\"") }, "\(running.stdout)\n\(running.stderr)")
        #expect(running.stdout.contains("--- watched.yaml changed ---"))
        #expect(running.interrupt() == 130)
    }

    @Test func renderWatchRendersAgainAfterASave() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("watched.yaml", Self.script(pause: "2s"))
        let running = try Running(["render", "watched.yaml", "-o", "watched.wav", "--watch"], in: folder.path)
        #expect(running.wait { $0.contains("watched.wav: 0:03, ") }, "\(running.stdout)\n\(running.stderr)")
        try Self.save(Self.script(pause: "6s"), to: path)
        #expect(running.wait { $0.contains("watched.wav: 0:07, ") }, "\(running.stdout)\n\(running.stderr)")
        #expect(running.interrupt() == 130)
        // The file is the second render's, whole; no temporary file is left beside it.
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(Set(names) == ["watched.yaml", "watched.wav"], "\(names)")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: folder.file("watched.wav"))[.size] as? Int)
        #expect(size > 7 * 48_000 * 4 - 48_000 * 4 && size < 8 * 48_000 * 4, "\(size) bytes")
    }

    @Test func renderWatchFollowsTheSoundFilesTheScriptPlays() throws {
        let folder = try TemporaryFolder()
        for (name, kind) in [("sounds/bell.wav", "bell"), ("more/bowl.wav", "singing-bowl")] {
            try FileManager.default.createDirectory(atPath: folder.file((name as NSString).deletingLastPathComponent), withIntermediateDirectories: true)
            #expect(try SootheCLI.run(["sounds", kind, "-o", folder.file(name), "-q", "--sample-rate", "22050", "--channels", "1"]).status == 0)
        }
        let path = try folder.write("watched.yaml", "title: Rung\nsteps:\n  - chime: sounds/bell.wav\n  - pause: 1s\n")
        let running = try Running(["render", "watched.yaml", "-o", "rung.wav", "--watch", "--sample-rate", "22050", "--channels", "1"], in: folder.path)
        #expect(running.wait { $0.contains("rung.wav: ") }, "\(running.stdout)\n\(running.stderr)")
        #expect(running.stderr.contains(folder.file("sounds")), "the sound's folder is watched: \(running.stderr)")
        // The bell replaced, as a sound editor saves (a new file renamed over it): a new render.
        let bell = try Data(contentsOf: URL(fileURLWithPath: folder.file("sounds/bell.wav")))
        let bowl = try Data(contentsOf: URL(fileURLWithPath: folder.file("more/bowl.wav")))
        try Self.replace(folder.file("sounds/bell.wav"), with: bowl)
        #expect(running.wait { $0.contains("--- bell.wav") }, "\(running.stdout)\n\(running.stderr)")
        #expect(running.wait { $0.components(separatedBy: "rung.wav: ").count == 3 }, "\(running.stdout)\n\(running.stderr)")
        // The script edited to play a file in a folder not watched before: that file is followed from then on.
        try Self.save("title: Rung\nsteps:\n  - chime: more/bowl.wav\n  - pause: 1s\n", to: path)
        #expect(running.wait { $0.components(separatedBy: "rung.wav: ").count == 4 }, "\(running.stdout)\n\(running.stderr)")
        try Self.replace(folder.file("more/bowl.wav"), with: bell)
        #expect(running.wait { $0.contains("--- bowl.wav changed ---") }, "\(running.stdout)\n\(running.stderr)")
        #expect(running.wait { $0.components(separatedBy: "rung.wav: ").count == 5 }, "\(running.stdout)\n\(running.stderr)")
        #expect(running.interrupt() == 130)
    }

    /// On a terminal (a pseudo-terminal from script(1)) each new run clears the screen first
    /// (cursor home, erase) instead of printing a separator; SIGINT (from timeout(1)) ends it, 130.
    @Test func onATerminalTheScreenIsClearedBeforeEachRun() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "script(1) from util-linux")
        let binary = try #require(SootheCLI.binary)
        let folder = try TemporaryFolder()
        let path = try folder.write("watched.yaml", Self.script(pause: "2s"))
        let command = "exec timeout --preserve-status -s INT 12 '\(binary)' preview watched.yaml --watch"
        let running = try Running(["-q", "-e", "-c", command, "/dev/null"], in: folder.path, executable: "/usr/bin/script")
        #expect(running.wait { $0.contains("Length 0:03") }, "\(running.stdout)")
        try Self.save(Self.script(pause: "4s"), to: path)
        #expect(running.wait { $0.contains("Length 0:05") }, "\(running.stdout)")
        let output = running.stdout
        let clear = try #require(output.range(of: "\u{1B}[H\u{1B}[2J"), "no clear sequence in \(output.debugDescription)")
        #expect(output[..<clear.lowerBound].contains("Length 0:03") && output[clear.upperBound...].contains("Length 0:05"))
        #expect(!output.contains("changed ---"))
        // timeout(1) sends SIGINT after 12 s; script(1) -e passes on the status.
        let deadline = Date().addingTimeInterval(40)
        while running.process.isRunning && Date() < deadline { usleep(50_000) }
        #expect(!running.process.isRunning && running.process.terminationStatus == 130, "\(running.process.terminationStatus)")
    }

    @Test func watchNeedsOneSessionFile() throws {
        let many = try SootheCLI.run(["render", "belly-breathing", "box-breathing", "--watch"])
        #expect(many.status == 64 && many.stderr.contains("--watch renders one session"), "\(many)")
        let all = try SootheCLI.run(["render", "--all", "--watch"])
        #expect(all.status == 64, "\(all)")
        let stdin = try SootheCLI.run(["preview", "-", "--watch"])
        #expect(stdin.status == 64 && stdin.stderr.contains("not standard input"), "\(stdin)")
    }
}
