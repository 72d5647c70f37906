import SoothePOSIX
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Temporary files that a render killed without warning (SIGKILL, a power cut) left behind.
///
/// A writer's temporary file is named ".NAME.soothe-PID-XXXXXX.tmp" after the process that
/// writes it. Before making its own, a writer removes the ones in that folder whose process no
/// longer exists and that nothing has written to for a minute (a render on another machine
/// sharing the folder keeps writing to its file).
enum StaleTemporaryFiles {
    /// Seconds without a write after which a dead process's file is stale.
    static let quietSeconds = 60

    /// Longest NAME kept in a temporary file's name: room for the prefix and suffix within the
    /// 255 bytes a file name may have.
    static let longestStem = 255 - ".".utf8.count - ".soothe-4294967295-XXXXXX.tmp".utf8.count

    /// `name` cut (on a character boundary) to ``longestStem`` bytes.
    static func shortened(_ name: String) -> String {
        guard name.utf8.count > longestStem else { return name }
        var stem = ""
        for character in name {
            if stem.utf8.count + String(character).utf8.count > longestStem { break }
            stem.append(character)
        }
        return stem
    }

    /// The pid a temporary file's name records, or nil when the name is not one of soothe's.
    static func pid(inName name: String) -> pid_t? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        // ".NAME.soothe-PID-XXXXXX.tmp": the last two "-" fields before ".tmp", after ".soothe".
        let body = name.dropLast(4)
        let fields = body.split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count >= 3, fields[fields.count - 3].hasSuffix(".soothe") else { return nil }
        let parts = fields.suffix(2)
        guard parts.last?.count == 6, let pid = parts.first.flatMap({ pid_t($0) }), pid > 0 else { return nil }
        return pid
    }

    /// Removes the stale temporary files in `folder` (best effort: nothing is reported).
    static func sweep(_ folder: String) {
        let now = time(nil)
        for name in Directory.names(in: folder) {
            guard let pid = pid(inName: name), pid != getpid(), Directory.processHasEnded(pid) else { continue }
            let path = (folder.hasSuffix("/") ? folder : folder + "/") + name
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, now - info.st_mtim.tv_sec >= quietSeconds else { continue }
            unlink(path)
        }
    }
}
