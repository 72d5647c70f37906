#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A system call that failed: which one, and the `errno` it left.
public struct POSIXError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The `errno` value.
    public let code: Int32
    /// The call that failed, e.g. `"socketpair"`.
    public let call: String

    /// An error of `call` with `errno` value `code`.
    public init(_ code: Int32, call: String) {
        self.code = code
        self.call = call
    }

    /// The error of `call` in `errno` now.
    public static func current(_ call: String) -> POSIXError {
        POSIXError(errno, call: call)
    }

    /// The system's words for ``code`` (`strerror`), e.g. "Resource temporarily unavailable".
    public var reason: String { String(cString: strerror(code)) }

    /// "CALL: REASON".
    public var description: String { "\(call): \(reason)" }

    /// Whether the system ran short of processes, memory or descriptors (EAGAIN, ENOMEM, EMFILE,
    /// ENFILE, ENOBUFS): a failure that may pass, not one of the request.
    public var isResourceShortage: Bool {
        [EAGAIN, ENOMEM, EMFILE, ENFILE, ENOBUFS].contains(code)
    }

    /// Whether the call was interrupted by a signal.
    public var isInterrupted: Bool { code == EINTR }
}
