import SootheModel

/// Why speech could not be synthesised: a typed error with a readable message.
public struct SpeechError: Error, Sendable, Hashable, CustomStringConvertible, SystemFailure {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// espeak-ng has no voice (or `+variant`) of this name; `suggestions` are the nearest
        /// valid names by edit distance, best first.
        case unknownVoice(name: String, suggestions: [String])
        /// espeak-ng could not be initialised (data files missing, ...).
        case initializationFailed(String)
        /// espeak-ng returned an error status while synthesising.
        case synthesisFailed(String)
        /// libsoxr failed to resample.
        case resamplingFailed(String)
        /// libsox's effects chain (the voice's processing) failed.
        case processingFailed(String)
        /// A requested output sample rate is not usable.
        case invalidSampleRate(Int)
        /// The speech process could not be started or given a phrase: no process, pipe or
        /// descriptor could be had (after waiting a little for one), or its executable is
        /// missing. The message is the system's reason.
        case cannotStartProcess(String)
        /// espeak-ng could not run in this process for want of a thread or descriptor (the
        /// system's reason).
        case resourceShortage(String)
        /// espeak-ng did not finish `text` within `seconds`, in two fresh processes.
        case timedOut(text: String, seconds: Double)
    }

    /// What went wrong.
    public let kind: Kind

    /// An error of `kind`.
    public init(_ kind: Kind) {
        self.kind = kind
    }

    /// An unknown espeak-ng voice name with its nearest valid names.
    public static func unknownVoice(_ name: String, suggestions: [String]) -> SpeechError {
        SpeechError(.unknownVoice(name: name, suggestions: suggestions))
    }

    /// A synthesis failure with espeak-ng's own message.
    public static func synthesisFailed(_ message: String) -> SpeechError {
        SpeechError(.synthesisFailed(message))
    }

    /// Whether this is the machine's failure rather than the request's (a process that cannot
    /// be started, a phrase that never finishes): no script or voice is to blame.
    public var isSystemFailure: Bool {
        switch kind {
        case .cannotStartProcess, .resourceShortage, .timedOut: true
        default: false
        }
    }

    /// The speech process could not be started or given a phrase, for the system's `reason`.
    public static func cannotStartProcess(_ reason: String) -> SpeechError {
        SpeechError(.cannotStartProcess(reason))
    }

    /// espeak-ng did not finish `text` within `seconds`, twice.
    public static func timedOut(text: String, seconds: Double) -> SpeechError {
        SpeechError(.timedOut(text: text, seconds: seconds))
    }

    /// One line for users.
    public var description: String {
        switch kind {
        case .unknownVoice(let name, let suggestions):
            let hint = suggestions.isEmpty
                ? "" : " (did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))?)"
            return "unknown espeak-ng voice '\(name)'\(hint)"
        case .initializationFailed(let message):
            return "espeak-ng could not be initialised: \(message)"
        case .synthesisFailed(let message):
            return "speech synthesis failed: \(message)"
        case .resamplingFailed(let message):
            return "resampling speech failed: \(message)"
        case .processingFailed(let message):
            return "processing speech failed: \(message)"
        case .invalidSampleRate(let rate):
            return "invalid output sample rate \(rate) Hz"
        case .cannotStartProcess(let reason):
            return "cannot start the speech process: \(reason)"
        case .resourceShortage(let reason):
            return "espeak-ng cannot run: \(reason)"
        case .timedOut(let text, let seconds):
            let shown = text.count > 40 ? "\(text.prefix(40))…" : text
            return "espeak-ng took longer than \(seconds.formatted) s to speak '\(shown)' (asked twice)"
        }
    }
}

extension Double {
    /// Seconds as few digits as needed (`12`, `0.05`).
    fileprivate var formatted: String {
        self == rounded() ? String(Int(self)) : String(self)
    }
}
