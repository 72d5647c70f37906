/// Phrase-paced delivery: a calm speaker talks at a near-normal rate and slows down with pauses
/// where the text has a boundary, not between every word.
///
/// Each stretch of words in a phrase is cut after a clause (a word ending in `,` `;` `:` or a
/// lone dash) and after a sentence that another follows (`.` `!` `?` `…`, with a closing quote
/// or bracket allowed after them; common abbreviations and initials are not sentence ends). The
/// pieces keep their punctuation, so espeak-ng still gives each its clause's intonation, and the
/// cut becomes an exact silence of the voice's pause, as a pause mark (`[2s]`) would. A boundary
/// next to a pause mark, or at the end of the phrase, adds nothing: the mark or what follows the
/// phrase is the pause.
public enum PhrasePacing {
    /// `segments` with every text segment cut at its boundaries, pauses of `clause` and
    /// `sentence` seconds between the pieces. A length of 0 leaves that kind of boundary uncut.
    public static func paced(_ segments: [SpeechText.Segment], clause: Double, sentence: Double) -> [SpeechText.Segment] {
        guard clause > 0 || sentence > 0 else { return segments }
        var result: [SpeechText.Segment] = []
        for segment in segments {
            guard case .text(let words) = segment else {
                result.append(segment)
                continue
            }
            let tokens = words.split(separator: " ", omittingEmptySubsequences: true)
            var piece: [Substring] = []
            for (index, token) in tokens.enumerated() {
                piece.append(token)
                guard index < tokens.count - 1 else { break }
                let pause: Double = switch boundary(after: token, before: tokens[index + 1]) {
                case .sentence: sentence
                case .clause: clause
                case nil: 0
                }
                if pause > 0 {
                    result.append(.text(piece.joined(separator: " ")))
                    result.append(.pause(pause))
                    piece = []
                }
            }
            if !piece.isEmpty { result.append(.text(piece.joined(separator: " "))) }
        }
        return result
    }

    /// The kinds of boundary a pause follows.
    public enum Boundary: Sendable {
        case clause, sentence
    }

    /// The boundary after `word` (followed by `next`), if any.
    public static func boundary(after word: Substring, before next: Substring) -> Boundary? {
        if dashes.contains(word) { return .clause }
        var core = word
        while let last = core.last, closers.contains(last) { core.removeLast() }
        guard let last = core.last else { return nil }
        if sentenceEnds.contains(last) {
            if last == "." && isAbbreviation(core) { return nil }
            return .sentence
        }
        if clauseEnds.contains(last) { return .clause }
        // "breath —" is written with the dash apart; "breath—and" is one word and stays whole.
        return nil
    }

    private static let dashes: Set<Substring> = ["-", "–", "—", "--"]
    private static let closers: Set<Character> = ["\"", "'", "”", "’", ")", "]", "»"]
    private static let sentenceEnds: Set<Character> = [".", "!", "?", "…", "。", "！", "？"]
    private static let clauseEnds: Set<Character> = [",", ";", ":", "،", "，", "、", "；"]

    /// Titles and Latin shorthand whose dot ends no sentence, in the languages soothe ships, and
    /// single-letter initials.
    private static let abbreviations: Set<String> = [
        "mr.", "mrs.", "ms.", "dr.", "st.", "e.g.", "i.e.", "vs.", "sr.", "sra.", "srta.", "dra.",
        "hr.", "fr.", "frau.", "z.b.", "bzw.", "usw.", "mme.", "mlle.", "m.", "sig.", "dott.", "ca.",
    ]

    private static func isAbbreviation(_ word: Substring) -> Bool {
        let lower = word.lowercased()
        if abbreviations.contains(lower) { return true }
        // An initial ("J.") or a dotted shorthand ("a.m.").
        let letters = lower.filter { $0 != "." }
        return letters.count == 1 || (lower.dropLast().contains(".") && letters.count <= 3)
    }
}
