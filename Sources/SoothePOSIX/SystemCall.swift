#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The one funnel for system calls: runs `body` (a call that returns -1 and sets `errno` on
/// failure) again while a signal interrupts it, and turns any other failure into a
/// ``POSIXError`` naming `call`. Not for `close`, which must not be retried.
@inlinable
public func retryingEINTR<Result: BinaryInteger>(
    _ call: String, _ body: () -> Result
) throws(POSIXError) -> Result {
    while true {
        let result = body()
        if result != -1 { return result }
        let error = POSIXError.current(call)
        if !error.isInterrupted { throw error }
    }
}

/// For calls that return their error number instead of setting `errno` (`posix_spawn`,
/// `pthread_*`): a ``POSIXError`` naming `call` unless `body` returns 0.
@inlinable
public func checkingStatus(_ call: String, _ body: () -> Int32) throws(POSIXError) {
    let status = body()
    if status != 0 { throw POSIXError(status, call: call) }
}
