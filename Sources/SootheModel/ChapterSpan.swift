/// One chapter: a title and the stretch of the session it covers, in seconds. The timeline's
/// chapters, and what the audio files carry as their chapter marks.
public struct ChapterSpan: Sendable, Hashable {
    public var title: String
    public var start: Double
    public var end: Double

    public init(title: String, start: Double, end: Double) {
        self.title = title
        self.start = start
        self.end = end
    }
}
