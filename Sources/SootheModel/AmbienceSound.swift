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

    /// The script names, in declaration order (for messages and suggestions).
    public static var names: [String] { allCases.map(\.rawValue) }
}
