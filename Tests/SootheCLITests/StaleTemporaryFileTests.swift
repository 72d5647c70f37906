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

    @Test func aNameOf250BytesWorks() throws {
        let (folder, script) = try RenderCommandTests.tiny()
        let name = String(repeating: "é", count: 123) + ".wav"  // 250 bytes
        #expect(name.utf8.count == 250)
        let result = try SootheCLI.run(["render", script, "-o", name] + RenderCommandTests.small, in: folder.path)
        #expect(result.status == 0, "\(result)")
        #expect(try AudioFileReader(path: folder.file(name)).frames > 0)
    }
}
