#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The temporary files of every open `AudioFileWriter`, so an interrupted process can remove them.
///
/// The executable calls `removeAll()` from its SIGINT/SIGTERM handler (a Dispatch signal source,
/// not a raw signal handler: this takes a lock) before exiting.
public enum TemporaryFiles {
    private static let paths = Mutex<Set<String>>([])

    /// Unlinks every registered temporary file and forgets them. Safe to call from any thread.
    public static func removeAll() {
        let all = paths.withLock { set in
            let copy = set
            set.removeAll()
            return copy
        }
        for path in all { unlink(path) }
    }

    /// The temporary paths currently registered (sorted).
    public static var current: [String] {
        paths.withLock { $0.sorted() }
    }

    static func register(_ path: String) {
        _ = paths.withLock { $0.insert(path) }
    }

    static func unregister(_ path: String) {
        _ = paths.withLock { $0.remove(path) }
    }
}
