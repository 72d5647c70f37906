#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SootheAudioIO
import Testing

/// What a render killed without warning (SIGKILL, a power cut) leaves is swept by the next render
/// into that folder; a live or recent render's file is not touched. Long names still work.
@Suite struct StaleTemporaryFileTests {
    /// The pid of a process that has ended.
    static func deadPID() throws -> pid_t {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    static func age(_ path: String, seconds: Int) {
        var times = [timeval(tv_sec: time(nil) - seconds, tv_usec: 0), timeval(tv_sec: time(nil) - seconds, tv_usec: 0)]
        _ = utimes(path, &times)
    }

    @Test func aKilledRendersFileIsSweptByTheNext() throws {
        let (folder, script) = try RenderCommandTests.tiny()
        let dead = try Self.deadPID()
        let stale = ".old.wav.soothe-\(dead)-AbC123.tmp"
        let recent = ".recent.wav.soothe-\(dead)-XyZ789.tmp"
        let alive = ".live.wav.soothe-\(getpid())-QwE456.tmp"
        let foreign = ".notes.soothe-draft.tmp"
        for name in [stale, recent, alive, foreign] { try Data("x".utf8).write(to: URL(fileURLWithPath: folder.file(name))) }
        for name in [stale, alive, foreign] { Self.age(folder.file(name), seconds: 600) }
        let result = try SootheCLI.run(["render", script, "-o", "out.wav"] + RenderCommandTests.small, in: folder.path)
        #expect(result.status == 0, "\(result)")
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(!names.contains(stale), "the dead render's old file was kept")
        #expect(names.isSuperset(of: [recent, alive, foreign, "out.wav", "tiny.yaml"]), "\(names.sorted())")
    }

    /// A real SIGKILL mid-write: the old file keeps every byte, the killed render's temporary file
    /// is all it leaves, and the next render into the folder (a minute later) removes it.
    @Test func aRenderKilledMidWriteLeavesTheOldFileAndIsSweptLater() throws {
        let binary = try #require(SootheCLI.binary, "the soothe executable was not found; build it first or set SOOTHE_BIN")
        let (folder, script) = try RenderCommandTests.tiny()
        let existing = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 5) })
        try existing.write(to: URL(fileURLWithPath: folder.file("long.wav")))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["breathe", "--minutes", "10", "--no-guidance", "-o", "long.wav", "--quiet"]
        var environment = ProcessInfo.processInfo.environment
        environment["SOOTHE_HOME"] = SootheCLI.packageRoot
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let started = ContinuousClock.now
        var temporary: String?
        while temporary == nil, process.isRunning, ContinuousClock.now - started < InterruptTests.startTimeout {
            temporary = InterruptTests.temporaryFiles(in: folder.path, for: "long.wav").first
            if temporary == nil { usleep(5_000) }
        }
        let left = try #require(temporary, "no temporary file appeared")
        usleep(50_000)
        #expect(kill(process.processIdentifier, SIGKILL) == 0)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(FileManager.default.contents(atPath: folder.file("long.wav")) == existing, "the old file was changed")
        #expect(FileManager.default.fileExists(atPath: folder.file(left)), "a killed process runs no handler")

        // Younger than a minute: a render might still own it, so it stays.
        var result = try SootheCLI.run(["render", script, "-o", "a.wav"] + RenderCommandTests.small, in: folder.path)
        #expect(result.status == 0, "\(result)")
        #expect(FileManager.default.fileExists(atPath: folder.file(left)))
        Self.age(folder.file(left), seconds: 120)
        result = try SootheCLI.run(["render", script, "-o", "b.wav"] + RenderCommandTests.small, in: folder.path)
        #expect(result.status == 0, "\(result)")
        #expect(!FileManager.default.fileExists(atPath: folder.file(left)), "the killed render's file was not swept")
        #expect(FileManager.default.contents(atPath: folder.file("long.wav")) == existing)
    }

    @Test func aNameOf250BytesWorks() throws {
        let (folder, script) = try RenderCommandTests.tiny()
        let name = String(repeating: "é", count: 123) + ".wav"  // 250 bytes
        #expect(name.utf8.count == 250)
        let result = try SootheCLI.run(["render", script, "-o", name] + RenderCommandTests.small, in: folder.path)
        #expect(result.status == 0, "\(result)")
        #expect(try AudioFileReader(path: folder.file(name)).frames > 0)
    }
}
