/// Parses the duration syntax of session scripts: `6s`, `1.5s`, `2m`, `1m30s`, `250ms`, `1h`,
/// or a bare number of seconds.
public enum DurationParser {
    /// Why a duration did not parse.
    public struct Failure: Error, Sendable, Equatable {
        public let text: String
    }

    /// Seconds for `text`, or ``Failure`` when it is not a duration. Sign is kept (the caller
    /// decides whether zero or negative is allowed).
    public static func parse(_ text: String) throws(Failure) -> Double {
        let trimmed = text.trimmingCharacters(in: " ")
        guard !trimmed.isEmpty else { throw Failure(text: text) }
        if let bare = Double(trimmed), bare.isFinite { return bare }
        var rest = Substring(trimmed)
        var negative = false
        if rest.first == "-" { negative = true; rest.removeFirst() }
        var total = 0.0
        var lastUnitRank = Int.max
        var sawPart = false
        while !rest.isEmpty {
            let numberEnd = rest.firstIndex(where: { !($0.isASCII && ($0.isNumber || $0 == ".")) }) ?? rest.endIndex
            guard numberEnd != rest.startIndex, let value = Double(rest[..<numberEnd]) else {
                throw Failure(text: text)
            }
            rest = rest[numberEnd...]
            let unitEnd = rest.firstIndex(where: { !$0.isLetter }) ?? rest.endIndex
            let unit = rest[..<unitEnd]
            rest = rest[unitEnd...]
            let (scale, rank): (Double, Int)
            switch unit {
            case "h": (scale, rank) = (3600, 3)
            case "m", "min": (scale, rank) = (60, 2)
            case "s": (scale, rank) = (1, 1)
            case "ms": (scale, rank) = (0.001, 0)
            default: throw Failure(text: text)
            }
            // Units must go from large to small, each once: `1m30s`, not `30s1m`.
            guard rank < lastUnitRank else { throw Failure(text: text) }
            lastUnitRank = rank
            total += value * scale
            sawPart = true
        }
        guard sawPart, total.isFinite else { throw Failure(text: text) }
        return negative ? -total : total
    }

    /// `m:ss` for listings (`4:05`), or `h:mm:ss` past an hour.
    public static func clock(_ seconds: Double) -> String {
        // Clamped: nested repeats can estimate lengths past Int.max seconds, which would trap.
        let total = seconds.isFinite ? Int(min(max(seconds, -1e15), 1e15).rounded()) : 0
        let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60)
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return h > 0 ? "\(h):\(pad(m)):\(pad(s))" : "\(m):\(pad(s))"
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set || s.first?.isWhitespace == true { s.removeFirst() }
        while s.last == set || s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
