/// What one render produced, for the summary table.
public struct RenderReport: Sendable, Hashable {
    public var id: String
    public var path: String
    /// Seconds of audio.
    public var duration: Double
    public var frames: Int
    /// Bytes on disk.
    public var fileSize: Int
    /// Integrated loudness of the written samples, LUFS.
    public var loudness: Double
    /// True peak of the written samples, dBTP.
    public var truePeak: Double
    /// Wall-clock seconds the render took.
    public var renderSeconds: Double
    /// Times the session was mixed (1 unless the first gain was too quiet for the limiter).
    public var mixingPasses: Int = 1
}
