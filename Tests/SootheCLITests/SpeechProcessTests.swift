#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// Speech runs in a process of soothe's own that never opens a sound server, and a machine that
/// cannot give it a process or descriptor is reported as such: exit 71, no error on any line.
@Suite struct SpeechProcessTests {
    /// A session that speaks, with a phrase no other test speaks, so the cache cannot answer it.
    static func speakingSession(in folder: TemporaryFolder) throws -> String {
        try folder.write("speaks.yaml", """
            title: Speaks
            steps:
              - say: A phrase to speak, \(UUID().uuidString.prefix(8)).

            """)
    }

    /// A sound server that accepts and never answers made espeak-ng's audio set-up wait 30 s in
    /// every run, and a HOME that can be written got `~/.config/pulse`.
    @Test func aSoundServerThatNeverAnswersCostsNothing() throws {
        let folder = try TemporaryFolder()
        let home = folder.file("home")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let socketPath = folder.file("pulse-native")
        let server = try SilentSocket(path: socketPath)
        defer { server.close() }
        let session = try Self.speakingSession(in: folder)
        let started = ContinuousClock.now
        let result = try SootheCLI.run(
            ["check", session],
            environment: ["PULSE_SERVER": "unix:\(socketPath)", "HOME": home, "XDG_CONFIG_HOME": "", "XDG_RUNTIME_DIR": folder.file("run")])
        let elapsed = started.duration(to: .now)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("speaks.yaml: ok"), "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
        // Waiting on the server costs 30 s; speaking one phrase takes a fraction of a second,
        // over a second only on a machine loaded several times over.
        #expect(elapsed < .seconds(5), "\(elapsed)")
        #expect(!FileManager.default.fileExists(atPath: home + "/.config/pulse"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: home).isEmpty)
    }

