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
}
