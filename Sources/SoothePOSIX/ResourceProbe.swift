#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Whether the system would give this process a thread or a descriptor now: for telling a
/// library's bare failure (espeak-ng aborts when it cannot start its thread, and says only
/// "voice not found" when it cannot open a voice file) from the shortage behind it.
public enum ResourceProbe {
    /// The error of starting (and joining) a thread that does nothing, or nil if it started.
    public static func threadShortage() -> POSIXError? {
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { _ in nil }, nil)
        guard status == 0 else { return POSIXError(status, call: "pthread_create") }
        pthread_join(thread, nil)
        return nil
    }

    /// EMFILE or ENFILE if `headroom` more descriptors cannot be opened now, else nil.
    public static func descriptorShortage(headroom: Int = 4) -> POSIXError? {
        var opened: [Int32] = []
        opened.reserveCapacity(headroom)
        defer { opened.forEach { _ = close($0) } }
        for _ in 0..<headroom {
            let fd = open("/dev/null", O_RDONLY | O_CLOEXEC)
            if fd < 0 {
                let error = POSIXError.current("open")
                return [EMFILE, ENFILE].contains(error.code) ? error : nil
            }
            opened.append(fd)
        }
        return nil
    }

    /// ``descriptorShortage(headroom:)`` without allocating (for a forked child): the `errno`
    /// (EMFILE, ENFILE) when `headroom` (at most 8) more descriptors cannot be opened, else 0.
    public static func descriptorShortageCode(headroom: Int = 4) -> Int32 {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 8) { opened in
            var count = 0
            defer { for index in 0..<count { _ = close(opened[index]) } }
            while count < min(headroom, 8) {
                let fd = open("/dev/null", O_RDONLY | O_CLOEXEC)
                if fd < 0 { return errno == EMFILE || errno == ENFILE ? errno : 0 }
                opened[count] = fd
                count += 1
            }
            return 0
        }
    }
}
