import SootheAudioIO

/// How a session is rendered: the file's shape, loudness and seed.
public struct RenderOptions: Sendable, Hashable {
    public var format: AudioFileFormat
    /// 22050–96000 Hz.
    public var sampleRate: Int
    /// 1 or 2.
    public var channels: Int
    /// WAV/FLAC sample storage.
    public var encoding: SampleEncoding
    /// Integrated loudness target in LUFS.
    public var loudness: Double
    /// True-peak ceiling in dBTP (the limiter aims a little below it).
    public var truePeakCeiling: Double
    /// Seed for noise and variation: the same inputs and seed give the same bytes.
    public var seed: UInt64
    /// Lossy codec quality 0...1 (default: the format's, `AudioFileFormat.defaultQuality`).
    public var quality: Double
    /// The date tag (nil: no date tag).
    public var date: String?
    /// Frames per processing block.
    public var blockFrames: Int
    /// Normalise loudness and limit true peaks (false: the raw mix, for listening to one sound).
    public var normalize: Bool = true
    /// The album tag (nil: ``defaultAlbum``), so a phone files every session together.
    public var album: String?
    /// The artist tag (nil: ``defaultArtist``).
    public var artist: String?
    /// The track's number within a batch and the batch's size (`TRCK 3/34`).
    public var trackNumber: Int?
    public var trackCount: Int?
    /// A cover picture embedded in every format but WAV.
    public var cover: CoverImage?

    /// The album a file is tagged with when none is given.
    public static let defaultAlbum = "soothe"
    /// The artist a file is tagged with when none is given.
    public static let defaultArtist = "soothe"

    /// The default seed.
    public static let defaultSeed: UInt64 = 0x5007_4E00

    public init(
        format: AudioFileFormat = .wav, sampleRate: Int = 48000, channels: Int = 2, encoding: SampleEncoding = .pcm16,
        loudness: Double = -16, truePeakCeiling: Double = -1, seed: UInt64 = RenderOptions.defaultSeed,
        quality: Double? = nil, date: String? = nil, blockFrames: Int = 4096
    ) {
        self.format = format
        self.sampleRate = sampleRate
        self.channels = channels
        self.encoding = encoding
        self.loudness = loudness
        self.truePeakCeiling = truePeakCeiling
        self.seed = seed
        self.quality = quality ?? format.defaultQuality(channels: channels) ?? 0.5
        self.date = date
        self.blockFrames = blockFrames
    }

    /// An option a caller may have to change.
    public enum Setting: String, Sendable, Hashable {
        case sampleRate = "sample rate"
        case channels = "channel count"
        case encoding = "sample encoding"
        case loudness = "loudness target"
        case quality
    }

    /// Rejects what cannot be rendered before any work is done. A range error's message starts
    /// with the setting's name (`sample rate must be ...`).
    public func validate() throws(RenderError) {
        guard (22050...96000).contains(sampleRate) else {
            throw RenderError(.invalidOptions, "sample rate must be between 22050 and 96000 Hz, got \(sampleRate)", fix: (.sampleRate, []))
        }
        guard channels == 1 || channels == 2 else {
            throw RenderError(.invalidOptions, "channel count must be 1 or 2, got \(channels)", fix: (.channels, []))
        }
        guard loudness.isFinite, (-40 ... -5).contains(loudness) else {
            throw RenderError(.invalidOptions, "loudness target must be between -40 and -5 LUFS, got \(loudness)", fix: (.loudness, []))
        }
        do {
            try audioSettings(tags: AudioTags(), cuePoints: []).validate()
        } catch {
            throw RenderError(AudioIOError(error.kind, error.message, fix: error.fix))
        }
    }

    func audioSettings(tags: AudioTags, cuePoints: [Int], frames: Int? = nil) -> AudioFileSettings {
        var settings = AudioFileSettings(
            format: format, sampleRate: sampleRate, channels: channels, encoding: encoding, tags: tags,
            cuePoints: cuePoints, quality: quality)
        settings.expectedFrames = frames
        return settings
    }
}
