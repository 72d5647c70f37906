/// Levenshtein distance, for "did you mean" suggestions.
enum EditDistance {
    /// Edits (insert, delete, substitute) that turn `a` into `b`, compared case-insensitively.
    static func between(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased().unicodeScalars)
        let y = Array(b.lowercased().unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// Up to `limit` of `candidates` nearest to `name`, best first (ties alphabetical), leaving out
    /// those so far away that they would not help.
    static func nearest(to name: String, in candidates: Set<String>, limit: Int = 3) -> [String] {
        guard !name.isEmpty else { return [] }
        let ceiling = max(2, name.count / 2)
        return candidates
            .map { (candidate: $0, distance: between(name, $0)) }
            .filter { $0.distance <= ceiling }
            .sorted { ($0.distance, $0.candidate) < ($1.distance, $1.candidate) }
            .prefix(limit)
            .map(\.candidate)
    }
}
