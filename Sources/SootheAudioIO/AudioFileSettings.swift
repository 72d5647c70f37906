/// Everything that decides how an audio file is written.
public struct AudioFileSettings: Sendable, Equatable {
    /// The container and codec.
    public var format: AudioFileFormat
    /// Frames per second.
    public var sampleRate: Int
    /// Interleaved channels per frame (1...8; MP3 1...2).
    public var channels: Int
    /// Sample storage for WAV and FLAC (FLAC: 16 or 24 bit only). Ignored by lossy formats.
    public var encoding: SampleEncoding
    /// Text metadata, set before the first sample is written.
    public var tags: AudioTags
    /// Frame positions of WAV cue points (ignored by formats without cue chunks).
    public var cuePoints: [Int]
    /// Lossy quality 0...1 (Vorbis/Opus VBR quality; MP3: bitrate mode CBR at this compression level).
    ///
    /// Default 0.5: on speech about 133 kbps Opus, 160 kbps MP3. Ignored by WAV and FLAC.
    public var quality: Double
    /// The serial number stamped on every Ogg page (Vorbis, Opus) after writing.
    ///
    /// libsndfile picks a time-seeded random serial, so two renders of the same samples would
    /// differ; the writer rewrites the serial (and each page's CRC) so the output is byte-identical.
    public var oggSerialNumber: UInt32

    /// Frames the file will hold, when known before writing: a WAV that would pass the 4 GiB a
    /// RIFF header can count (6 h 12 min of 48 kHz 16-bit stereo) is written as RF64 instead,
    /// which players read as WAV; an RF64 file carries no cue points.
    public var expectedFrames: Int?

    /// Whether the file is written as RF64 rather than RIFF WAV.
    public var usesRF64: Bool {
        guard format == .wav, let expectedFrames else { return false }
        let bytesPerSample = switch encoding {
        case .pcm16: 2
        case .pcm24: 3
        case .float: 4
        }
        // Room for the header, tags and cue chunk besides the samples.
        return expectedFrames * channels * bytesPerSample + (1 << 20) > Int(UInt32.max)
    }

    /// The default Ogg serial number ("Soot" in ASCII).
    public static let defaultOggSerialNumber: UInt32 = 0x536F_6F74

    /// Creates settings; defaults give 48 kHz stereo 16-bit with no tags or cues.
    public init(
        format: AudioFileFormat, sampleRate: Int = 48000, channels: Int = 2,
        encoding: SampleEncoding = .pcm16, tags: AudioTags = AudioTags(), cuePoints: [Int] = [],
        quality: Double = 0.5, oggSerialNumber: UInt32 = AudioFileSettings.defaultOggSerialNumber
    ) {
        self.format = format
        self.sampleRate = sampleRate
        self.channels = channels
        self.encoding = encoding
        self.tags = tags
        self.cuePoints = cuePoints
        self.quality = quality
        self.oggSerialNumber = oggSerialNumber
    }

    /// Checks the combinations the libraries refuse (or, worse, accept and then fail on) so a
    /// caller can stop before rendering. `AudioFileWriter.init` runs the same checks.
    public func validate(path: String? = nil) throws(AudioIOError) {
        guard sampleRate > 0 else {
            throw AudioIOError(.unsupported, "sample rate must be positive, got \(sampleRate)", path: path)
        }
        let maxChannels = format == .mp3 ? 2 : 8
        guard (1...maxChannels).contains(channels) else {
            throw AudioIOError(
                .unsupported, "\(format.rawValue) supports 1 to \(maxChannels) channels, got \(channels)", path: path,
                fix: AudioSettingFix(.channels, values: ["2", "1"]))
        }
        if format == .flac && encoding == .float {
            throw AudioIOError(.unsupported, "FLAC supports 16 or 24 bit, not float", path: path, fix: AudioSettingFix(.encoding, values: ["16", "24"]))
        }
        if format == .opus, let rates = format.supportedSampleRates, !rates.contains(sampleRate) {
            throw AudioIOError(
                .unsupported,
                "Opus supports only 8000, 12000, 16000, 24000 or 48000 Hz, not \(sampleRate)",
                path: path, fix: AudioSettingFix(.sampleRate, values: ["48000"]))
        }
        if format == .mp3, let rates = format.supportedSampleRates, !rates.contains(sampleRate) {
            throw AudioIOError(
                .unsupported,
                "MP3 supports only \(rates.map(String.init).joined(separator: ", ")) Hz, not \(sampleRate)",
                path: path, fix: AudioSettingFix(.sampleRate, values: ["48000", "44100"]))
        }
        guard quality.isFinite, (0...1).contains(quality) else {
            throw AudioIOError(.unsupported, "quality must be between 0 and 1, got \(quality)", path: path, fix: AudioSettingFix(.quality, values: ["0.5"]))
        }
        if let bad = cuePoints.first(where: { $0 < 0 || $0 > Int(UInt32.max) }) {
            throw AudioIOError(.unsupported, "cue point position \(bad) is outside 0...\(UInt32.max)", path: path)
        }
    }
}