    /// The hidden argument does nothing useful by hand: soothe starts its server itself.
    @Test func theServerArgumentByHandExitsAtOnce() throws {
        let result = try SootheCLI.run(["_speech-server"])
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr == "soothe: _speech-server is started by soothe itself\n")
        let help = try SootheCLI.run(["--help"])
        #expect(!help.stdout.contains("speech-server"), "hidden from help")
    }

    @Test func aMissingSpeechServerIsReportedAsWhatItIs() throws {
        let folder = try TemporaryFolder()
        let session = try Self.speakingSession(in: folder)
        let missing = folder.file("no-such/soothe")
        let result = try SootheCLI.run(["check", session], environment: ["SOOTHE_SPEECH_SERVER": missing])
        #expect(result.status == 71, "\(result)")
        #expect(result.stderr == "soothe: error: cannot start the speech process: \(missing): No such file or directory\n", "\(result)")
        #expect(!result.stderr.contains(".yaml:"), "not pinned to a line: \(result)")
    }

    /// However few descriptors soothe may open, a shortage is never an error of the script: the
    /// run succeeds, or ends with 71 naming the shortage.
    @Test func tooFewDescriptorsIsNeverTheScriptsFault() throws {
        let prlimit = "/usr/bin/prlimit"
        try #require(FileManager.default.isExecutableFile(atPath: prlimit), "prlimit (util-linux) is needed")
        let folder = try TemporaryFolder()
        let session = try Self.speakingSession(in: folder)
        var shortages = 0
        for limit in 4...12 {
            let result = try SootheCLI.run(
                ["check", session], cache: folder.file("cache-\(limit)"), wrapper: [prlimit, "--nofile=\(limit):\(limit)"])
            #expect([0, 71].contains(result.status), "limit \(limit): \(result)")
            #expect(!result.stderr.contains(".yaml:"), "limit \(limit), pinned to a line: \(result)")
            if result.status == 71 {
                shortages += 1
                #expect(result.stderr.hasSuffix(": Too many open files\n"), "limit \(limit): \(result)")
            }
        }
        #expect(shortages > 0, "no limit was low enough to matter")
    }

    /// The same for renders, one and a batch, from a cold and a warm cache (the output, its
    /// spool and its captions need descriptors too): each session is written whole or fails
    /// with 71 naming the shortage, never 1, 65 or 66, and nothing half-made is left.
    @Test func tooFewDescriptorsForARenderIsSaidAsSuch() throws {
        let prlimit = "/usr/bin/prlimit"
        let folder = try TemporaryFolder()
        let session = try Self.speakingSession(in: folder)
        var shortages = 0
        for limit in 4...10 {
            for warm in [false, true] {
                let cache = folder.file(warm ? "warm-cache" : "cache-\(limit)")
                let out = folder.file("out-\(limit)-\(warm)")
                let one = try SootheCLI.run(
                    ["render", session, "-o", out + "/one.flac", "--captions", "--sample-rate", "22050", "--quiet"],
                    cache: cache, wrapper: [prlimit, "--nofile=\(limit):\(limit)"])
                let all = try SootheCLI.run(
                    ["render", "--all", "--jobs", "2", "-o", out + "/all", "--sample-rate", "22050", "--channels", "1", "--quiet"],
                    cache: cache, wrapper: [prlimit, "--nofile=\(limit):\(limit)"])
                for result in [one, all] {
                    #expect([0, 71].contains(result.status), "limit \(limit): \(result)")
                    #expect(result.stderr.firstMatch(of: /\.yaml:\d+:\d+|\(line \d+\)/) == nil, "limit \(limit), pinned to a line: \(result)")
                    if result.status == 71 {
                        shortages += 1
                        #expect(result.stderr.contains("Too many open files"), "limit \(limit): \(result)")
                    }
                }
                let left = (FileManager.default.enumerator(atPath: out)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".tmp") }
                #expect(left.isEmpty, "limit \(limit): \(left)")
            }
        }
        #expect(shortages > 0, "no limit was low enough to matter")
    }

    /// No process can be created (RLIMIT_NPROC, which binds only users other than root): the
    /// speech process cannot start, which is exit 71 with the system's reason.
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func noProcessToSpareIsReportedAsWhatItIs() throws {
        let folder = try TemporaryFolder()
        let session = try Self.speakingSession(in: folder)
        let fm = FileManager.default
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        // The other user must reach the binary and the voices: the clone may sit in a folder
        // only root can enter (mktemp -d makes 0700), so both are copied here.
        let binary = try #require(SootheCLI.binary)
        try fm.copyItem(atPath: binary, toPath: folder.file("soothe"))
        try fm.createDirectory(atPath: folder.file("home/assets/sessions"), withIntermediateDirectories: true)
        try fm.copyItem(atPath: SootheCLI.packageRoot + "/voices", toPath: folder.file("home/voices"))
        for path in ["home", "home/assets", "home/assets/sessions", "home/voices"] {
            try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.file(path))
        }
        // A user of its own, so that no other process counts against its limit.
        let user = String(40_000 + Int(getpid()) % 20_000)
        for limit in [1, 2, 3, 4] {
            let result = try SootheCLI.run(
                ["check", session], home: folder.file("home"), cache: "off",
                environment: ["SOOTHE_SPEECH_SERVER": folder.file("soothe")],
                wrapper: ["/usr/bin/setpriv", "--reuid=\(user)", "--regid=\(user)", "--clear-groups",
                          "/usr/bin/prlimit", "--nproc=\(limit):\(limit)"],
                executable: folder.file("soothe"))
            #expect(result.status == 71, "limit \(limit): \(result)")
            #expect(result.stderr.hasSuffix(": Resource temporarily unavailable\n"), "limit \(limit): \(result)")
            #expect(!result.stderr.contains(".yaml:"), "limit \(limit), pinned to a line: \(result)")
        }
    }
}

/// A Unix socket that takes connections and never says a word (they wait in its backlog).
final class SilentSocket {
    private let fd: Int32

    init(path: String) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard fd >= 0, bound == 0, listen(fd, 64) == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }

    func close() { _ = Glibc.close(fd) }
}
