import SoothePOSIX
import Synchronization
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A speech cache for one run, in `$TMPDIR`, for when no cache is kept between runs: clips
/// let go from memory come back from it instead of being spoken again, so memory stays flat
/// with speech at no cost in time. Its folder (`soothe-speech-PID-XXXXXX`) is removed when the
/// process exits; one left by a killed process is removed by the next that makes one.
extension SpeechDiskCache {
    /// A fresh folder in `$TMPDIR` (or `/tmp`), or nil when none can be made.
    public static func scratch() -> SpeechDiskCache? {
        let folder = Directory.temporary
        ScratchFolders.sweep(folder)
        var template = Array("\(folder)/\(ScratchFolders.prefix)\(getpid())-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else { return nil }
        let path = String(cString: template)
        ScratchFolders.removeAtExit(path)
        return SpeechDiskCache(directory: path)
    }
}

/// The scratch folders of this process, removed at exit, and those of dead processes.
enum ScratchFolders {
    static let prefix = "soothe-speech-"
    nonisolated(unsafe) private static var paths: [String] = []
    private static let lock = Mutex<Void>(())

    static func removeAtExit(_ path: String) {
        lock.withLock { _ in
            if paths.isEmpty { atexit { ScratchFolders.removeAll() } }
            paths.append(path)
        }
    }

    static func removeAll() {
        lock.withLock { _ in
            for path in paths { remove(path) }
            paths = []
        }
    }

    /// Removes the scratch folders in `folder` whose process has ended.
    static func sweep(_ folder: String) {
        for name in Directory.names(in: folder) where name.hasPrefix(prefix) {
            let fields = name.dropFirst(prefix.count).split(separator: "-")
            guard fields.count == 2, fields[1].count == 6, let pid = pid_t(fields[0]), pid > 0, pid != getpid(),
                  Directory.processHasEnded(pid) else { continue }
            remove(folder + "/" + name)
        }
    }

    /// Removes a scratch folder with its clips and any espeak-ng data overlay in it (links
    /// removed, never what they name).
    private static func remove(_ path: String) {
        Directory.removeTree(path)
    }
}
