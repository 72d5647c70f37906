/// The struck instruments a script may ring. Raw values are the names scripts use.
///
/// The facts timing needs live here once; how each instrument is synthesised is SootheDSP's
/// extension. Adding a case is compile-guided: every `switch` over the kinds must handle it.
public enum ChimeKind: String, CaseIterable, Sendable, Hashable, Codable {
    case singingBowl = "singing-bowl", bell, softChime = "soft-chime", woodBlock = "wood-block"

    /// Seconds between successive strikes when a chime is struck more than once.
    public static let strikeInterval = 2.5

    /// Seconds one strike rings before it has faded to exact silence.
    public var ringSeconds: Double {
        switch self {
        case .singingBowl: 15.0
        case .bell: 8.0
        case .softChime: 5.0
        case .woodBlock: 0.6
        }
    }

    /// How the kind is named to a person (listings, the preview page).
    public var displayName: String {
        switch self {
        case .singingBowl: "Singing bowl"
        case .bell: "Bell"
        case .softChime: "Soft chime"
        case .woodBlock: "Wood block"
        }
    }

    /// One line for listings (`soothe sounds`, the README's palette).
    public var summary: String {
        switch self {
        case .singingBowl: "a singing bowl struck with a felt mallet, ringing for about 15 s"
        case .bell: "a bell with a hum, tierce and fifth, ringing for about 8 s"
        case .softChime: "a light tubular chime that fades within 5 s"
        case .woodBlock: "a short, dry wooden knock"
        }
    }

    /// How long the chime sounds when struck `strikes` times, in seconds.
    public func length(strikes: Int) -> Double {
        ringSeconds + Double(max(strikes - 1, 0)) * Self.strikeInterval
    }

    /// The script names, sorted (for messages and suggestions).
    public static var names: [String] { allCases.map(\.rawValue).sorted() }
}
