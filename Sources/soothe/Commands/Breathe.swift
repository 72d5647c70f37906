import ArgumentParser
import SootheCore

extension Soothe {
    /// `soothe breathe`: a guided breathing track in one command.
    struct Breathe: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render a guided breathing track without writing a script.",
            discussion: "Patterns: box, 4-7-8, coherent, sigh, belly, extended-exhale, or IN-HOLD-OUT-REST seconds such as 4-2-6-0.")

        @Option(help: "A preset or IN-HOLD-OUT-REST seconds.")
        var pattern = "belly"

        @Option(help: "Number of breaths.")
        var cycles: Int?

        @Option(help: "Minutes the whole track lasts, opening and closing included, to within a second (default 5).")
        var minutes: Double?

        @Option(help: "Voice profile for the guidance, which is spoken in its language.")
        var voice = "gentle"

        @Flag(inversion: .prefixedNo, help: "Spoken guidance: a short intro, prompts on the first cycles, a closing line.")
        var guidance = true

        @Option(help: "Cycles with spoken prompts.")
        var guidedCycles = 3

        @Option(help: "Breath tone style: \(ToneStyle.allCases.map(\.rawValue).joined(separator: ", ")) ('soothe sounds' describes them).")
        var tone = ToneStyle.standard.rawValue

        @Option(help: "The breath tone's lowest pitch in Hz, \(Int(BreathToneSpec.pitchRange.lowerBound))–\(Int(BreathToneSpec.pitchRange.upperBound)) (default: the style's).")
        var tonePitch: Double?

        @Flag(name: .customLong("no-tone"), help: "No breath tone (same as --tone none).")
        var noTone = false

        @Flag(help: "Count the seconds softly during the guided cycles.")
        var count = false

        @Option(help: "Opening and closing chime: singing-bowl, bell, soft-chime, wood-block, or none.")
        var chime = "singing-bowl"

        @Option(help: ArgumentHelp("Ambience bed: \(AmbienceSound.names.joined(separator: ", ")) (default none; the music and tone beds with their default settings)."))
        var ambience: String?

        @OptionGroup var flags: RenderFlags

        func validate() throws {
            guard let parsed = BreathPattern.parse(pattern) else {
                throw ValidationError("--pattern must be one of \(BreathPattern.presetNames.joined(separator: ", ")) or IN-HOLD-OUT-REST seconds such as 4-2-6-0, got '\(pattern)'")
            }
            if let problem = parsed.problem { throw ValidationError("--pattern \(pattern) \(problem)") }
            if cycles != nil && minutes != nil { throw ValidationError("give --cycles or --minutes, not both") }
            if let cycles, !(1...10_000).contains(cycles) { throw ValidationError("--cycles must be between 1 and 10000, got \(cycles)") }
            if let minutes, !(minutes > 0 && minutes <= 600) { throw ValidationError("--minutes must be more than 0 and at most 600, got \(minutes)") }
            if chime != "none", ChimeKind(rawValue: chime) == nil {
                throw ValidationError("--chime must be one of \(ChimeKind.names.joined(separator: ", ")) or none, got '\(chime)'")
            }
            if let ambience, AmbienceSound(rawValue: ambience) == nil {
                throw ValidationError("--ambience must be one of \(AmbienceSound.names.joined(separator: ", ")), got '\(ambience)'")
            }
            guard guidedCycles >= 0 else { throw ValidationError("--guided-cycles must be 0 or more") }
            _ = try Self.toneSpec(style: tone, pitch: tonePitch)
        }

        /// The tone `--tone STYLE` and `--tone-pitch HZ` ask for (`option` names the first in errors).
        static func toneSpec(style: String, pitch: Double?, option: String = "--tone") throws -> BreathToneSpec {
            guard let parsed = ToneStyle(rawValue: style) else {
                let near = Suggestions.didYouMean(style, in: ToneStyle.names)
                throw ValidationError("\(option) must be one of \(ToneStyle.names.joined(separator: ", ")), got '\(style)'\(near)")
            }
            if let pitch, !BreathToneSpec.pitchRange.contains(pitch) {
                let range = BreathToneSpec.pitchRange
                throw ValidationError("--tone-pitch must be between \(Int(range.lowerBound)) and \(Int(range.upperBound)) Hz, got \(pitch)")
            }
            return BreathToneSpec(style: parsed, pitch: pitch)
        }

        func run() throws {
            try flags.checkOutput(batch: false)
            let workspace = try Workspace(voice: voice)
            guard let track = BreathingTrack(
                pattern: pattern, cycles: cycles, minutes: minutes ?? 5, voiceGuidance: guidance,
                guidedCycles: guidedCycles, tone: noTone ? .silent : try Self.toneSpec(style: tone, pitch: tonePitch), count: count, chime: ChimeKind(rawValue: chime),
                ambience: ambience.flatMap(AmbienceSound.init(rawValue:)), voice: voice)
            else { throw ExitStatus.usage }
            let profile = workspace.voices.profiles[voice] ?? .fallback
            let loader = workspace.loader(for: nil)
            let script = track.fittedScript(voice: profile) { loader.build($0).timeline }
            let timeline = try workspace.timeline(of: script)
            let job = try flags.job(for: timeline, folder: nil)
            // Before the render's wait: how long the track will be (on stderr when the audio is on stdout).
            let breathing = timeline.steps.first { $0.kind == .breathe }
            let announcement = "\(timeline.id): \(DurationParser.clock(timeline.duration))\(breathing.map { " (\($0.label))" } ?? "")"
            if job.path == "-" { Console.error(announcement) } else { Console.line(announcement) }
            try RenderRunner(flags: flags).runSingle(job)
        }
    }
}
