/// A seeded generator of session scripts for fuzzing `check` and `preview`.
///
/// Three families, picked at random for each input:
/// - scripts from a grammar of every step kind and option, with values drawn from pools that
///   hold ordinary and edge values (zero, negative, just over a limit, huge, malformed);
/// - mutations of the built-in scripts (bit flips, deleted and duplicated lines, indentation
///   changes, inserted garbage and YAML punctuation, truncation, huge numbers, non-UTF-8 bytes);
/// - hostile structures (deep nesting, alias chains, huge files, long lines, many steps).
///
/// The same seed gives the same inputs on every platform (SplitMix64, no `Double.random`).
struct ScriptFuzzer {
    /// SplitMix64 (Steele, Lea & Flood 2014): tiny, fast and the same everywhere.
    struct Random: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// One generated script and how it was made (for reproducing a failure).
    struct Input {
        var bytes: [UInt8]
        /// `grammar`, `mutation` or `hostile`.
        var family: String
        var recipe: String
    }

    /// A YAML tree the grammar builds and then writes in block or flow style.
    indirect enum Tree {
        case scalar(String)
        case map([(String, Tree)])
        case list([Tree])
    }

    private(set) var random: Random
    let corpus: [(id: String, bytes: [UInt8])]

    init(seed: UInt64, corpus: [(id: String, bytes: [UInt8])]) {
        random = Random(state: seed)
        self.corpus = corpus
    }

    /// The next input: 40 % grammar, 50 % mutation of a built-in, 10 % hostile structure.
    mutating func next() -> Input {
        let roll = int(100)
        if roll < 40 || corpus.isEmpty {
            return Input(bytes: Array(grammarScript().utf8), family: "grammar", recipe: "grammar")
        } else if roll < 90 {
            return mutatedBuiltIn()
        } else {
            return hostile()
        }
    }

    // MARK: Random helpers

