/// The text of a `say` step: plain words with optional pause marks.
///
/// A pause mark is a duration in square brackets, e.g. `Breathe in. [2s] And out.`: the voice
/// stops for that long inside one cue. Everything else is spoken as written (it is escaped before
/// it reaches espeak-ng's SSML parser).
public enum SpeechText {
    /// One piece of a phrase.
    public enum Segment: Sendable, Hashable {
        /// Words to speak.
        case text(String)
        /// Silence in seconds.
        case pause(Double)
    }

    /// Splits `text` into words and pauses. A bracketed part that is not a valid positive
    /// duration stays text (the script validator reports it).
    public static func segments(of text: String) -> [Segment] {
        var result: [Segment] = []
        var current = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "[") {
            guard let close = rest[open...].firstIndex(of: "]") else { break }
            let inner = rest[rest.index(after: open)..<close].trimmingSpaces()
            if let seconds = try? DurationParser.parse(String(inner)), seconds > 0 {
                current += rest[..<open]
                appendText(current, to: &result)
                current = ""
                result.append(.pause(seconds))
            } else {
                current += rest[...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        current += rest
        appendText(current, to: &result)
        return result
    }

    /// The words alone, pause marks removed and spaces tidied: what captions show.
    public static func spokenText(of text: String) -> String {
        segments(of: text).compactMap { segment -> String? in
            if case .text(let words) = segment { return words }
            return nil
        }.joined(separator: " ")
    }

    /// Bracketed parts that look like pause marks but are not valid durations.
    public static func malformedPauseMarks(in text: String) -> [String] {
        var bad: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
            let inner = String(rest[rest.index(after: open)..<close].trimmingSpaces())
            let seconds = try? DurationParser.parse(inner)
            if seconds == nil || seconds! <= 0 { bad.append(inner) }
            rest = rest[rest.index(after: close)...]
        }
        return bad
    }

    private static func appendText(_ text: String, to result: inout [Segment]) {
        let tidy = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
            .joined(separator: " ")
        if !tidy.isEmpty { result.append(.text(tidy)) }
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return s
    }
}
