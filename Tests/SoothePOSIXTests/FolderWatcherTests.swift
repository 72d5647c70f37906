#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SoothePOSIX
import Testing

@Suite("Watching folders (inotify) and the terminal's size")
struct FolderWatcherTests {
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/soothe-watch-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aSaveByRenameAWriteAndARemovalAreReportedWithTheirPaths() throws {
        let watched = try Self.folder(), elsewhere = try Self.folder()
        defer {
            try? FileManager.default.removeItem(atPath: watched)
            try? FileManager.default.removeItem(atPath: elsewhere)
        }
        let watcher = try FolderWatcher(folders: [watched, watched + "/missing"])
        #expect(watcher.watched == [watched], "a missing folder is left out")

        // An editor's save: a new file beside it, renamed over the old.
        try Data("new".utf8).write(to: URL(fileURLWithPath: watched + "/.s.yaml.swp"))
        #expect(rename(watched + "/.s.yaml.swp", watched + "/s.yaml") == 0)
        // A change in a folder not watched is not reported with it.
        try Data("x".utf8).write(to: URL(fileURLWithPath: elsewhere + "/other.yaml"))
        let saved = try watcher.waitForChanges()
        #expect(saved.contains(watched + "/s.yaml"), "\(saved)")
        #expect(!saved.contains { $0.hasPrefix(elsewhere) })

        // Written in place and closed.
        let fd = open(watched + "/s.yaml", O_WRONLY | O_TRUNC)
        #expect(fd >= 0)
        _ = write(fd, "again", 5)
        close(fd)
        #expect(try watcher.waitForChanges() == [watched + "/s.yaml"])

        unlink(watched + "/s.yaml")
        #expect(try watcher.waitForChanges() == [watched + "/s.yaml"])
    }

    @Test func aFileOrPipeHasNoTerminalSize() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        #expect(Terminal.columns(ends[1]) == nil)
        #expect(!Terminal.isTerminal(ends[1]))
        #expect(Terminal.environment("SOOTHE_SURELY_UNSET_\(UInt32.random(in: 0...UInt32.max))") == nil)
    }
}
