/// The script behind `soothe breathe`: a guided breathing track without writing YAML.
public struct BreathingTrack: Sendable, Hashable {
    /// A preset name or `IN-HOLD-OUT-REST`.
    public var pattern: String
    /// Cycles, or nil to fill `minutes`.
    public var cycles: Int?
    /// Minutes of breathing (used when `cycles` is nil).
    public var minutes: Double
    /// Spoken guidance (intro, prompts on the first cycles, closing).
    public var voiceGuidance: Bool
    /// Cycles that get spoken prompts.
    public var guidedCycles: Int
    /// The breath tone.
    public var tone: Bool
    /// Count the seconds during guided cycles.
    public var count: Bool
    /// The opening and closing chime (nil: none).
    public var chime: String?
    /// An ambience bed (nil: none).
    public var ambience: String?
    /// Voice profile name.
    public var voice: String

    public init(
        pattern: String = "belly", cycles: Int? = nil, minutes: Double = 5, voiceGuidance: Bool = true,
        guidedCycles: Int = 3, tone: Bool = true, count: Bool = false, chime: String? = "singing-bowl",
        ambience: String? = nil, voice: String = "gentle"
    ) {
        self.pattern = pattern
        self.cycles = cycles
        self.minutes = minutes
        self.voiceGuidance = voiceGuidance
        self.guidedCycles = guidedCycles
        self.tone = tone
        self.count = count
        self.chime = chime
        self.ambience = ambience
        self.voice = voice
    }

    /// Prompts per phase: short enough for the shortest phases of the presets.
    static let prompts: [BreathPhase: String] = [
        .inhale: "Breathe in", .topUp: "In", .hold: "Hold", .exhale: "Breathe out", .rest: "Rest",
    ]

    /// The session id, e.g. `breathe-box-5m`.
    public var id: String {
        let name = BreathPattern.presets[pattern] != nil ? pattern : pattern.replacingAll(".", with: "_")
        let length = cycles.map { "\($0)x" } ?? "\(Self.trim(minutes))m"
        return ScriptParser.defaultID(forFileName: "breathe-\(name)-\(length)")
    }

    /// The script as YAML, so it goes through the same parser and checks as any file.
    public var yaml: String {
        let title = (BreathPattern.presets[pattern] != nil ? Self.titles[pattern] ?? pattern : "Breathing \(pattern)")
        var lines = [
            "title: \(JSON.string(title))",
            "id: \(id)",
            "summary: \(JSON.string("Paced breathing, pattern \(pattern)."))",
            "technique: calming/deep-breathing",
            "voice: \(JSON.string(voice))",
        ]
        if let ambience { lines.append("ambience: \(JSON.string(ambience))") }
        lines.append("steps:")
        if let chime {
            lines.append("  - chime: \(JSON.string(chime))")
            lines.append("  - pause: 6s")
        }
        if voiceGuidance {
            lines.append("  - say: \"Let's breathe together. You can stop at any time, open your eyes and breathe normally.\"")
            lines.append("  - pause: 2s")
            lines.append("  - say: \"If you feel lightheaded, breathe less deeply.\"")
            lines.append("  - pause: 3s")
        }
        lines.append("  - breathe:")
        lines.append("      pattern: \(JSON.string(pattern))")
        if let cycles {
            lines.append("      cycles: \(cycles)")
        } else {
            lines.append("      duration: \(Self.trim(minutes * 60))s")
        }
        if voiceGuidance {
            let phases = BreathPattern.parse(pattern).map { p in p.phases.filter { $0.1 > 0 }.map(\.0) } ?? [.inhale, .exhale]
            let items = phases.map { "\($0.rawValue): \(JSON.string(Self.prompts[$0]!))" }
            lines.append("      prompts: {\(items.joined(separator: ", "))}")
            lines.append("      prompt-cycles: \(guidedCycles)")
            if count { lines.append("      count: true") }
        }
        lines.append("      tone: \(tone)")
        if voiceGuidance {
            lines.append("  - pause: 2s")
            lines.append("  - say: \"Let your breath return to its own rhythm. Notice how you feel now.\"")
            lines.append("  - pause: 4s")
        }
        if let chime {
            lines.append("  - chime: \(JSON.string(chime))")
            lines.append("  - pause: 18s")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let titles = [
        "box": "Box Breathing", "4-7-8": "4-7-8 Breathing", "coherent": "Coherent Breathing",
        "sigh": "Cyclic Sigh", "belly": "Belly Breathing", "extended-exhale": "Extended Exhale",
    ]

    static func trim(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
