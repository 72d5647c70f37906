import SootheCore

/// Chapters as the Podcasting 2.0 JSON chapters format (version 1.2.0) gives them, for a feed
/// item's `<podcast:chapters type="application/json+chapters">`.
public enum PodcastChapters {
    /// The format's media type.
    public static let mediaType = "application/json+chapters"

    /// `{"version": "1.2.0", "chapters": [{"startTime": 0.0, "endTime": 24.3, "title": "…"}, …]}`:
    /// times in seconds from the start of the file, rounded to milliseconds as the cue sheet's.
    public static func json(_ chapters: [Chapter]) -> String {
        let items = chapters.map { chapter in
            "    {\"startTime\": \(JSON.number(Timeline.milliseconds(chapter.start))), \"endTime\": \(JSON.number(Timeline.milliseconds(chapter.end))), \"title\": \(JSON.string(chapter.title))}"
        }
        return "{\n  \"version\": \"1.2.0\",\n  \"chapters\": [\n" + items.joined(separator: ",\n") + (items.isEmpty ? "" : "\n") + "  ]\n}\n"
    }
}
