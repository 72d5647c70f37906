/// "Did you mean" for near misses: the closest candidates by edit distance.
public enum Suggestions {
    /// Candidates within a small edit distance of `word` (scaled with its length), closest first.
    public static func nearest(to word: String, in candidates: [String], limit: Int = 3) -> [String] {
        let lower = word.lowercased()
        let threshold = max(2, lower.count / 3)
        return candidates
            .map { ($0, distance(lower, $0.lowercased())) }
            .filter { $0.1 <= threshold || $0.0.lowercased().hasPrefix(lower) && !lower.isEmpty }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .prefix(limit)
            .map(\.0)
    }

    /// ` (did you mean 'x'?)` or an empty string.
    public static func didYouMean(_ word: String, in candidates: [String]) -> String {
        guard let best = nearest(to: word, in: candidates, limit: 1).first else { return "" }
        return "; did you mean '\(best)'?"
    }

    /// Levenshtein distance, with adjacent transpositions counted as one edit.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = Swift.min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
