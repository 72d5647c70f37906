/// Why a render failed.
public struct RenderError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Options that cannot work together (e.g. Opus at 44.1 kHz): bad usage.
        case invalidOptions
        /// The output could not be created (exit status 73).
        case cannotCreate
        /// Speech synthesis failed.
        case speech
        /// Writing or measuring failed.
        case output
        /// The render was cancelled.
        case cancelled
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
