/// Parses the duration syntax of session scripts: a number with units (`6s`, `1.5s`, `90sec`,
/// `2m`, `2min`, `1.5 min`, `1m30s`, `250ms`, `1h`; a space between number and unit is allowed,
/// units in full too: `5 minutes`), a clock (`1:30`, `1:02:30`), or a bare number of seconds
/// (`90`, `2.5`).
public enum DurationParser {
    /// Why a duration did not parse.
    public struct Failure: Error, Sendable, Equatable {
        public let text: String
    }

    /// The forms, for messages.
    public static let forms = "6s, 1.5s, 90sec, 2m, 1.5 min, 1m30s, 250ms, 1h, 1:30, 1:02:30 or a number of seconds"

    /// Seconds for `text`, or ``Failure`` when it is not a duration. Sign is kept (the caller
    /// decides whether zero or negative is allowed).
    public static func parse(_ text: String) throws(Failure) -> Double {
        var body = Substring(text.trimmingCharacters(in: " "))
        var negative = false
        if body.first == "-" { negative = true; body.removeFirst() }
        let total: Double
        if let bare = decimal(body) {
            total = bare
        } else if body.contains(":") {
            guard let clock = clockValue(body) else { throw Failure(text: text) }
            total = clock
        } else {
            guard let units = unitsValue(body) else { throw Failure(text: text) }
            total = units
        }
        guard total.isFinite else { throw Failure(text: text) }
        return negative ? -total : total
    }

    /// Digits with at most one decimal point (no sign, no exponent, no `inf`).
    private static func decimal(_ text: Substring) -> Double? {
        guard text.contains(where: \.isASCIIDigit),
              text.allSatisfy({ $0.isASCIIDigit || $0 == "." }),
              text.filter({ $0 == "." }).count <= 1
        else { return nil }
        return Double(text)
    }

    /// `M:SS` or `H:MM:SS`, the seconds possibly with a fraction (`1:30.5`).
    private static func clockValue(_ text: Substring) -> Double? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              let seconds = decimal(parts[parts.count - 1]), seconds < 60,
              parts[parts.count - 1].prefix { $0 != "." }.count == 2
        else { return nil }
        let wholes = parts.dropLast()
        guard wholes.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        let values = wholes.compactMap { Double($0) }
        if parts.count == 3 {
            guard parts[1].count == 2, values[1] < 60 else { return nil }
            return values[0] * 3600 + values[1] * 60 + seconds
        }
        return values[0] * 60 + seconds
    }

    /// Numbers each followed by a unit, largest unit first, each once (`1m30s`, `1 h 5 min`).
    private static func unitsValue(_ text: Substring) -> Double? {
        var rest = text
        var total = 0.0
        var lastUnitRank = Int.max
        var sawPart = false
        while true {
            rest = rest.drop { $0 == " " }
            if rest.isEmpty { break }
            let number = rest.prefix { $0.isASCIIDigit || $0 == "." }
            guard let value = decimal(number) else { return nil }
            rest = rest.dropFirst(number.count).drop { $0 == " " }
            let unit = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unit.count)
            guard let (scale, rank) = units[unit.lowercased()] else { return nil }
            // Units go from large to small, each once: `1m30s`, not `30s1m`.
            guard rank < lastUnitRank else { return nil }
            lastUnitRank = rank
            total += value * scale
            sawPart = true
        }
        return sawPart ? total : nil
    }

    /// Each unit's seconds and rank (larger units rank higher).
    static let units: [String: (Double, Int)] = {
        var table: [String: (Double, Int)] = [:]
        for name in ["h", "hr", "hrs", "hour", "hours"] { table[name] = (3600, 3) }
        for name in ["m", "min", "mins", "minute", "minutes"] { table[name] = (60, 2) }
        for name in ["s", "sec", "secs", "second", "seconds"] { table[name] = (1, 1) }
        table["ms"] = (0.001, 0)
        return table
    }()

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

extension Character {
    /// `0`…`9` only (`isNumber` takes other scripts' digits and fractions too).
    var isASCIIDigit: Bool { isASCII && isNumber }
}
