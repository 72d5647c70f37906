#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// SIGINT and SIGTERM in the middle of a render: the exit status says which signal, no partial
/// or temporary file remains, and a file already at the output path keeps every byte.
@Suite struct InterruptTests {
    /// One interrupted render: the signal, the status it must give, and the command.
    struct Interruption: Sendable, CustomTestStringConvertible {
        var signal: Int32
        var status: Int32
        var arguments: [String]
        var testDescription: String {
            let name = [SIGINT: "SIGINT", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP", SIGQUIT: "SIGQUIT"][signal] ?? "signal \(signal)"
            return "\(name) during soothe \(arguments.joined(separator: " "))"
        }
    }

    static let cases = [
        // A built-in session: real espeak-ng speech, written as WAV.
        Interruption(signal: SIGINT, status: 130, arguments: ["render", "box-breathing", "-o", "session.wav", "--quiet"]),
        // A ten-minute breathing track, written as FLAC (libsndfile encodes as it goes).
        Interruption(signal: SIGTERM, status: 143, arguments: ["breathe", "--minutes", "10", "--no-guidance", "-o", "session.flac", "--quiet"]),
        // A closed terminal and Ctrl-\ end a render as Ctrl-C does.
        Interruption(signal: SIGHUP, status: 129, arguments: ["breathe", "--minutes", "10", "--no-guidance", "-o", "session.ogg", "--quiet"]),
        Interruption(signal: SIGQUIT, status: 131, arguments: ["breathe", "--minutes", "10", "--no-guidance", "-o", "session.wav", "--quiet"]),
    ]

    /// The longest wait for the render to reach its writing pass (a debug build measures loudness
    /// first, in up to three passes over the whole session).
    static let startTimeout: Duration = .seconds(300)

    @Test(arguments: cases)
    func aSignalMidRenderLeavesNoPartialFileAndKeepsTheExistingOne(_ interruption: Interruption) throws {
        let binary = try #require(SootheCLI.binary, "the soothe executable was not found; build it first or set SOOTHE_BIN")
        let folder = try TemporaryFolder()
        let logs = try TemporaryFolder()
        let name = interruption.arguments[interruption.arguments.firstIndex(of: "-o")! + 1]
        let output = folder.file(name)
        // An earlier render at the output path, with bytes no render would write.
        let existing = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try existing.write(to: URL(fileURLWithPath: output))

        _ = FileManager.default.createFile(atPath: logs.file("stdout"), contents: nil)
        _ = FileManager.default.createFile(atPath: logs.file("stderr"), contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: logs.file("stdout")))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: logs.file("stderr")))
        defer {
            try? out.close()
            try? err.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = interruption.arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SOOTHE_HOME"] = SootheCLI.packageRoot
        // Speech cached in a folder of this test's own, not the user's cache.
        environment["SOOTHE_CACHE"] = logs.file("speech-cache")
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        // Wait for the temporary file the writer creates beside the output (".NAME.soothe-*.tmp").
        let clock = ContinuousClock()
        let started = clock.now
        var temporary: String?
        while temporary == nil, process.isRunning, started.duration(to: clock.now) < Self.startTimeout {
            temporary = Self.temporaryFiles(in: folder.path, for: name).first
            if temporary == nil { usleep(5_000) }
        }
        let found = try #require(temporary, "no temporary file appeared (still running: \(process.isRunning)); stderr: \(Self.read(logs.file("stderr")))")
        // Let the writer put some audio into it, so the signal lands mid-write.
        usleep(50_000)
        #expect(process.isRunning, "the render finished before the signal could be sent")
        #expect(kill(process.processIdentifier, interruption.signal) == 0)

        let signalled = clock.now
        while process.isRunning, signalled.duration(to: clock.now) < .seconds(30) { usleep(10_000) }
        #expect(!process.isRunning, "soothe did not exit within 30 s of the signal")
        guard !process.isRunning else { return }
        let stderr = Self.read(logs.file("stderr"))
        #expect(process.terminationReason == .exit, "killed by a signal instead of exiting cleanly")
        #expect(process.terminationStatus == interruption.status, "stderr: \(stderr)")
        #expect(stderr.contains("interrupted; no partial output was left"), "stderr: \(stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.file(found)), "\(found) was left behind")
        #expect(Self.temporaryFiles(in: folder.path, for: name).isEmpty)
        let after = try #require(FileManager.default.contents(atPath: output), "the existing \(name) was removed")
        #expect(after == existing, "the existing \(name) was changed (\(after.count) bytes now, \(existing.count) before)")
        // Nothing else appeared beside it (captions, stray files).
        let listing = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(listing == [name], "\(listing)")
        if interruption.arguments.first == "render" {
            #expect(FileManager.default.fileExists(atPath: logs.file("speech-cache")), "the render spoke into its own cache")
        }
    }

    static func temporaryFiles(in folder: String, for name: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasPrefix(".\(name).soothe-") && $0.hasSuffix(".tmp") }
    }

    static func read(_ path: String) -> String {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
