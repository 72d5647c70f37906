/// The names of the generated sounds a script may use, and the facts about them that timing
/// needs. `SootheDSP` synthesises them; these numbers are the contract between the two.
public enum SoundCatalog {
    /// Chime kinds and how long one strike rings before it has faded to silence, in seconds.
    public static let chimeRing: [String: Double] = [
        "singing-bowl": 15.0,
        "bell": 8.0,
        "soft-chime": 5.0,
        "wood-block": 0.6,
    ]
    /// Seconds between strikes when a chime is struck more than once.
    public static let strikeInterval = 2.5
    /// Ambience beds.
    public static let ambiences = ["brown-noise", "pink-noise", "rain", "ocean"]

    /// Sorted chime names.
    public static var chimes: [String] { chimeRing.keys.sorted() }

    /// How long a chime of `kind` struck `strikes` times sounds, in seconds.
    public static func chimeLength(_ kind: String, strikes: Int) -> Double {
        (chimeRing[kind] ?? 0) + Double(max(strikes - 1, 0)) * strikeInterval
    }
}
