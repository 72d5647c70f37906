import SootheAudioIO

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
    /// For `.invalidOptions`: the option at fault and values of it that would work (none
    /// when the message gives the range).
    public var fix: (setting: RenderOptions.Setting, values: [String])?

    public init(_ kind: Kind, _ message: String, fix: (setting: RenderOptions.Setting, values: [String])? = nil) {
        self.kind = kind
        self.message = message
        self.fix = fix
    }

    public var description: String { message }
}

extension RenderError {
    /// An audio file setting the format refuses, as an option error.
    init(_ error: AudioIOError) {
        let setting: RenderOptions.Setting? = switch error.fix?.setting {
        case .sampleRate: .sampleRate
        case .channels: .channels
        case .encoding: .encoding
        case .quality: .quality
        case nil: nil
        }
        self.init(.invalidOptions, error.description, fix: setting.map { ($0, error.fix?.values ?? []) })
    }
}
