/// Why speech could not be synthesised: a typed error with a readable message.
public struct SpeechError: Error, Sendable, Hashable, CustomStringConvertible {
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
        /// A requested output sample rate is not usable.
        case invalidSampleRate(Int)
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
        case .invalidSampleRate(let rate):
            return "invalid output sample rate \(rate) Hz"
        }
    }
}
