/// Speech that cannot be had on this machine now (no process could be started, a phrase never
/// finished): the machine's failure, not the script's. A ``SpeechTiming`` throws it instead of
/// its own error; the timeline builder then stops and the loader reports it as it is, never as a
/// problem on a line of the script.
public struct SpeechUnavailable: Error, Sendable, Hashable, CustomStringConvertible {
    /// One line for users, e.g. "cannot start the speech process: Resource temporarily unavailable".
    public let message: String

    /// A failure described by `message`.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
