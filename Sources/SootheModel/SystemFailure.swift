/// An error that may be the machine's (no process, descriptor or memory to spare, a phrase that
/// never finished) rather than the input's, so a caller can say so instead of blaming a line.
public protocol SystemFailure: Error, CustomStringConvertible {
    /// Whether no script or voice is to blame.
    var isSystemFailure: Bool { get }
}
