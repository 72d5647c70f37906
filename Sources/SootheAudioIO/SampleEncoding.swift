/// How samples are stored by the lossless formats (WAV, FLAC). Lossy formats ignore it.
public enum SampleEncoding: String, Sendable, CaseIterable {
    /// Signed 16-bit PCM.
    case pcm16 = "16"
    /// Signed 24-bit PCM.
    case pcm24 = "24"
    /// 32-bit IEEE float (WAV only).
    case float
}
