import ArgumentParser
import Foundation
import SootheSpeech
import SootheCore
import SootheRender

extension Soothe {
    /// `soothe sound`: one generated sound, raw (no normalisation), for listening and measuring.
    struct Sound: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render one sound at its mix level, without normalisation (for listening).",
            discussion: "NAME: a chime (\(ChimeKind.names.joined(separator: ", "))), an ambience (\(AmbienceSound.names.joined(separator: ", "))), breath:PATTERN (e.g. breath:4-7-8), or say:TEXT.",
            shouldDisplay: false)

        @Argument(help: "What to render.")
        var name: String

        @Option(help: "Seconds (ambience and silence after a chime).")
        var seconds: Double = 20

        @Option(help: "Chime strikes.")
        var strikes = 1

        @OptionGroup var flags: RenderFlags

        func validate() throws {
            guard seconds > 0, seconds <= TimelineBuilder.maximumLength else {
                throw ValidationError("--seconds must be more than 0 and at most \(Int(TimelineBuilder.maximumLength)), got \(seconds)")
            }
            guard (1...10).contains(strikes) else { throw ValidationError("--strikes must be between 1 and 10, got \(strikes)") }
        }

        /// The script that plays `name`.
        func script() throws -> Script {
            var ambience: AmbienceSpec?
            let steps: [Step.Action]
            if let chime = ChimeKind(rawValue: name) {
                steps = [.chime(Step.Chime(kind: chime, strikes: strikes)), .pause(Step.Pause(duration: seconds))]
            } else if let sound = AmbienceSound(rawValue: name) {
                ambience = AmbienceSpec(sound: sound, level: 0)
                steps = [.pause(Step.Pause(duration: seconds))]
            } else if name.hasPrefix("breath:") {
                let notation = String(name.dropFirst(7))
                guard let pattern = BreathPattern.parse(notation) else {
                    throw ValidationError("malformed pattern '\(notation)': expected IN-HOLD-OUT-REST in seconds (e.g. 4-7-8-0) or a preset (\(BreathPattern.presetNames.joined(separator: ", ")))")
                }
                if let problem = pattern.problem { throw ValidationError("pattern '\(notation)' \(problem)") }
                steps = [.breathe(Step.Breathe(pattern: pattern, length: .cycles(4)))]
            } else if name.hasPrefix("say:"), !name.dropFirst(4).allSatisfy(\.isWhitespace) {
                steps = [.say(Step.Say(text: String(name.dropFirst(4))))]
            } else {
                throw ValidationError("unknown sound '\(name)': \(ChimeKind.names.joined(separator: ", ")), \(AmbienceSound.names.joined(separator: ", ")), breath:PATTERN or say:TEXT")
            }
            return Script(
                file: "<sound>", id: "sound", title: name, ambience: ambience,
                steps: steps.map { Step($0, at: .start) })
        }

        func run() throws {
            let workspace = try Workspace()
            let timeline = try workspace.timeline(of: try script())
            let path = flags.output ?? "out/sound.wav"
            let format = flags.format(for: path)
            var options = flags.options(format: format)
            options.normalize = false
            let runner = SessionRenderer(options: options, speech: Speech.synthesizer)
            do {
                let report = try runner.render(timeline, to: path)
                Console.line("\(path): \(DurationParser.clock(report.duration)), \(String(format: "%.1f LUFS, %.1f dBTP", report.loudness, report.truePeak)) (raw mix level)")
            } catch {
                Console.fail(error.message)
                throw ExitStatus.cannotCreate
            }
        }
    }
}
