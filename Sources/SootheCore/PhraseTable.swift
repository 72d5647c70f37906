/// Every word soothe itself speaks, in one language: the seconds `count: true` counts and the
/// guidance of `soothe breathe`. A session's own text is its writer's; these are the words soothe
/// adds, spoken in the session voice's language.
///
/// Each language is one value that gives every phrase (a missing one does not compile); the
/// languages are in ``all``. A voice whose language has no table speaks English, with a warning.
public struct PhraseTable: Sendable, Hashable {
    /// The primary language subtag the table is chosen by (`en`, `es`, ...).
    public let language: String
    /// The language's English name, for messages and docs.
    public let name: String
    /// The number words from one to ``highestCount``: `numbers[0]` is one.
    public let numbers: [String]
    /// The guidance of `soothe breathe`.
    public let breathe: BreatheGuidance

    /// The highest second `count: true` counts: a phase longer than this is counted to it and
    /// then left quiet.
    public static let highestCount = 20

    /// Every table, English first.
    public static let all: [PhraseTable] = [.english, .spanish, .german, .french, .portuguese, .italian]

    /// The table for `language` (by its primary subtag), or nil when soothe has none.
    public static func table(for language: SpeechLanguage) -> PhraseTable? {
        all.first { $0.language == language.primary }
    }

    /// The word for `number` (1 ... ``highestCount``), or nil outside that range.
    public func number(_ number: Int) -> String? {
        numbers.indices.contains(number - 1) ? numbers[number - 1] : nil
    }
}

/// What `soothe breathe` says: a welcome and a safety line before the breathing, a prompt at the
/// start of each phase of the first cycles, and a closing line; and the track's title.
public struct BreatheGuidance: Sendable, Hashable {
    /// "Let's breathe together. You can stop at any time, ..."
    public let welcome: String
    /// "If you feel lightheaded, breathe less deeply."
    public let safety: String
    /// "Let your breath return to its own rhythm. Notice how you feel now."
    public let closing: String
    /// One prompt per phase: short enough for the shortest phases of the presets.
    public let prompts: BreathPrompts
    /// The track's title and summary (metadata and the preview page, not spoken).
    public let titles: BreathingTitles
}

/// The word or two said at the start of each breath phase.
public struct BreathPrompts: Sendable, Hashable {
    public let inhale: String
    /// The cyclic sigh's second, short inhale (1 s): one short word.
    public let topUp: String
    public let hold: String
    public let exhale: String
    public let rest: String

    /// The prompt for `phase`.
    public subscript(phase: BreathPhase) -> String {
        switch phase {
        case .inhale: inhale
        case .topUp: topUp
        case .hold: hold
        case .exhale: exhale
        case .rest: rest
        }
    }
}

/// The titles of `soothe breathe` tracks, one per preset, and the forms for any other pattern.
public struct BreathingTitles: Sendable, Hashable {
    public let box: String
    public let fourSevenEight: String
    public let coherent: String
    public let sigh: String
    public let belly: String
    public let extendedExhale: String
    /// The title of a pattern given as seconds: `{pattern}` becomes e.g. `4-2-6-0`.
    public let custom: String
    /// The track's summary: `{pattern}` becomes the pattern as given.
    public let summary: String

    /// The title of the preset `name`, or nil when it names no preset.
    public func preset(_ name: String) -> String? {
        switch name {
        case "box": box
        case "4-7-8": fourSevenEight
        case "coherent": coherent
        case "sigh": sigh
        case "belly": belly
        case "extended-exhale": extendedExhale
        default: nil
        }
    }
}
