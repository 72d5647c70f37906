/// The ambience beds a session may lay under everything. Raw values are the names scripts use.
public enum AmbienceSound: String, CaseIterable, Sendable, Hashable, Codable {
    case brownNoise = "brown-noise", pinkNoise = "pink-noise", rain, ocean

    /// How the sound is named to a person.
    public var displayName: String {
        switch self {
        case .brownNoise: "Brown noise"
        case .pinkNoise: "Pink noise"
        case .rain: "Rain"
        case .ocean: "Ocean"
        }
    }

    /// One line for listings (`soothe sounds`, the README's palette).
    public var summary: String {
        switch self {
        case .brownNoise: "a deep, soft rumble (brown noise)"
        case .pinkNoise: "an even, gentle hiss (pink noise)"
        case .rain: "rain: a soft hiss that wanders, with scattered droplets"
        case .ocean: "slow ocean swells of 7 to 13 s that rise and draw back"
        }
    }

    /// The script names, in declaration order (for messages and suggestions).
    public static var names: [String] { allCases.map(\.rawValue) }
}
