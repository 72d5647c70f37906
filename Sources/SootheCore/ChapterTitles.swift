/// The titles soothe gives chapters a script does not name: a run's first spoken words, a
/// breathing section in words of the session's language. Never notation such as `4-7-8 × 4`.
public enum ChapterTitles {
    /// The longest title made from spoken words, in characters (before a closing `…`).
    public static let maximumLength = 40
    /// A first sentence shorter than this takes the next one with it ("Welcome. Sit or lie…").
    static let shortSentence = 16

    /// A title from a run's first spoken words: its first sentence (and the next, while they
    /// are very short), cut at a word boundary with `…` when longer than ``maximumLength``, a
    /// closing full stop dropped. Nil when nothing is spoken.
    public static func fromWords(_ text: String) -> String? {
        let words = SpeechText.spokenText(of: text).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard !words.isEmpty else { return nil }
        let sentences = Self.sentences(words)
        var title = sentences[0]
        for next in sentences.dropFirst() {
            guard title.count < shortSentence else { break }
            title += " " + next
        }
        if title.hasSuffix("."), !title.hasSuffix("..") { title.removeLast() }
        return title.count > maximumLength ? cut(title) : title
    }

    /// `text` cut at the last space at or before ``maximumLength`` characters, up to two short
    /// words (three letters or fewer) and trailing punctuation dropped, `…` added; a first word
    /// longer than that is kept whole.
    static func cut(_ text: String) -> String {
        let characters = Array(text)
        var end = maximumLength
        while end > 0 && characters[end] != " " { end -= 1 }
        if end == 0 {
            // One long word: keep it whole rather than cut it.
            end = characters.firstIndex(of: " ") ?? characters.count
            if end == characters.count { return text }
        }
        var words = String(characters[..<end]).split(separator: " ")
        // A title that stops on a little word ("and the…", "en la…") reads as cut off: end on
        // the word before (at most two are dropped, the first kept).
        for _ in 0..<2 where words.count > 1 && words.last!.count <= 3 && words.last!.allSatisfy(\.isLetter) {
            words.removeLast()
        }
        var kept = words.joined(separator: " ")
        while let last = kept.last, ",;:.-–—".contains(last) || last == " " { kept.removeLast() }
        return kept + "…"
    }

    /// The sentences of `text` (each with its closing mark), split after `.`, `!`, `?` or `…`
    /// followed by a space.
    static func sentences(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var previous: Character?
        for ch in text {
            if ch == " ", let p = previous, ".!?…".contains(p) {
                result.append(current)
                current = ""
            } else {
                current.append(ch)
            }
            previous = ch
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// A breathing section's title in `words`' language: a preset's name ("Box Breathing"),
    /// else the phases in words ("Breathe in four, hold seven, breathe out eight"); the phases
    /// alone when a length is not a whole number of seconds soothe can say.
    public static func breathing(_ pattern: BreathPattern, words: PhraseTable) -> String {
        if let name = BreathPattern.presets.first(where: { $0.value == pattern })?.key, name != "4-7-8",
           let title = words.breathe.titles.preset(name) {
            return title
        }
        let phases = pattern.phases.filter { $0.1 > 0 }
        let parts = phases.enumerated().map { index, phase -> String in
            var prompt = words.breathe.prompts[phase.0]
            if index > 0, let first = prompt.first, prompt.count > 1,
               prompt.dropFirst().first.map({ $0.isLowercase || $0 == " " }) == true {
                prompt = first.lowercased() + prompt.dropFirst()
            }
            let whole = phase.1 == phase.1.rounded() ? Int(exactly: phase.1) : nil
            guard let seconds = whole, let number = words.number(seconds) else { return prompt }
            return prompt + " " + number
        }
        return parts.joined(separator: ", ")
    }
}
