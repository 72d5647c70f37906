/// How the generated `music` bed plays: its key, mode, texture and how often its chord changes.
public struct MusicSettings: Sendable, Hashable, Codable {
    /// The major or natural-minor scale the music stays in.
    public enum Mode: String, CaseIterable, Sendable, Hashable, Codable {
        case major, minor
    }

    /// What sounds: a soft pad with sparse bells over it, the pad alone, or bells over a faint pad.
    public enum Style: String, CaseIterable, Sendable, Hashable, Codable {
        case padAndBells = "pad-and-bells", pad, bells

        /// One line for listings (`soothe sounds`, the README's palette).
        public var summary: String {
            switch self {
            case .padAndBells: "a soft pad of slow chords with sparse bell notes over it (the default)"
            case .pad: "the pad alone: slow chords that crossfade, no notes on top"
            case .bells: "bell notes from the key's scale over a faint pad"
            }
        }
    }

    /// Names of the twelve keys, sharps and flats both accepted (`C`, `C#`, `Db`, ... `B`).
    public static let keyNames: [String: Int] = [
        "C": 0, "B#": 0, "C#": 1, "Db": 1, "D": 2, "D#": 3, "Eb": 3, "E": 4, "Fb": 4, "E#": 5, "F": 5,
        "F#": 6, "Gb": 6, "G": 7, "G#": 8, "Ab": 8, "A": 9, "A#": 10, "Bb": 10, "B": 11, "Cb": 11,
    ]
    /// The keys in the order messages list them.
    public static let keyList = ["C", "C#", "Db", "D", "Eb", "E", "F", "F#", "Gb", "G", "Ab", "A", "Bb", "B"]
    /// The range of `chordSeconds`.
    public static let chordSecondsRange = 4.0...60.0

    /// The key's tonic as a pitch class, 0 = C … 11 = B.
    public var tonic: Int
    public var mode: Mode
    public var style: Style
    /// Seconds each chord lasts (the pad crossfades into the next over a few of them).
    public var chordSeconds: Double

    public init(tonic: Int = 2, mode: Mode = .major, style: Style = .padAndBells, chordSeconds: Double = 12) {
        self.tonic = ((tonic % 12) + 12) % 12
        self.mode = mode
        self.style = style
        self.chordSeconds = chordSeconds
    }

    /// The seven pitch classes of the key (0 = C), tonic first.
    public var scale: [Int] {
        let steps = mode == .major ? [0, 2, 4, 5, 7, 9, 11] : [0, 2, 3, 5, 7, 8, 10]
        return steps.map { (tonic + $0) % 12 }
    }
}
