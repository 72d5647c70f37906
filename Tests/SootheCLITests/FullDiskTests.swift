#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// A full or read-only disk never replaces a good file with a short one: on a small tmpfs
/// filled to many levels, every format's render either writes the very file a roomy disk gets
/// or fails with the system's reason (exit 73), the old file intact and nothing left behind.
/// (libsndfile's MP3 encoder ignored failed writes: a full disk used to give a truncated MP3
/// and exit 0.) Mounting needs root, as the test machines and CI run.
@Suite(.serialized) struct FullDiskTests {
    /// A tmpfs of `size` mounted on a temporary folder for the life of the value.
    final class SmallDisk {
        let folder: TemporaryFolder
        var path: String { folder.path }

        init(size: String) throws {
            folder = try TemporaryFolder()
            let status = Self.mount(["-t", "tmpfs", "-o", "size=\(size),mode=0755", "tmpfs", folder.path])
            try #require(status == 0, "cannot mount a tmpfs on \(folder.path) (the test needs root, as CI has)")
        }

        deinit { _ = Self.command("/bin/umount", ["-l", folder.path]) }

        static func mount(_ arguments: [String]) -> Int32 { command("/bin/mount", arguments) }

        static func command(_ path: String, _ arguments: [String]) -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return -1 }
            process.waitUntilExit()
            return process.terminationStatus
        }

        /// Bytes still free.
        func available() -> Int {
            var info = statvfs()
            return statvfs(path, &info) == 0 ? Int(info.f_bavail) * Int(info.f_frsize) : 0
        }

        /// Makes `bytes` of the disk used by a file named `filler` (replacing an earlier one).
        func fill(_ bytes: Int) {
            unlink(path + "/filler")
            guard bytes > 0 else { return }
            let fd = open(path + "/filler", O_WRONLY | O_CREAT, 0o644)
            _ = posix_fallocate(fd, 0, off_t(bytes))
            close(fd)
        }
    }

    static func arguments(_ format: String) -> [String] {
        ["--sample-rate", format == "opus" ? "48000" : "22050", "--channels", "1", "--quiet"]
    }

    @Test(arguments: ["wav", "flac", "ogg", "opus", "mp3"])
    func aFullDiskNeverLeavesAShortFile(_ format: String) throws {
        let (roomy, script) = try RenderCommandTests.tiny()
        let cache = try TemporaryFolder()
        let name = "session.\(format)"
        let reference = try SootheCLI.run(["render", script, "-o", name] + Self.arguments(format), in: roomy.path, cache: cache.path)
        try #require(reference.status == 0, "\(reference)")
        let good = try Data(contentsOf: URL(fileURLWithPath: roomy.file(name)))
        let sheet = try RenderCommandTests.cueSheet(script)
        let spoolBytes = try RenderCommandTests.frames(sheet, rate: format == "opus" ? 48000 : 22050) * 4

        let disk = try SmallDisk(size: "4m")
        let output = disk.path + "/" + name
        let old = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) })
        try old.write(to: URL(fileURLWithPath: output))
        // Whatever a level leaves, each render starts from the old file and the same free space.
        let free = disk.available()
        // Levels across the whole disk, and close together where the mix has room and the file
        // does not (the spool stays while the file is written).
        let writing = (0..<16).map { free - spoolBytes - good.count - 16_384 + $0 * (good.count + 32_768) / 15 }
        let levels = ((0...10).map { free * $0 / 10 } + writing).filter { $0 >= 0 && $0 <= free }

        var outcomes: [String: Int] = [:]
        for level in levels {
            disk.fill(0)
            try old.write(to: URL(fileURLWithPath: output))
            disk.fill(level)
            let result = try SootheCLI.run(["render", script, "-o", output] + Self.arguments(format), in: roomy.path, cache: cache.path)
            let now = try Data(contentsOf: URL(fileURLWithPath: output))
            let left = try FileManager.default.contentsOfDirectory(atPath: disk.path).filter { $0 != "filler" && $0 != name }
            #expect(left.isEmpty, "\(format), \(level) bytes filled: left \(left)")
            if result.status == 0 {
                #expect(Bool(now == good), "\(format), \(level) bytes filled: exit 0 but the file is \(now.count) bytes, not \(good.count)")
                outcomes["written", default: 0] += 1
            } else {
                #expect(result.status == 73, "\(format), \(level) bytes filled: \(result)")
                #expect(result.stderr.contains("No space left on device"), "\(format), \(level) bytes filled: \(result.stderr)")
                #expect(Bool(now == old), "\(format), \(level) bytes filled: the old file was changed (\(now.count) bytes)")
                let stage = result.stderr.contains("the spool") ? "spool" : "file"
                outcomes[stage, default: 0] += 1
            }
        }
        // Each way a render meets a full disk was met: room, no room for the mix, room for the
        // mix and not for the file.
        #expect(outcomes["written", default: 0] > 0 && outcomes["spool", default: 0] > 0 && outcomes["file", default: 0] > 0,
                "\(format): \(outcomes)")
    }

    /// A read-only disk: the system's reason, 73, the old file as it was.
    @Test func aReadOnlyDiskIsSaidAsSuch() throws {
        let (roomy, script) = try RenderCommandTests.tiny()
        let disk = try SmallDisk(size: "1m")
        let old = Data("an earlier render".utf8)
        try old.write(to: URL(fileURLWithPath: disk.path + "/session.wav"))
        try #require(SmallDisk.mount(["-o", "remount,ro", disk.path]) == 0)
        let result = try SootheCLI.run(["render", script, "-o", disk.path + "/session.wav"] + Self.arguments("wav"), in: roomy.path)
        #expect(result.status == 73 && result.stderr.contains("Read-only file system"), "\(result)")
        #expect(Bool(try Data(contentsOf: URL(fileURLWithPath: disk.path + "/session.wav")) == old))
    }
}
