/// How the breath tone of a `breathe` step sounds. Raw values are the names scripts use.
///
/// How each style is synthesised is SootheDSP's (`BreathTone.Voice`); adding a case is
/// compile-guided: every `switch` over the styles must handle it.
public enum ToneStyle: String, CaseIterable, Sendable, Hashable, Codable {
    case soft, bright, chime, none

    /// The style a `breathe` step gets unless it says otherwise (`tone: true`).
    public static let standard = ToneStyle.soft

    /// One line for listings (`soothe sounds`, the README's palette).
    public var summary: String {
        switch self {
        case .soft: "a warm pad that rises a fourth through the inhale and falls back through the exhale; holds sustain softly"
        case .bright: "a clearer, brighter tone that rises a fifth; for small speakers and noisy rooms"
        case .chime: "a soft struck note at each phase change (higher for in, lower for out) over a faint drone"
        case .none: "no breath tone"
        }
    }

    /// The lowest note (empty lungs; the out-breath's note for `chime`), in hertz; nil for `none`.
    public var defaultPitch: Double? {
        switch self {
        case .soft: 220  // A3
        case .bright: 329.63  // E4
        case .chime: 293.66  // D4
        case .none: nil
        }
    }

    /// The script names, in declaration order (for messages and suggestions).
    public static var names: [String] { allCases.map(\.rawValue) }
}

/// A `breathe` step's breath tone: its style, its lowest pitch and its level.
public struct BreathToneSpec: Sendable, Hashable, Codable {
    /// How it sounds.
    public var style: ToneStyle
    /// The lowest note in hertz (nil: the style's own).
    public var pitch: Double?
    /// Decibels relative to the style's level.
    public var level: Double

    /// The pitches a script may ask for, in hertz.
    public static let pitchRange: ClosedRange<Double> = 80...1_000
    /// The levels a script may ask for, in dB.
    public static let levelRange: ClosedRange<Double> = -40...6

    /// The default tone (`tone: true`).
    public static let standard = BreathToneSpec(style: .standard)
    /// No tone (`tone: false`).
    public static let silent = BreathToneSpec(style: .none)

    /// Creates a spec.
    public init(style: ToneStyle, pitch: Double? = nil, level: Double = 0) {
        self.style = style
        self.pitch = pitch
        self.level = level
    }

    /// Whether anything sounds.
    public var sounds: Bool { style != .none }

    /// The lowest note in hertz, the asked one or the style's (0 for `none`).
    public var resolvedPitch: Double { pitch ?? style.defaultPitch ?? 0 }
}
