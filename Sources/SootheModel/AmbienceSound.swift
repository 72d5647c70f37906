/// The ambience beds a session may lay under everything. Raw values are the names scripts use.
public enum AmbienceSound: String, CaseIterable, Sendable, Hashable, Codable {
    case brownNoise = "brown-noise", pinkNoise = "pink-noise", rain, ocean, stream, wind, fire
    case music, binaural, isochronic

    /// How the sound is named to a person.
    public var displayName: String {
        switch self {
        case .brownNoise: "Brown noise"
        case .pinkNoise: "Pink noise"
        case .rain: "Rain"
        case .ocean: "Ocean"
        case .stream: "Stream"
        case .wind: "Wind in trees"
        case .fire: "Fireplace"
        case .music: "Music"
        case .binaural: "Binaural tones"
        case .isochronic: "Isochronic tone"
        }
    }

    /// One line for listings (`soothe sounds`, the README's palette).
    public var summary: String {
        switch self {
        case .brownNoise: "a deep, soft rumble (brown noise)"
        case .pinkNoise: "an even, gentle hiss (pink noise)"
        case .rain: "rain: a soft hiss that wanders, with scattered droplets"
        case .ocean: "slow ocean swells of 7 to 13 s that rise and draw back"
        case .stream: "a babbling brook: bright running water full of small bubbles"
        case .wind: "wind in trees: gusts every few seconds, leaves rustling as they blow"
        case .fire: "a fireplace: low rumble of flames with random crackles and pops"
        case .music: "slow, soft chords and sparse bell notes in a chosen key, never the same twice"
        case .binaural: "a steady tone in each ear a few hertz apart (stereo only)"
        case .isochronic: "one tone pulsing gently on and off"
        }
    }

    /// Whether the bed is made of pitched tones (music, tone beds) rather than noise: its
    /// channels may be alike, and its settings come from `MusicSettings` or `ToneBedSettings`.
    public var isTonal: Bool {
        switch self {
        case .music, .binaural, .isochronic: true
        default: false
        }
    }

    /// Whether the bed needs a separate signal in each ear (a binaural beat cannot be heard in mono).
    public var needsStereo: Bool { self == .binaural }

    /// The script names, in declaration order (for messages and suggestions).
    public static var names: [String] { allCases.map(\.rawValue) }
}
