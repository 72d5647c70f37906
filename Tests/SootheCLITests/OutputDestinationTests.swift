#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SootheAudioIO
import Testing

/// Outputs that are not plain files, and `-` for standard input and output: a device stays a
/// device, a FIFO and standard output get the whole file, a link keeps pointing where it did.
@Suite struct OutputDestinationTests {
    /// Runs soothe with `stdin` (a file's bytes) and its stdout and stderr caught as bytes.
    static func run(_ arguments: [String], stdin: String? = nil, in directory: String) throws -> (status: Int32, stdout: Data, stderr: String) {
        let binary = try #require(SootheCLI.binary)
        let logs = try TemporaryFolder()
        _ = FileManager.default.createFile(atPath: logs.file("out"), contents: nil)
        _ = FileManager.default.createFile(atPath: logs.file("err"), contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: logs.file("out")))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: logs.file("err")))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SOOTHE_HOME"] = SootheCLI.packageRoot
        environment["SOOTHE_CACHE"] = logs.file("cache")
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardInput = try stdin.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) } ?? FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return (process.terminationStatus, try Data(contentsOf: URL(fileURLWithPath: logs.file("out"))),
                String(decoding: try Data(contentsOf: URL(fileURLWithPath: logs.file("err"))), as: UTF8.self))
    }

    /// Runs `command` with bash in `directory`, with soothe's home and a cache of the folder's own.
    static func bash(_ command: String, in directory: String, environment extra: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", command]
        var environment = ProcessInfo.processInfo.environment
        environment["SOOTHE_HOME"] = SootheCLI.packageRoot
        environment["SOOTHE_CACHE"] = directory + "/cache"
        environment.merge(extra) { $1 }
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        try process.run()
        process.waitUntilExit()
    }

    static func fileType(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    @Test(arguments: ["wav", "flac", "ogg", "mp3"])
    func audioOnStandardOutputReadsBack(_ format: String) throws {
        let (folder, script) = try RenderCommandTests.tiny()
        let result = try Self.run(["render", script, "-o", "-", "--format", format] + RenderCommandTests.small, in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("<stdout>: 0:"), "the summary goes to stderr: \(result.stderr)")
        try result.stdout.write(to: URL(fileURLWithPath: folder.file("piped.\(format)")))
        let reader = try AudioFileReader(path: folder.file("piped.\(format)"))
        #expect(reader.format?.fileExtension == format)
        let sheet = try RenderCommandTests.cueSheet(script)
        #expect(reader.frames == (try RenderCommandTests.frames(sheet, rate: 22050)) || format == "mp3")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["piped.\(format)", "tiny.yaml"])
    }

    @Test func aScriptOnStandardInput() throws {
        let (folder, script) = try RenderCommandTests.tiny()
        let check = try Self.run(["check", "-"], stdin: script, in: folder.path)
        #expect(check.status == 0 && String(decoding: check.stdout, as: UTF8.self).hasPrefix("<stdin>: ok"), "\(check)")
        let render = try Self.run(["render", "-", "-o", "from-stdin.wav"] + RenderCommandTests.small, stdin: script, in: folder.path)
        #expect(render.status == 0, "\(render.stderr)")
        #expect(try AudioFileReader(path: folder.file("from-stdin.wav")).frames > 0)
        try Data("title: Bad\nsteps:\n  - pause: 6x\n".utf8).write(to: URL(fileURLWithPath: folder.file("bad.yaml")))
        let bad = try Self.run(["check", "-"], stdin: folder.file("bad.yaml"), in: folder.path)
        #expect(bad.status == 65 && bad.stderr.contains("<stdin>:3:12: error: malformed duration '6x'"), "\(bad)")
    }

    /// A script given as a pipe (bash's process substitution, `/dev/fd/63`) reads like a file.
    @Test func aScriptFromProcessSubstitution() throws {
        let binary = try #require(SootheCLI.binary)
        let (folder, script) = try RenderCommandTests.tiny()
        try Self.bash("'\(binary)' check <(cat '\(script)') > out 2>&1; echo $? >> out", in: folder.path)
        let out = String(decoding: try Data(contentsOf: URL(fileURLWithPath: folder.file("out"))), as: UTF8.self)
        #expect(out.firstMatch(of: /^\/dev\/fd\/\d+: ok, 0:\d\d, \d+ cues\n0\n$/) != nil, "\(out)")
        // An endless pipe: one byte past the limit is read, then the located refusal.
        try Self.bash("'\(binary)' check - < /dev/zero > endless 2>&1; echo $? >> endless", in: folder.path)
        let endless = String(decoding: try Data(contentsOf: URL(fileURLWithPath: folder.file("endless"))), as: UTF8.self)
        #expect(endless.contains("<stdin>:1:1: error: the input is larger than 1048576 bytes (1 MiB)") && endless.hasSuffix("65\n"), "\(endless)")
    }

    /// A FIFO gets the whole file (read by `cat` on the other end) and stays a FIFO.
    @Test func aFIFOGetsTheWholeFile() throws {
        let (folder, script) = try RenderCommandTests.tiny()
        #expect(mkfifo(folder.file("pipe"), 0o600) == 0)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = ["-c", "cat pipe > caught.flac"]
        reader.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        try reader.run()
        let result = try Self.run(["render", script, "-o", "pipe", "--format", "flac"] + RenderCommandTests.small, in: folder.path)
        reader.waitUntilExit()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.fileType(folder.file("pipe")) == S_IFIFO, "the FIFO was replaced")
        #expect(try AudioFileReader(path: folder.file("caught.flac")).frames > 0)
    }

    /// A character device (a null device made here, or /dev/null) is written into, never replaced.
    @Test func aDeviceStaysADevice() throws {
        let (folder, script) = try RenderCommandTests.tiny()
        // The null device is major 1, minor 3 on Linux (dev_t = major << 8 | minor for small numbers).
        let made = mknod(folder.file("null"), S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0
        let device = made ? folder.file("null") : "/dev/null"
        let result = try Self.run(["render", script, "-o", device, "--format", "wav"] + RenderCommandTests.small, in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.fileType(device) == S_IFCHR, "\(device) is no longer a character device")
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        #expect(left.isEmpty, "\(left)")
    }

    /// A link is written through: the file it names is replaced whole, keeps its permission
    /// bits, and the link stays a link.
    @Test func aLinkIsWrittenThrough() throws {
        let (folder, script) = try RenderCommandTests.tiny()
        try Data("old".utf8).write(to: URL(fileURLWithPath: folder.file("target.wav")))
        #expect(chmod(folder.file("target.wav"), 0o640) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder.file("link.wav"), withDestinationPath: "target.wav")
        let result = try Self.run(["render", script, "-o", "link.wav"] + RenderCommandTests.small, in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.fileType(folder.file("link.wav")) == S_IFLNK)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.file("link.wav")) == "target.wav")
        #expect(try AudioFileReader(path: folder.file("target.wav")).frames > 0)
        var info = stat()
        #expect(stat(folder.file("target.wav"), &info) == 0 && info.st_mode & 0o7777 == 0o640)
    }

    /// Text outputs get the same care as audio: `preview -o` into a device leaves the device,
    /// `preview -o -` is standard output, and captions written through a link keep the link
    /// and the file's permission bits.
    @Test func textOutputsAreWrittenLikeAudio() throws {
        let (folder, script) = try RenderCommandTests.tiny()
        let made = mknod(folder.file("null"), S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0
        let device = made ? folder.file("null") : "/dev/null"
        let preview = try Self.run(["preview", script, "-o", device], in: folder.path)
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(Self.fileType(device) == S_IFCHR, "\(device) is no longer a character device")

        let piped = try Self.run(["preview", script, "-o", "-", "--format", "vtt"], in: folder.path)
        #expect(piped.status == 0 && String(decoding: piped.stdout, as: UTF8.self).hasPrefix("WEBVTT"), "\(piped)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("-")), "a file named '-' was written")

        try Data("old".utf8).write(to: URL(fileURLWithPath: folder.file("kept.vtt")))
        #expect(chmod(folder.file("kept.vtt"), 0o604) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder.file("out.vtt"), withDestinationPath: "kept.vtt")
        let render = try Self.run(["render", script, "-o", "out.wav", "--captions"] + RenderCommandTests.small, in: folder.path)
        #expect(render.status == 0, "\(render.stderr)")
        #expect(Self.fileType(folder.file("out.vtt")) == S_IFLNK, "the caption link was replaced")
        let captions = String(decoding: try Data(contentsOf: URL(fileURLWithPath: folder.file("kept.vtt"))), as: UTF8.self)
        #expect(captions.hasPrefix("WEBVTT"))
        var info = stat()
        #expect(stat(folder.file("kept.vtt"), &info) == 0 && info.st_mode & 0o7777 == 0o604)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        #expect(left.isEmpty, "\(left)")
    }

    /// A reader that stops early (`| head`): a render ends as on SIGINT (141, its temporary file
    /// in `$TMPDIR` removed, one line saying so); `list` ends quietly with 0.
    @Test func aReaderThatStopsEarly() throws {
        let binary = try #require(SootheCLI.binary)
        let folder = try TemporaryFolder()
        let scratch = try TemporaryFolder()
        func pipeline(_ command: String) throws -> (status: String, stderr: String) {
            try Self.bash("\(command) 2> err | head -c 100 > /dev/null; echo ${PIPESTATUS[0]} > status", in: folder.path,
                          environment: ["TMPDIR": scratch.path])
            let read = { (name: String) in String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: folder.file(name)))) ?? Data(), as: UTF8.self) }
            return (read("status").trimmingCharacters(in: .whitespacesAndNewlines), read("err"))
        }
        let render = try pipeline("'\(binary)' breathe --minutes 2 --no-guidance -o -")
        #expect(render.status == "141", "\(render)")
        // The track's length, said before the render, then one line on why it stopped.
        #expect(render.stderr.hasPrefix("breathe-belly-2m: 2:00 (Breathe 5-0-5-0 × "), "\(render)")
        #expect(render.stderr.split(separator: "\n").last == "soothe: the output was closed by its reader; no partial output was left", "\(render)")
        #expect(render.stderr.split(separator: "\n").count == 2, "\(render)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty, "a temporary file was left in TMPDIR")
        let list = try pipeline("'\(binary)' list")
        #expect(list.status == "0" && !list.stderr.contains("error"), "\(list)")
    }

    @Test(arguments: [["--captions"], ["--html"]])
    func sidecarsNeedAFile(_ flag: [String]) throws {
        let (folder, script) = try RenderCommandTests.tiny()
        let result = try Self.run(["render", script, "-o", "-"] + flag, in: folder.path)
        #expect(result.status == 64 && result.stderr.contains("with -o - there is no file"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}

/// A file-size limit (`ulimit -f`) is a clear failure, not a death by SIGXFSZ with the temporary
/// file left behind, and an existing file keeps its bytes.
@Suite struct FileSizeLimitTests {
    @Test func aFileSizeLimitIsFileTooLarge() throws {
        let folder = try TemporaryFolder()
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: folder.file("long.wav")))
        let result = try SootheCLI.run(
            ["breathe", "--minutes", "3", "--no-guidance", "-o", "long.wav", "--quiet"], in: folder.path,
            wrapper: ["/usr/bin/prlimit", "--fsize=2000000"])
        #expect(result.status == 73 || result.status == 1, "\(result)")
        #expect(result.stderr.contains("File too large"), "\(result)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["long.wav"])
        #expect(try String(contentsOfFile: folder.file("long.wav"), encoding: .utf8) == "keep me")
    }
}
