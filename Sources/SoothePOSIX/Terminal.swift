#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// What the executable needs to know about a terminal on one of its descriptors.
public enum Terminal {
    /// Whether `fd` is a terminal.
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// The columns of the terminal on `fd` (TIOCGWINSZ), or nil when `fd` is not a terminal or
    /// the terminal does not say (a width of 0).
    public static func columns(_ fd: Int32) -> Int? {
        var size = winsize()
        let status = withUnsafeMutablePointer(to: &size) { pointer in
            (try? retryingEINTR("ioctl") { ioctl(fd, UInt(TIOCGWINSZ), UnsafeMutableRawPointer(pointer)) }) ?? -1
        }
        guard status == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// The value of the environment variable `name`, if set.
    public static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
