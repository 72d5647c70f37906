/// The ambience beds a session may lay under everything. Raw values are the names scripts use.
public enum AmbienceSound: String, CaseIterable, Sendable, Hashable, Codable {
    case brownNoise = "brown-noise", pinkNoise = "pink-noise", rain, ocean, stream, wind, fire

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
        }
    }

    /// One line saying what the bed sounds like (listings).
    public var summary: String {
        switch self {
        case .brownNoise: "deep, soft rumble: noise falling 6 dB an octave"
        case .pinkNoise: "even, gentle hiss: noise falling 3 dB an octave"
        case .rain: "steady rain: a wandering hiss with scattered drops"
        case .ocean: "surf: swells that rise and fall every 7 to 13 seconds"
        case .stream: "a babbling brook: bright running water full of small bubbles"
        case .wind: "wind in trees: gusts every few seconds, leaves rustling as they blow"
        case .fire: "a fireplace: low rumble of flames with random crackles and pops"
        }
    }

    /// The script names, in declaration order (for messages and suggestions).
    public static var names: [String] { allCases.map(\.rawValue) }
}
