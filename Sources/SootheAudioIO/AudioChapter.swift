import SootheModel

/// A chapter written into an audio file: the model's chapter, a title and where it starts and
/// ends, in seconds.
public typealias AudioChapter = ChapterSpan

extension ChapterSpan {
    /// The start in whole milliseconds.
    var startMilliseconds: Int { Int((start * 1000).rounded()) }
    /// The end in whole milliseconds.
    var endMilliseconds: Int { Int((end * 1000).rounded()) }
}
