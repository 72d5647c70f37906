/// A failure to create, write, read or measure audio, with the library's own message.
public struct AudioIOError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What went wrong, coarsely: callers switch on this (the CLI maps `.cannotCreate` to exit status 73).
    public enum Kind: String, Sendable, Equatable {
        /// The output (or its temporary file) could not be created, or not renamed into place.
        case cannotCreate
        /// A file could not be opened for reading.
        case cannotOpen
        /// The format cannot hold what was asked (encoding, sample rate, channel count).
        case unsupported
        /// libsndfile refused to write samples, tags or settings.
        case writeFailed
        /// Closing, syncing or post-processing the written file failed.
        case finishFailed
        /// Reading samples failed.
        case readFailed
        /// The writer was used after `finish()` or `cancel()`, or given a malformed buffer.
        case invalidUse
    }

    /// What went wrong.
    public var kind: Kind
    /// A readable explanation, including the C library's message where there is one.
    public var message: String
    /// The file concerned, when there is one.
    public var path: String?
    /// For `.unsupported`: the setting at fault and values of it that would work, so a caller
    /// can say how to change it in its own terms.
    public var fix: AudioSettingFix?
    /// The system's `errno` when the cause was the system's (no space left, a read-only disk,
    /// an I/O error, too many open files), so a caller can say which resource failed.
    public var systemCode: Int32?

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, path: String? = nil, fix: AudioSettingFix? = nil, systemCode: Int32? = nil) {
        self.kind = kind
        self.message = message
        self.path = path
        self.fix = fix
        self.systemCode = systemCode
    }

    /// "PATH: MESSAGE", or the message alone.
    public var description: String {
        if let path { return "\(path): \(message)" }
        return message
    }
}
