/// How a script's steps become chapters: the top-level `chapters:` key.
///
/// A chapter starts at every step that says `chapter: TITLE`; besides those, each `breathe`
/// section and each run of other steps between them (its speech, pauses and chimes) starts one
/// as its kind's rule says:
///
/// - `auto` (the default): a `breathe` section is titled in words in the session's language
///   ("Box Breathing", "Breathe in four, hold seven, breathe out eight"), a run by its first
///   spoken words; a run with no words joins the chapter before it (the first, the one after).
/// - `off`: no chapter starts there; the section or run belongs to the chapter before it.
/// - a title: every such section or run starts a chapter with that title.
public struct ChapterPolicy: Sendable, Hashable {
    /// What starts a chapter at a section or run of one kind.
    public enum Rule: Sendable, Hashable {
        case auto
        case off
        case title(String)
    }

    /// The rule for `breathe` sections.
    public var breathe: Rule
    /// The rule for runs of `say`, `pause` and `chime` steps between them.
    public var speech: Rule

    public init(breathe: Rule = .auto, speech: Rule = .auto) {
        self.breathe = breathe
        self.speech = speech
    }

    /// Every kind automatic (the default).
    public static let auto = ChapterPolicy()
    /// No chapters but those `chapter:` names.
    public static let off = ChapterPolicy(breathe: .off, speech: .off)

    /// The policy with fixed titles made automatic: a translation speaks other words, and the
    /// automatic titles come from them.
    public var translated: ChapterPolicy {
        func untitled(_ rule: Rule) -> Rule { if case .title = rule { .auto } else { rule } }
        return ChapterPolicy(breathe: untitled(breathe), speech: untitled(speech))
    }

    /// The section kinds `chapters:` takes, as the script writes them.
    public static let kindKeys = ["breathe", "speech"]
}

/// A step's own chapter mark: `chapter: TITLE` starts a chapter at that step.
public enum ChapterMark: Sendable, Hashable {
    /// The title the script gives.
    case named(String)
    /// `chapter: true`: a chapter starts here, titled as `auto` titles its kind (and every mark
    /// of a translated script: the title comes from the translated words).
    case auto
}

