/// A word that files a session in the catalogue (`tags: [sos, breathing]`), so that
/// `soothe list --tag sos` finds the sessions for a moment of high distress.
public enum SessionTag: String, Sendable, Hashable, CaseIterable {
    /// A few minutes (five at most), for a moment of high distress: listed first.
    case sos
    /// Best learnt while calm, then used when needed.
    case practice
    /// For bed: lying down, no closing bell, fades out.
    case night
    /// Speaks to a moment in a relationship: a partner, a message, an argument.
    case relationships
    /// Paced breathing.
    case breathing
    /// Attention on the body, tensing, stretching or touch.
    case body
    /// Watching thoughts and feelings come and go.
    case mindfulness
    /// Kindness towards oneself.
    case kindness
    /// Imagery and the senses.
    case imagery
    /// Moving: a walk, stretches.
    case movement
    /// Spoken in Spanish.
    case spanish

    /// Every tag's name, in the catalogue's order.
    public static var names: [String] { allCases.map(\.rawValue) }

    /// What a session with this tag is for, in a few words (headings in `soothe list`).
    public var meaning: String {
        switch self {
        case .sos: "for a moment of high distress, a few minutes long"
        case .practice: "best learnt while calm, then used when needed"
        case .night: "for bed: lying down, no closing bell, fades out"
        case .relationships: "a partner, a message, an argument"
        case .breathing: "paced breathing"
        case .body: "attention on the body, tensing, stretching or touch"
        case .mindfulness: "watching thoughts and feelings come and go"
        case .kindness: "kindness towards yourself"
        case .imagery: "imagery and the senses"
        case .movement: "moving: a walk, stretches"
        case .spanish: "spoken in Spanish"
        }
    }
}
