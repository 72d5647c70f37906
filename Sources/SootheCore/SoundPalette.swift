/// Every sound soothe makes, by kind, with a line each: what `soothe sounds` lists and the
/// README's palette shows. Each kind comes from its enum's `allCases` and `summary`, so a new
/// case appears here by itself.
public enum SoundPalette {
    /// One sound: the name `soothe sounds NAME` renders, and a line about it.
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var summary: String
    }

    /// A kind of sound and where a script asks for it.
    public struct Kind: Sendable, Hashable {
        public var title: String
        public var entries: [Entry]
    }

    /// The pattern `tone:STYLE` is rendered with: box breathing, so holds on full and empty lungs
    /// are heard too.
    public static let toneSample = "4-4-4-4"

    /// The palette, kind by kind.
    public static var kinds: [Kind] {
        [
            Kind(
                title: "Chimes (a 'chime' step)",
                entries: ChimeKind.allCases.map { Entry(name: $0.rawValue, summary: $0.summary) }),
            Kind(
                title: "Ambience beds ('ambience:' at the top of a script)",
                entries: AmbienceSound.allCases.map { Entry(name: $0.rawValue, summary: $0.summary) }),
            Kind(
                title: "Music styles ('ambience: {sound: music, style: STYLE}')",
                entries: MusicSettings.Style.allCases.map { Entry(name: "music:\($0.rawValue)", summary: $0.summary) }),
            Kind(
                title: "Breath tone styles ('tone:' in a 'breathe' step; 'soothe breathe --tone')",
                entries: ToneStyle.allCases.map { Entry(name: "tone:\($0.rawValue)", summary: $0.summary) }),
            Kind(
                title: "Anything else",
                entries: [
                    Entry(name: "breath:PATTERN", summary: "four breaths of a pattern (e.g. breath:4-7-8) in the tone --tone names"),
                    Entry(name: "say:TEXT", summary: "TEXT spoken by the default voice"),
                ]),
        ]
    }

    /// The palette as text: a heading per kind, then its sounds, names in one column.
    public static var listing: String {
        let width = kinds.flatMap(\.entries).map(\.name.count).max() ?? 0
        return kinds.map { kind in
            kind.title + ":\n" + kind.entries.map { entry in
                "  " + entry.name + String(repeating: " ", count: width - entry.name.count + 2) + entry.summary + "\n"
            }.joined()
        }.joined(separator: "\n")
    }
}
