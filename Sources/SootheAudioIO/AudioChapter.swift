/// A chapter written into an audio file: a title and where it starts and ends, in seconds.
public struct AudioChapter: Sendable, Hashable {
    public var title: String
    public var start: Double
    public var end: Double

    public init(title: String, start: Double, end: Double) {
        self.title = title
        self.start = start
        self.end = end
    }

    /// The start in whole milliseconds.
    var startMilliseconds: Int { Int((start * 1000).rounded()) }
    /// The end in whole milliseconds.
    var endMilliseconds: Int { Int((end * 1000).rounded()) }
}
