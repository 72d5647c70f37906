#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
internal import CSoothePOSIX

/// Whole reads and writes, pipes, waiting and closing on file descriptors, through
/// ``retryingEINTR(_:_:)``. They allocate nothing, so a freshly forked child may use them.
public enum FileDescriptorIO {
    /// Writes all `count` bytes at `bytes` to `fd` (a pipe closed at the other end is `EPIPE`; a
    /// write that takes nothing, `EIO`).
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) throws(POSIXError) {
        var done = 0
        while done < count {
            let written = try retryingEINTR("write") { write(fd, bytes + done, count - done) }
            guard written > 0 else { throw POSIXError(EIO, call: "write") }
            done += written
        }
    }

    /// Writes all of `bytes` to `fd`.
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(POSIXError) {
        try bytes.withUnsafeBytes { raw in
            Result { () throws(POSIXError) in
                guard let base = raw.baseAddress else { return }
                try writeAll(fd, base, raw.count)
            }
        }.get()
    }

    /// Writes all `count` bytes at `bytes` to `fd` at `offset` (pwrite: the file position stays).
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int, at offset: Int) throws(POSIXError) {
        var done = 0
        while done < count {
            let written = try retryingEINTR("pwrite") { pwrite(fd, bytes + done, count - done, off_t(offset + done)) }
            guard written > 0 else { throw POSIXError(EIO, call: "pwrite") }
            done += written
        }
    }

    /// Reads up to `count` bytes into `buffer`, from `offset` with pread if given (the file
    /// position is then left alone), else from the current position; stops early only at the
    /// end of the file. Returns how many bytes were read.
    public static func readFully(
        _ fd: Int32, into buffer: UnsafeMutableRawPointer, _ count: Int, at offset: Int? = nil
    ) throws(POSIXError) -> Int {
        var done = 0
        while done < count {
            let got: Int
            if let offset {
                got = try retryingEINTR("pread") { pread(fd, buffer + done, count - done, off_t(offset + done)) }
            } else {
                got = try retryingEINTR("read") { read(fd, buffer + done, count - done) }
            }
            if got == 0 { break }
            done += got
        }
        return done
    }

    /// Allocates the disk blocks for the first `bytes` bytes of the file `fd` without changing
    /// its length, so that writing them later finds their room ready (cheaper than allocating
    /// page by page as they come) and a disk without that room says so now (`ENOSPC`). False
    /// where the system or file system cannot (the writes then allocate as usual).
    @discardableResult
    public static func reserve(_ fd: Int32, bytes: Int) throws(POSIXError) -> Bool {
        guard bytes > 0 else { return true }
        do {
            _ = try retryingEINTR("fallocate") { soothe_reserve_space(fd, Int64(bytes)) }
            return true
        } catch where error.code == EOPNOTSUPP || error.code == ENOSYS || error.code == EINVAL {
            return false
        }
    }

    /// What one read(2) returns, at most `count` bytes; 0 at the end.
    public static func readOnce(_ fd: Int32, into buffer: UnsafeMutableRawPointer, _ count: Int) throws(POSIXError) -> Int {
        try retryingEINTR("read") { read(fd, buffer, count) }
    }

    /// Waits until `fd` can be read (or is at its end) for at most `milliseconds` (-1: no
    /// limit); false when the time ran out. A signal neither ends the wait nor lengthens it.
    public static func waitUntilReadable(_ fd: Int32, milliseconds: Int) throws(POSIXError) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let start = monotonicMilliseconds()
        var left = milliseconds
        while true {
            let ready = poll(&entry, 1, Int32(clamping: left))
            if ready >= 0 { return ready > 0 }
            let error = POSIXError.current("poll")
            guard error.isInterrupted else { throw error }
            if milliseconds >= 0 { left = max(0, milliseconds - (monotonicMilliseconds() - start)) }
        }
    }

    /// A pipe whose two ends are closed on exec.
    public static func pipe() throws(POSIXError) -> (read: Int32, write: Int32) {
        var ends: (Int32, Int32) = (-1, -1)
        _ = try withUnsafeMutableBytes(of: &ends) { (raw: UnsafeMutableRawBufferPointer) throws(POSIXError) in
            try retryingEINTR("pipe") { soothe_pipe_cloexec(raw.baseAddress!.assumingMemoryBound(to: Int32.self)) }
        }
        return ends
    }

    /// Closes `fd` once, reporting an error (it may mean written data was lost). On Linux the
    /// descriptor is gone even when close reports EINTR, so close is never retried.
    public static func closeReporting(_ fd: Int32) throws(POSIXError) {
        if close(fd) != 0 {
            let error = POSIXError.current("close")
            if !error.isInterrupted { throw error }
        }
    }

    /// Closes `fd`, ignoring any error (for descriptors only read from, or being abandoned).
    public static func closeQuietly(_ fd: Int32) {
        _ = close(fd)
    }

    /// Milliseconds of the monotonic clock.
    static func monotonicMilliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return now.tv_sec * 1000 + now.tv_nsec / 1_000_000
    }
}
