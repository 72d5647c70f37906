import SootheCore

/// A chapter: one stretch of a session, for players that show chapter marks.
public typealias Chapter = ChapterSpan

extension CueSheet {
    /// The session's chapters, tiling it from 0 to its end: those the script names with
    /// `chapter:`, and (unless `chapters:` turns them off) one per `breathe` section, titled in
    /// words, and one per run of steps between them, titled by its first spoken words (see
    /// ``ChapterPolicy``). These are the chapters the audio files carry.
    public static func chapters(_ timeline: Timeline) -> [Chapter] {
        timeline.chapters
    }

    /// The chapters as a WebVTT chapters track (`<track kind="chapters">`).
    public static func chaptersVTT(_ timeline: Timeline) -> String {
        var out = "WEBVTT\n"
        for (index, chapter) in chapters(timeline).enumerated() {
            out += "\n\(index + 1)\n\(timestamp(chapter.start, separator: ".")) --> \(timestamp(chapter.end, separator: "."))\n"
            out += escapeCaption(chapter.title) + "\n"
        }
        return out
    }
}
