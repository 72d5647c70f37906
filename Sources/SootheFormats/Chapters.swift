import SootheCore

/// A chapter: one stretch of a session, for players that show chapter marks.
public struct Chapter: Sendable, Hashable {
    public var title: String
    public var start: Double
    public var end: Double
}

extension CueSheet {
    /// The session's chapters: each `breathe` section is one; the steps between them (speech,
    /// pauses, chimes) form one chapter each, named after their first spoken words.
    public static func chapters(_ timeline: Timeline) -> [Chapter] {
        var chapters: [Chapter] = []
        var open: Chapter?
        for span in timeline.steps {
            if span.kind == .breathe {
                if let current = open { chapters.append(current) }
                open = nil
                chapters.append(Chapter(title: span.label, start: span.start, end: span.end))
            } else if open == nil {
                open = Chapter(title: span.kind == .say ? span.label : "", start: span.start, end: span.end)
            } else {
                open!.end = span.end
                if open!.title.isEmpty, span.kind == .say { open!.title = span.label }
            }
        }
        if let current = open { chapters.append(current) }
        for index in chapters.indices {
            if chapters[index].title.isEmpty { chapters[index].title = index == 0 ? "Opening" : "Closing" }
            // Chapters tile the file: each runs to the next one's start, the last to the end.
            chapters[index].end = index + 1 < chapters.count ? chapters[index + 1].start : timeline.duration
        }
        return chapters.filter { $0.end > $0.start }
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
