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
        /// The system could not give the speech process what it needs (processes, descriptors,
        /// memory): exit status 71, as for `check`.
        case speechUnavailable
        /// Writing or measuring failed.
        case output
        /// The render was cancelled.
        case cancelled
        /// A sound file the script names could not be read (it was readable when checked).
        case soundFile
    }

    public var kind: Kind
    public var message: String
    /// For `.invalidOptions`: the option at fault and values of it that would work (none
    /// when the message gives the range).
    public var fix: (setting: RenderOptions.Setting, values: [String])?
    /// The system's `errno` when the system was the cause (no space left, an I/O error, too
    /// many open files), so the caller can say which resource failed.
    public var systemCode: Int32?

    public init(
        _ kind: Kind, _ message: String, fix: (setting: RenderOptions.Setting, values: [String])? = nil, systemCode: Int32? = nil
    ) {
        self.kind = kind
        self.message = message
        self.fix = fix
        self.systemCode = systemCode
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