    mutating func int(_ upperBound: Int) -> Int { Int(random.next() % UInt64(max(upperBound, 1))) }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + int(range.count) }
    mutating func chance(_ p: Double) -> Bool { Double(random.next() >> 11) / Double(1 << 53) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }

    // MARK: Value pools (ordinary and edge values)

    static let durations = ["6s", "1.5s", "2m", "1m30s", "250ms", "3", "0.5", "10m", "1s", "12s", "1:30", "90sec", "1.5 min", "5 minutes", "0:45"]
    static let edgeDurations = [
        "0", "0s", "-1s", "-5", "24h", "24h1s", "86400", "86401", "0.001", "1e-9", "1e308", "abc", "5x", "30s1m",
        "1.5.5s", "nan", "inf", "~", "\"\"", "99999999999999999999s", "1m 30s", "2 m", "-0", "1e3s", "0x10", "1h",
        "1:60", "1:2:30", "1::30", ":30", "1:30:", "24:00:01", "1e2", "+5", "1 hour 1 hour", "5 minutes 3", "1:30s",
    ]
    static let levels = ["0", "-3", "-12", "3.5", "-6"]
    static let edgeLevels = ["-40", "-41", "6", "7", "12", "13", "-60", "-61", "1e308", "nan", "abc", "-0", "~"]
    static let wholeNumbers = ["1", "2", "3", "4", "6", "10"]
    static let edgeWholeNumbers = [
        "0", "-1", "4.0", "11", "100", "100000", "100001", "10000", "10001", "99999999999999999999", "1e3", "0x10",
        "abc", "80", "79", "450", "451", "130", "~", "2.5",
    ]
    static let bools = ["true", "false", "yes", "no"]
    static let edgeBools = ["on", "off", "maybe", "1", "~", "TRUE"]
    static let patterns = ["box", "4-7-8", "coherent", "sigh", "belly", "extended-exhale", "4-7-8-0", "2.5+1-0-7.5-0", "5-0-5-0", "4-2-6-1"]
    static let edgePatterns = [
        "0.4-0-4-0", "4-0-0.4-0", "121-0-4-0", "4-4-4", "a-b-c-d", "4--4-4", "-4-0-4-0", "1e308-0-4-0",
        "1+2+3-0-4-0", "0.5-0-0.5-0", "120-120-120-120", "boxx", "4 - 7 - 8 - 0", "~",
    ]
    static let chimes = ["singing-bowl", "bell", "soft-chime", "wood-block"]
    static let edgeChimes = ["gong", "Bell", "~", "singing bowl", "./bell.wav", "../b.flac", "x.ogg"]
    static let ambiences = ["brown-noise", "pink-noise", "rain", "ocean", "stream", "wind", "fire", "music", "binaural", "isochronic"]
    static let edgeAmbiences = ["thunder", "~", "Rain", "./rain.flac", "../x.wav", "/dev/null", "~/bed.ogg", "bed.mp3"]
    static let tags = ["sos", "night", "relationships", "breathing", "body", "practice"]
    static let edgeTags = ["nigth", "SOS", "~", "sos sos"]
    static let voices = ["gentle", "warm", "clear", "calma"]
    static let edgeVoices = ["gentel", "robot", "~", "../gentle"]
    static let words = [
        "Breathe", "in", "out", "slowly", "and", "notice", "your", "feet", "hold", "rest", "gently", "the",
        "calma", "respira", "café", "naïve", "漢字", "🙂", "{item}", "[2s]", "[0.5s]", "Whoosh.", "now.", "<b>", "&",
    ]
    static let edgeWords = ["[0s]", "[abc]", "[", "]", "#", "--", "\\", "\"", "'", ":", ",", "[-1s]", "[25h]", "*"]
    static let ids = ["my-session", "x", "a1-b2"]
    static let edgeIDs = ["Bad ID", "../etc/passwd", "a_b", "-", "UPPER", "日本", "a/b", "~"]

    mutating func text() -> String {
        if chance(0.01) { return pick(["\"\"", "~", "''", "\"   \"", "[]", "{}"]) }
        let count = chance(0.03) ? int(300...3000) : int(1...12)
        var words: [String] = []
        for _ in 0..<count { words.append(chance(0.02) ? pick(Self.edgeWords) : pick(Self.words)) }
        return quoted(words.joined(separator: " "))
    }

    /// A YAML double-quoted scalar (escapes `"` and `\`).
    func quoted(_ text: String) -> String {
        var out = "\""
        for ch in text {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.append(ch)
            }
        }
        return out + "\""
    }

    /// Mostly an ordinary value; now and then an edge value, or one of the wrong shape.
    mutating func value(_ pool: [String], _ edge: [String]) -> Tree {
        if chance(0.01) { return pick([.list([.scalar("1"), .scalar("2")]), .map([("a", .scalar("b"))]), .scalar("")]) }
        return .scalar(chance(0.08) ? pick(edge) : pick(pool))
    }

    /// A misspelled or unknown key, now and then.
    mutating func strayKey() -> String {
        pick(["wiat", "cycels", "sya", "after ", "prompt_cycles", "Title", "colour", "<<", "? x", "1"])
    }

    // MARK: Grammar

    mutating func grammarScript() -> String {
        var top: [(String, Tree)] = []
        if chance(0.95) { top.append(("title", .scalar(text()))) }
        if chance(0.2) { top.append(("id", value(Self.ids, Self.edgeIDs))) }
        if chance(0.4) { top.append(("summary", .scalar(text()))) }
        if chance(0.3) { top.append(("technique", .scalar(pick(["calming/deep-breathing", "x", "~"])))) }
        if chance(0.5) { top.append(("voice", value(Self.voices, Self.edgeVoices))) }
        if chance(0.3) {
            if chance(0.5) {
                top.append(("ambience", value(Self.ambiences, Self.edgeAmbiences)))
            } else {
                var bed: [(String, Tree)] = []
                if chance(0.9) { bed.append(("sound", value(Self.ambiences, Self.edgeAmbiences))) }
                if chance(0.7) { bed.append(("level", value(Self.levels, Self.edgeLevels))) }
                if chance(0.2) { bed.append(("loop", value(Self.bools, Self.edgeBools))) }
                if chance(0.2) { bed.append(("key", value(["C", "F#", "Bb", "D"], ["H", "c", "~"]))) }
                if chance(0.15) { bed.append(("mode", value(["major", "minor"], ["dorian"]))) }
                if chance(0.15) { bed.append(("style", value(["pad", "bells", "pad-and-bells"], ["pads"]))) }
                if chance(0.15) { bed.append(("chord-every", value(Self.durations, Self.edgeDurations))) }
                if chance(0.2) { bed.append(("carrier", value(["200", "40", "1500"], ["39", "1501", "x"]))) }
                if chance(0.2) { bed.append(("beat", value(["6", "0.5", "40"], ["0.4", "41", "-1"]))) }
                if chance(0.1) { bed.append(("to", .map([("beat", value(["4", "10"], ["0"])), ("carrier", value(["150"], ["9999"]))]))) }
                top.append(("ambience", .map(bed)))
            }
        }
        if chance(0.2) {
            if chance(0.9) {
                var tags: [Tree] = []
                for _ in 0..<int(4) { tags.append(value(Self.tags, Self.edgeTags)) }
                top.append(("tags", .list(tags)))
            } else {
                top.append(("tags", value(Self.tags, Self.edgeTags)))
            }
        }
        if chance(0.2) { top.append(("when", .scalar(text()))) }
        if chance(0.1) {
            if chance(0.5) {
                top.append(("chapters", value(["auto", "off", "true"], ["sometimes", "~", "\"\""])))
            } else {
                top.append(("chapters", .map([("breathe", value(["auto", "off", "Breathing"], ["~", "\"\""])), (chance(0.9) ? "speech" : "breath", value(["auto", "off", "Talk"], ["~"]))])))
            }
        }
        if chance(0.02) { top.append((strayKey(), .scalar("1"))) }
        if chance(0.97) { top.append(("steps", .list(steps(depth: 0)))) }
        for i in top.indices.reversed() where i > 0 && chance(0.3) { top.swapAt(i, int(i + 1)) }
        return block(.map(top), indent: 0).joined(separator: "\n") + (chance(0.9) ? "\n" : "")
    }

    mutating func steps(depth: Int) -> [Tree] {
        let count = chance(0.05) ? 0 : int(1...(depth == 0 ? 8 : 3))
        return (0..<count).map { _ in step(depth: depth) }
    }

    mutating func step(depth: Int) -> Tree {
        var pairs: [(String, Tree)]
        switch int(depth < 9 ? 10 : 8) {
        case 0, 1:
            pairs = [("say", .scalar(text()))]
            if chance(0.3) { pairs.append(("after", value(Self.durations, Self.edgeDurations))) }
            if chance(0.15) { pairs.append(("voice", value(Self.voices, Self.edgeVoices))) }
            if chance(0.15) { pairs.append(("rate", value(Self.wholeNumbers, Self.edgeWholeNumbers))) }
        case 2, 3:
            pairs = [("pause", value(Self.durations, Self.edgeDurations))]
            if chance(0.25) { pairs.append(("chime-every", value(Self.durations, Self.edgeDurations))) }
            if chance(0.2) { pairs.append(("chime", value(Self.chimes, Self.edgeChimes))) }
        case 4:
            pairs = [("chime", value(Self.chimes, Self.edgeChimes))]
            if chance(0.3) { pairs.append(("level", value(Self.levels, Self.edgeLevels))) }
            if chance(0.3) { pairs.append(("strikes", value(Self.wholeNumbers, Self.edgeWholeNumbers))) }
            if chance(0.4) { pairs.append(("wait", value(Self.durations, Self.edgeDurations))) }
        case 5, 6, 7:
            pairs = [("breathe", chance(0.05) ? .scalar(pick(Self.patterns)) : .map(breathe()))]
        default:
            var options: [(String, Tree)] = []
            if chance(0.6) { options.append(("times", value(Self.wholeNumbers, Self.edgeWholeNumbers))) }
            if chance(0.45) {
                let items = (0..<int(0...4)).map { _ in Tree.scalar(chance(0.1) ? "~" : text()) }
                options.append(("for", chance(0.05) ? .scalar("feet") : .list(items)))
            }
            if chance(0.93) { options.append(("steps", .list(steps(depth: depth + 1)))) }
            pairs = [("repeat", .map(options))]
        }
        if chance(0.1) { pairs.append(("chapter", chance(0.8) ? .scalar(chance(0.2) ? "true" : text()) : .scalar(pick(["~", "\"\"", "[a]", "{a: b}"])))) }
        if chance(0.01) { pairs.append((strayKey(), .scalar("1"))) }
        if chance(0.005) { pairs.append(("pause", .scalar("1s"))) }
        return .map(pairs)
    }

    mutating func breathe() -> [(String, Tree)] {
        var options: [(String, Tree)] = []
        if chance(0.95) { options.append(("pattern", chance(0.2) ? phaseMap() : value(Self.patterns, Self.edgePatterns))) }
        if chance(0.15) { options.append(("to", chance(0.3) ? phaseMap() : value(Self.patterns, Self.edgePatterns))) }
        switch int(10) {
        case 0: break
        case 1: options += [("cycles", value(Self.wholeNumbers, Self.edgeWholeNumbers)), ("duration", value(Self.durations, Self.edgeDurations))]
        case 2, 3, 4: options.append(("duration", value(Self.durations, Self.edgeDurations)))
        default: options.append(("cycles", value(Self.wholeNumbers, Self.edgeWholeNumbers)))
        }
        if chance(0.5) {
            var prompts: [(String, Tree)] = []
            for phase in ["inhale", "top-up", "hold", "exhale", "rest"] where chance(0.4) {
                prompts.append((phase, .scalar(text())))
            }
            if chance(0.02) { prompts.append(("breath", .scalar(text()))) }
            options.append(("prompts", chance(0.05) ? .scalar("In") : .map(prompts)))
        }
        if chance(0.3) { options.append(("prompt-cycles", value(Self.wholeNumbers, Self.edgeWholeNumbers))) }
        if chance(0.3) { options.append(("count", value(Self.bools, Self.edgeBools))) }
        if chance(0.2) { options.append(("tone", value(Self.bools + ["soft", "bright", "chime", "none"], Self.edgeBools + ["sfot", "Soft"]))) }
        if chance(0.05) {
            options.append(("tone", .map([("style", value(["soft", "bright", "chime", "none"], ["loud"])), ("pitch", value(["220", "80", "1000"], ["79", "1e9", "x"])), ("level", value(["-3", "6"], ["7", "-41"]))])))
        }
        return options
    }

    mutating func phaseMap() -> Tree {
        var phases: [(String, Tree)] = []
        for phase in ["inhale", "top-up", "hold", "exhale", "rest", "pause"] {
            let p = phase == "inhale" || phase == "exhale" ? 0.95 : phase == "pause" ? 0.02 : 0.4
            if chance(p) { phases.append((phase, value(Self.durations, Self.edgeDurations))) }
        }
        return .map(phases)
    }

    // MARK: Writing YAML

    /// Block style: a mapping's nested values on indented lines, list items after `- `.
    /// Small collections are written in flow style now and then.
    mutating func block(_ tree: Tree, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        switch tree {
        case .scalar(let s):
            return [pad + s]
        case .map(let pairs):
            var lines: [String] = []
            for (key, value) in pairs {
                switch value {
                case .scalar(let s): lines.append("\(pad)\(key): \(s)")
                case .map(let inner) where inner.isEmpty || chance(0.3): lines.append("\(pad)\(key): \(flow(value))")
                case .list(let inner) where inner.isEmpty || chance(0.15): lines.append("\(pad)\(key): \(flow(value))")
                default: lines.append("\(pad)\(key):"); lines += block(value, indent: indent + 2)
                }
            }
            return lines.isEmpty ? [pad + "{}"] : lines
        case .list(let items):
            var lines: [String] = []
            for item in items {
                if case .scalar(let s) = item {
                    lines.append("\(pad)- \(s)")
                } else if chance(0.25) {
                    lines.append("\(pad)- \(flow(item))")
                } else {
                    var inner = block(item, indent: indent + 2)
                    inner[0] = pad + "- " + inner[0].dropFirst(indent + 2)
                    lines += inner
                }
            }
            return lines.isEmpty ? [pad + "[]"] : lines
        }
    }

    func flow(_ tree: Tree) -> String {
        switch tree {
        case .scalar(let s): return s
        case .map(let pairs): return "{" + pairs.map { "\($0.0): \(flow($0.1))" }.joined(separator: ", ") + "}"
        case .list(let items): return "[" + items.map(flow).joined(separator: ", ") + "]"
        }
    }

    // MARK: Mutations of the built-ins

    static let punctuation = [
        "[", "]", "{", "}", ":", "- ", "? ", "&a ", "*a", "!!binary ", "%YAML 1.2\n", "---\n", "...\n", "|\n",
        ">-\n", "\"", "'", "#", "\t", "\r", "\u{FEFF}", "{item}", "[2s]", "\\", ",", "<<: *a\n", "!tag ", "@", "`",
    ]
    static let hugeNumbers = ["99999999999999999999", "1e309", "-0", "0", "-1", "100001", "4.0", "1e-320", "NaN", "86401", "1e15"]
    static let badUTF8: [[UInt8]] = [[0xFF], [0xC3], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80]]

    mutating func mutatedBuiltIn() -> Input {
        let source = pick(corpus)
        var bytes = source.bytes
        var steps: [String] = []
        for _ in 0..<int(1...4) {
            steps.append(mutate(&bytes))
        }
        return Input(bytes: bytes, family: "mutation", recipe: "mutation of \(source.id): " + steps.joined(separator: ", "))
    }

    /// Line ranges (without the newline) of `bytes`.
    func lines(_ bytes: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            result.append(start..<i)
            start = i + 1
        }
        if start < bytes.count { result.append(start..<bytes.count) }
        return result
    }

    mutating func mutate(_ bytes: inout [UInt8]) -> String {
        let position = int(bytes.count + 1)
        let lineRanges = lines(bytes)
        switch int(14) {
        case 0 where !bytes.isEmpty:
            let i = int(bytes.count), bit = int(8)
            bytes[i] ^= UInt8(1 << bit)
            return "flip bit \(bit) of byte \(i)"
        case 1 where !bytes.isEmpty:
            let length = min(int(1...64), bytes.count - min(position, bytes.count))
            bytes.removeSubrange(min(position, bytes.count)..<(min(position, bytes.count) + length))
            return "delete \(length) bytes at \(position)"
        case 2 where !lineRanges.isEmpty:
            let line = int(lineRanges.count), target = int(lineRanges.count)
            let copy = Array(bytes[lineRanges[line]]) + [0x0A]
            bytes.insert(contentsOf: copy, at: lineRanges[target].lowerBound)
            return "duplicate line \(line + 1) before line \(target + 1)"
        case 3 where !lineRanges.isEmpty:
            let line = int(lineRanges.count)
            let range = lineRanges[line]
            bytes.removeSubrange(range.lowerBound..<min(range.upperBound + 1, bytes.count))
            return "delete line \(line + 1)"
        case 4 where lineRanges.count > 1:
            let a = int(lineRanges.count), b = int(lineRanges.count)
            var all = lineRanges.map { Array(bytes[$0]) }
            all.swapAt(a, b)
            bytes = Array(all.joined(separator: [0x0A])) + [0x0A]
            return "swap lines \(a + 1) and \(b + 1)"
        case 5 where !lineRanges.isEmpty:
            let line = int(lineRanges.count)
            let start = lineRanges[line].lowerBound
            switch int(3) {
            case 0:
                let n = int(1...4)
                bytes.insert(contentsOf: [UInt8](repeating: 0x20, count: n), at: start)
                return "indent line \(line + 1) by \(n)"
            case 1:
                var n = 0
                while n < int(1...4), start + n < bytes.count, bytes[start + n] == 0x20 { n += 1 }
                bytes.removeSubrange(start..<(start + n))
                return "outdent line \(line + 1) by \(n)"
            default:
                bytes.insert(0x09, at: start)
                return "tab before line \(line + 1)"
            }
        case 6:
            let garbage = (0..<int(1...16)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            bytes.insert(contentsOf: garbage, at: position)
            return "insert \(garbage.count) random bytes at \(position)"
        case 7:
            let token = pick(Self.punctuation)
            bytes.insert(contentsOf: Array(token.utf8), at: position)
            return "insert \(token.debugDescription) at \(position)"
        case 8:
            bytes.removeSubrange(min(position, bytes.count)...)
            return "truncate at \(position)"
        case 9:
            let digits = bytes.indices.filter { (0x30...0x39).contains(bytes[$0]) }
            guard !digits.isEmpty else { return "no number to change" }
            var start = pick(digits), end = start
            while start > 0, (0x30...0x39).contains(bytes[start - 1]) || bytes[start - 1] == 0x2E { start -= 1 }
            while end < bytes.count, (0x30...0x39).contains(bytes[end]) || bytes[end] == 0x2E { end += 1 }
            let number = pick(Self.hugeNumbers)
            bytes.replaceSubrange(start..<end, with: Array(number.utf8))
            return "number at \(start) to \(number)"
        case 10:
            let bad = pick(Self.badUTF8)
            bytes.insert(contentsOf: bad, at: position)
            return "insert non-UTF-8 \(bad) at \(position)"
        case 11:
            bytes.insert(0, at: position)
            return "insert NUL at \(position)"
        case 12:
            bytes = Array(bytes.split(separator: 0x0A, omittingEmptySubsequences: false).joined(separator: [0x0D, 0x0A]))
            return "CRLF line ends"
        default:
            let other = pick(corpus).bytes
            guard !other.isEmpty else { return "nothing to splice" }
            let from = int(other.count), length = min(int(1...400), other.count - from)
            bytes.insert(contentsOf: other[from..<(from + length)], at: position)
            return "splice \(length) bytes of another script at \(position)"
        }
    }

    // MARK: Hostile structures

    mutating func hostile() -> Input {
        let head = "title: T\nsteps:\n"
        switch int(12) {
        case 0:
            let depth = int(55...75)
            let text = head + "  - say: " + String(repeating: "[", count: depth) + "x" + String(repeating: "]", count: depth) + "\n"
            return Input(bytes: Array(text.utf8), family: "hostile", recipe: "flow nesting \(depth)")
        case 1:
            let depth = int(100...1100)
            let text = head + "  - " + String(repeating: "- ", count: depth) + "x\n"
            return Input(bytes: Array(text.utf8), family: "hostile", recipe: "block sequence nesting \(depth)")
        case 2:
            let depth = int(100...1100)
            var text = head
            for i in 0..<depth { text += String(repeating: " ", count: i + 2) + "k\(i):\n" }
            return Input(bytes: Array(text.utf8), family: "hostile", recipe: "block mapping nesting \(depth)")
        case 3:
            // Billion laughs through mapping keys: Yams hashes every key while composing.
            let levels = int(2...9), width = int(2...10)
            var text = head + "  - pause: 1s\nx0: &a0 [" + Array(repeating: "a", count: width).joined(separator: ",") + "]\n"
            for i in 1..<levels {
                text += "x\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: width).joined(separator: ",") + "]\n"
            }
            text += "? *a\(levels - 1)\n: 1\n"
            return Input(bytes: Array(text.utf8), family: "hostile", recipe: "alias key bomb \(width)^\(levels)")
        case 4:
            // Billion laughs through nested repeats of aliased steps.
            let levels = int(2...8), width = int(2...10)
            var text = head + "  - &s0 {say: hi}\n"
            for i in 1..<levels {
                text += "  - &s\(i) {repeat: {times: 1, steps: [" + Array(repeating: "*s\(i - 1)", count: width).joined(separator: ", ") + "]}}\n"
            }
            return Input(bytes: Array(text.utf8), family: "hostile", recipe: "alias repeat bomb \(width)^\(levels)")
        case 5:
            let length = int(50_000...200_000)
            let text = head + "  - say: " + String(repeating: "a", count: length) + "\n"
            return Input(bytes: Array(text.utf8), family: "hostile", recipe: "one word of \(length) letters")
        case 6:
            let count = int(1000...20_000)
            let text = head + String(repeating: "  - pause: 1s\n", count: count)
            return Input(bytes: Array(text.utf8), family: "hostile", recipe: "\(count) pause steps")
        case 7:
            let size = (1 << 20) + int(1...100)
            var bytes = Array(head.utf8)
            bytes += [UInt8](repeating: 0x23, count: size - bytes.count)
            return Input(bytes: bytes, family: "hostile", recipe: "a file of \(size) bytes")
        case 8:
            let depth = int(7...11)
            var text = head
            var indent = "  "
            for _ in 0..<depth {
                text += indent + "- repeat:\n" + indent + "    times: 10\n" + indent + "    steps:\n"
                indent += "      "
            }
            text += indent + "- pause: 1s\n"
            return Input(bytes: Array(text.utf8), family: "hostile", recipe: "repeat nested \(depth) deep")
        case 9:
            let text = pick(["", " \n\t\n", "# only a comment\n", "---\n", "---\na: 1\n---\nb: 2\n", "...\n", "~\n", "[]\n", "\"x\"\n", "%YAML 1.1\n---\n"])
            return Input(bytes: Array(text.utf8), family: "hostile", recipe: "degenerate document \(text.debugDescription)")
        case 10:
            let count = int(100...5000)
            var text = "title: T\n"
            for i in 0..<count { text += "key\(i): \(i)\n" }
            text += "steps:\n  - pause: 1s\n"
            return Input(bytes: Array(text.utf8), family: "hostile", recipe: "\(count) unknown keys")
        default:
            let count = int(2...2000)
            let text = head + "  - {" + (0..<count).map { _ in "say: x" }.joined(separator: ", ") + "}\n"
            return Input(bytes: Array(text.utf8), family: "hostile", recipe: "\(count) duplicate keys")
        }
    }
}
