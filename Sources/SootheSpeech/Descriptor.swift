#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Whole reads and writes on a file descriptor, retried when a signal interrupts them: for the
/// speech cache's files and the speech processes' socket and pipes. They allocate nothing, so
/// the forked speech processes may use them.
enum Descriptor {
    /// Writes all `count` bytes; false on an error (or a closed pipe).
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Bool {
        var done = 0
        while done < count {
            let written = write(fd, bytes + done, count - done)
            if written > 0 {
                done += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }

    /// Reads exactly `count` bytes (from `offset` with pread, else from the current position);
    /// false on an error or an early end.
    static func readAll(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, at offset: Int? = nil) -> Bool {
        var done = 0
        while done < count {
            let got = offset.map { pread(fd, buffer + done, count - done, off_t($0 + done)) }
                ?? read(fd, buffer + done, count - done)
            if got > 0 {
                done += got
            } else if got < 0 && errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }
}
