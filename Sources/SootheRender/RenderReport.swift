import Foundation

/// What one render produced, for the summary table.
public struct RenderReport: Sendable, Hashable {
    public var id: String
    public var path: String
    /// Seconds of audio.
    public var duration: Double
    public var frames: Int
    /// Bytes on disk.
    public var fileSize: Int
    /// Integrated loudness of the written samples, LUFS; a mono file is measured as dual mono
    /// (its channel counted twice, as a phone plays it in both speakers), see ``meterLoudness``.
    public var loudness: Double
    /// True peak of the written samples, dBTP.
    public var truePeak: Double
    /// Wall-clock seconds the render took.
    public var renderSeconds: Double
    /// Channels in the file.
    public var channels: Int = 2
    /// Integrated loudness as a standard BS.1770 meter reads the file (ffmpeg's `ebur128`,
    /// libebur128): a mono file's one channel counted once, 3.01 LU under ``loudness``.
    public var meterLoudness: Double { channels == 1 ? loudness - 10 * log10(2.0) : loudness }
    /// The loudness as a person should read it: `-16.0 LUFS`, or for mono
    /// `-19.0 LUFS (-16.0 as dual mono)`.
    public var loudnessText: String {
        let meter = String(format: "%.1f LUFS", meterLoudness)
        return channels == 1 ? meter + String(format: " (%.1f as dual mono)", loudness) : meter
    }
    /// Times the session was mixed (1 unless the first gain was too quiet for the limiter).
    public var mixingPasses: Int = 1
}
