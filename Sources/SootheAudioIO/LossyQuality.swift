/// What a lossy codec's quality (libsndfile's 0…1 setting) means in bits, and the defaults soothe
/// chooses for guided speech over soft beds.
///
/// libsndfile sets Opus by a bitrate proportional to the quality (about 6 kb/s plus 250 kb/s
/// times the quality, for each channel: measured) and MP3 (CBR) by a bitrate from 320 kb/s at quality
/// 1 down to 32 at 0, snapped by LAME to its standard rates; Vorbis takes the quality as its own
/// VBR quality (0.4 is Vorbis "quality 4").
extension AudioFileFormat {
    /// The default quality for `channels`: Opus about 64 kb/s, MP3 128 kb/s stereo and 96 mono,
    /// Vorbis 0.4; nil for lossless formats. Chosen by measurement (docs/cli.md): a session's
    /// voice is the same in both channels, so Opus codes it as one, and 64 kb/s keeps every
    /// 1 kHz band to 12 kHz within 0.3 dB of the WAV, where 32–48 kb/s mono lost 1–5 dB at 4–8 kHz.
    public func defaultQuality(channels: Int) -> Double? {
        switch self {
        case .wav, .flac: nil
        case .opus: quality(forBitrate: 64, channels: channels)
        case .mp3: quality(forBitrate: channels == 1 ? 96 : 128, channels: channels)
        case .ogg: 0.4
        }
    }

    /// The bitrates `--bitrate` takes for the format, in kb/s, or nil when it has none to set.
    public var bitrateRange: ClosedRange<Int>? {
        switch self {
        case .opus: 8...256
        case .mp3: 32...320
        case .wav, .flac, .ogg: nil
        }
    }

    /// The quality that gives about `kbps` kb/s for `channels` (Opus, MP3), or nil for formats
    /// without one.
    public func quality(forBitrate kbps: Int, channels: Int) -> Double? {
        switch self {
        case .opus: max(0, (Double(kbps) / Double(max(channels, 1)) * 1000 - 6000) / 250_000)
        case .mp3: max(0, (Double(kbps) - 32) / 288)
        case .wav, .flac, .ogg: nil
        }
    }
}
