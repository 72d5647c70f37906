#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Runs `body` again, after a pause that doubles from 5 ms, while it fails for want of
/// resources (``POSIXError/isResourceShortage``), up to `attempts` times in all (about 1.3 s of
/// waiting with the default); then throws its last error.
public func retryingResourceShortage<Result>(
    attempts: Int = 9, _ body: () throws(POSIXError) -> Result
) throws(POSIXError) -> Result {
    var pause: UInt32 = 5_000
    var attempt = 1
    while true {
        do {
            return try body()
        } catch where error.isResourceShortage && attempt < attempts {
            usleep(pause)
            pause *= 2
            attempt += 1
        }
    }
}
