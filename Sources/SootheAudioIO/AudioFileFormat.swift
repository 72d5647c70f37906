/// The container and codec of an audio file soothe can write.
public enum AudioFileFormat: String, CaseIterable, Sendable {
    /// RIFF WAVE, PCM 16/24 bit or 32-bit float. The only format that carries cue points.
    case wav
    /// FLAC, lossless, 16 or 24 bit.
    case flac
    /// Ogg Vorbis.
    case ogg
    /// Ogg Opus. Sample rates 8, 12, 16, 24 or 48 kHz only.
    case opus
    /// MPEG-1/2 layer III. Sample rates from 8 to 48 kHz, mono or stereo.
    case mp3

    /// The format a path's extension names (".wav", ".flac", ".ogg"/".oga" = Vorbis, ".opus", ".mp3"), or nil.
    ///
    /// Accepts the extension with or without its leading dot, in any case.
    public init?(pathExtension: String) {
        var ext = Substring(pathExtension.lowercased())
        if ext.hasPrefix(".") { ext = ext.dropFirst() }
        switch ext {
        case "wav", "wave": self = .wav
        case "flac": self = .flac
        case "ogg", "oga": self = .ogg
        case "opus": self = .opus
        case "mp3": self = .mp3
        default: return nil
        }
    }

    /// The format named by the extension of the last component of `path`, or nil.
    public init?(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        self.init(pathExtension: String(name[name.index(after: dot)...]))
    }

    /// The usual file extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .wav: "wav"
        case .flac: "flac"
        case .ogg: "ogg"
        case .opus: "opus"
        case .mp3: "mp3"
        }
    }

    /// Whether the codec is lossy (the sample encoding is then ignored and `quality` applies).
    public var isLossy: Bool {
        switch self {
        case .wav, .flac: false
        case .ogg, .opus, .mp3: true
        }
    }

    /// The sample rates the format accepts, or nil when any rate libsndfile accepts will do.
    public var supportedSampleRates: [Int]? {
        switch self {
        case .wav, .flac, .ogg: nil
        case .opus: [8000, 12000, 16000, 24000, 48000]
        case .mp3: [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000]
        }
    }

    /// How much the format's encoder changes the level, in dB, as decoded files read back.
    ///
    /// MP3 through libsndfile (LAME) comes back about 0.45 dB quieter across the band (measured
    /// on rendered sessions at 22.05–48 kHz, mono and stereo, with libsndfile/mpg123 and ffmpeg
    /// alike); the others keep the level.
    public var encoderGainDB: Double {
        self == .mp3 ? -0.45 : 0
    }
}
