/// The starting script `soothe new` writes: a complete, commented session in the shape the
/// built-ins share (a bell, a welcome, the practice, a return, a bell), aimed at a length.
public enum SessionTemplate {
    /// The practices a template can be built around.
    public enum Practice: String, CaseIterable, Sendable {
        case deepBreathing = "deep-breathing", boxBreathing = "box-breathing", coherentBreathing = "coherent-breathing"
        case mindfulness

        /// The `technique` label written into the script.
        var technique: String {
            switch self {
            case .deepBreathing, .boxBreathing, .coherentBreathing: "calming/deep-breathing"
            case .mindfulness: "distress-tolerance/mindfulness"
            }
        }

        /// The breathing pattern, for the breathing practices.
        var pattern: String? {
            switch self {
            case .deepBreathing: "belly"
            case .boxBreathing: "box"
            case .coherentBreathing: "coherent"
            case .mindfulness: nil
            }
        }
    }

    /// Seconds the opening and closing take around the practice (bells, welcome, return).
    static let frameSeconds = 75.0
    /// The shortest practice section a template writes, in seconds.
    static let shortestPractice = 60.0

    /// The script for `id`, around `practice`, lasting about `length` seconds; `schema`, the
    /// session schema's path or URL, goes into a first line for editors (``SessionSchema/modeline(_:)``).
    public static func text(id: String, practice: Practice, length: Double, schema: String? = nil) -> String {
        let title = id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
        let practiceSeconds = max(length - frameSeconds, shortestPractice)
        let practiceLength = DurationParser.clock(practiceSeconds)
        var lines = schema.map { [SessionSchema.modeline($0)] } ?? []
        lines += [
            "# \(title): a starting script written by `soothe new`. Every key is in docs/session-format.md;",
            "#   `soothe check \(id).yaml` checks it, `soothe preview \(id).yaml` shows its timing.",
            "# Timing: about \(DurationParser.clock(length)) (--length): the practice \(practiceLength), the opening",
            "#   and closing about \(Int(frameSeconds)) s. Say here where the technique and its timing come from",
            "#   (docs/techniques.md lists published timings), and what is your own design choice.",
            "# Writing for the ear: short sentences, a comma where a breath belongs, numbers as words,",
            "#   [3s] for a longer silence; invite rather than promise (\"if you like\", \"you might\").",
            "title: \(title)",
            "summary: One line on what the session does.",
            "when: The moment it is for, in the listener's words.",
            "tags: [practice]",
            "technique: \(practice.technique)",
            "voice: gentle",
            "steps:",
            "  - {chime: singing-bowl, wait: 6s}",
            "  - say: Welcome. [1s] If at any point you want to stop, that is fine. Open your eyes and breathe normally.",
            "    after: 2s",
            "  - say: Find a comfortable position. [2s] Let your eyes close, or rest your gaze softly on the floor.",
            "    after: 4s",
        ]
        if let pattern = practice.pattern {
            lines += [
                "  - say: Breathe in through your nose, [1s] and out, slowly. [2s] Follow the tone, if you like.",
                "    after: 2s",
                "  - breathe:",
                "      pattern: \(pattern)",
                "      duration: \(Int(practiceSeconds.rounded()))s   # rounded to whole breaths",
                "      prompts: {inhale: Breathe in, exhale: And out}",
                "      prompt-cycles: 3",
            ]
        } else {
            lines += [
                "  - say: Rest your attention on your breath. [2s] When your mind wanders, notice where it went, and come back.",
                "    after: 2s",
                "  - pause: \(Int(practiceSeconds.rounded()))s",
                "    chime-every: 2m   # a soft bell now and then, to come back",
            ]
        }
        lines += [
            "  - say: Let your breath find its own rhythm again. [2s] When you are ready, open your eyes.",
            "    after: 3s",
            "  - chime: singing-bowl",
            "",
        ]
        return lines.joined(separator: "\n")
    }
}
