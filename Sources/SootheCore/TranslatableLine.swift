/// One piece of a session's spoken text that a translation gives in another language: a `say`,
/// a breathing prompt, or an item of `repeat: {for: [...]}`, in script order.
public struct TranslatableLine: Sendable, Hashable {
    /// What kind of text it is, which is also the key a translation writes it under.
    public enum Kind: Sendable, Hashable {
        case say
        case prompt(BreathPhase)
        case item

        /// The key of a translation entry (`say`, `inhale`, `top-up`, `hold`, `exhale`, `rest`, `item`).
        public var key: String {
            switch self {
            case .say: "say"
            case .prompt(let phase): phase.rawValue
            case .item: "item"
            }
        }

        /// The kind a translation key names.
        public init?(key: String) {
            switch key {
            case "say": self = .say
            case "item": self = .item
            default:
                guard let phase = BreathPhase(rawValue: key) else { return nil }
                self = .prompt(phase)
            }
        }

        /// Every key a translation entry may use.
        public static let keys = ["say", "inhale", "top-up", "hold", "exhale", "rest", "item"]
    }

    public var kind: Kind
    /// The text as the original gives it.
    public var text: String
    /// Where the original gives it (a repeat's items: where the `for` list stands).
    public var location: SourceLocation
    /// For a `say`: the silence after it, in seconds.
    public var after: Double?

    public init(kind: Kind, text: String, location: SourceLocation, after: Double? = nil) {
        self.kind = kind
        self.text = text
        self.location = location
        self.after = after
    }

    /// A short fingerprint of the text (eight hex digits, FNV-1a over its UTF-8): a translation
    /// stores it as `from:` to notice when the original line has changed since.
    public var checksum: String { Self.checksum(of: text) }

    /// The fingerprint of `text`.
    public static func checksum(of text: String) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// The `{NAME}` placeholders in `text`, sorted (with repeats).
    public static func placeholders(in text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            found.append("{" + after[..<close] + "}")
            rest = after[after.index(after: close)...]
        }
        return found.sorted()
    }

    /// The lines of `script` a translation gives, in order: each step's text as written (a
    /// `repeat`'s steps once, not once per copy), a breathe step's prompts in phase order.
    public static func lines(of script: Script) -> [TranslatableLine] {
        var lines: [TranslatableLine] = []
        collect(script.steps, into: &lines)
        return lines
    }

    static func collect(_ steps: [Step], into lines: inout [TranslatableLine]) {
        for step in steps {
            switch step.action {
            case .say(let say):
                lines.append(TranslatableLine(kind: .say, text: say.text, location: step.location, after: say.after))
            case .breathe(let breathe):
                for phase in BreathPhase.allCases {
                    if let prompt = breathe.prompts[phase] {
                        lines.append(TranslatableLine(kind: .prompt(phase), text: prompt.text, location: prompt.location))
                    }
                }
            case .repeat(let repeated):
                for case let item? in repeated.items {
                    lines.append(TranslatableLine(kind: .item, text: item, location: step.location))
                }
                collect(repeated.steps, into: &lines)
            case .pause, .chime:
                break
            }
        }
    }
}
