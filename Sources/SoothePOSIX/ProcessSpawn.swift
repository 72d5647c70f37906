internal import CSoothePOSIX
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Starting another executable with posix_spawn: no fork of this (possibly multithreaded)
/// process runs any code of ours.
public enum ProcessSpawn {
    /// Starts `path` with `arguments` (the first is its name) and this process's environment.
    /// In the new process `passed` is descriptor 3, standard input is /dev/null, standard output
    /// and error are this process's, and no other descriptor is open; every signal has its
    /// default action and none is blocked; it leads a process group of its own (so a terminal's
    /// Ctrl-C reaches this process alone). Returns its process id.
    public static func spawn(_ path: String, arguments: [String], passing passed: Int32) throws(POSIXError) -> Int32 {
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        try checkingStatus("posix_spawn") {
            argv.withUnsafeBufferPointer { argv in
                soothe_spawn(&pid, path, argv.baseAddress, environ, passed)
            }
        }
        return pid
    }

    /// Waits for `pid` to end (retrying on signals); its wait status, or nil if it is not a
    /// child of this process.
    @discardableResult
    public static func wait(for pid: Int32) -> Int32? {
        var status: Int32 = 0
        return (try? retryingEINTR("waitpid") { waitpid(pid, &status, 0) }).map { _ in status }
    }

    /// The path of the running executable (/proc/self/exe resolved), if the system says.
    public static func currentExecutable() -> String? {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = buffer.withUnsafeMutableBytes { readlink("/proc/self/exe", $0.baseAddress!, $0.count - 1) }
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }
}
