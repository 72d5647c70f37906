#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Folders and processes, as the sweeps of temporary files and caches need them.
public enum Directory {
    /// The names in `folder` (without `.` and `..`), or an empty list when it cannot be read.
    public static func names(in folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Removes the folder `path` and what it holds: files and links (a link itself, never what
    /// it names) and folders, the same way. Anything else (a device, a FIFO) stays, and so does
    /// the folder that holds it. Nothing if `path` is not a folder (a link to one included).
    public static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return }
        for name in names(in: path) {
            let entry = path + "/" + name
            guard lstat(entry, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG, S_IFLNK: unlink(entry)
            case S_IFDIR: removeTree(entry)
            default: continue
            }
        }
        rmdir(path)
    }

    /// `$TMPDIR` (without a trailing slash), or `/tmp` when it is unset or empty.
    public static var temporary: String {
        guard let value = getenv("TMPDIR").map({ String(cString: $0) }), !value.isEmpty else { return "/tmp" }
        return value.count > 1 && value.hasSuffix("/") ? String(value.dropLast()) : value
    }

    /// Whether process `pid` has ended (another live process, even one we may not signal, has not).
    public static func processHasEnded(_ pid: Int32) -> Bool {
        kill(pid, 0) != 0 && errno == ESRCH
    }
}
