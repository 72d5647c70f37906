import ArgumentParser
import Foundation
import SootheCore
import SootheRender
import SootheSpeech

extension Soothe {
    /// `soothe sounds`: the sound palette, and one generated sound rendered raw (no
    /// normalisation) for listening and measuring.
    struct Sounds: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every chime, ambience bed and breath tone style, or render one for listening.",
            discussion: """
                Without NAME: the palette, a line for each sound. With NAME: that sound at its mix level, \
                without normalisation, to -o FILE (default out/sound.wav). NAME is a chime, an ambience bed, \
                music:STYLE, tone:STYLE (\(SoundPalette.toneSample) breathing in that style), breath:PATTERN (in the --tone style) \
                or say:TEXT.
                """,
            aliases: ["sound"])

        @Argument(help: "What to render (leave out to list the palette).")
        var name: String?

        @Option(help: "Seconds (ambience and silence after a chime).")
        var seconds: Double = 20

        @Option(help: "Chime strikes.")
        var strikes = 1

        @Option(help: "Breath tone style for breath:PATTERN: \(ToneStyle.names.joined(separator: ", ")).")
        var tone = ToneStyle.standard.rawValue

        @Option(help: "The breath tone's lowest pitch in Hz (default: the style's).")
        var tonePitch: Double?

        @OptionGroup var flags: RenderFlags

        func validate() throws {
            guard seconds > 0, seconds <= TimelineBuilder.maximumLength else {
                throw ValidationError("--seconds must be more than 0 and at most \(Int(TimelineBuilder.maximumLength)), got \(seconds)")
            }
            guard (1...10).contains(strikes) else { throw ValidationError("--strikes must be between 1 and 10, got \(strikes)") }
            _ = try Breathe.toneSpec(style: tone, pitch: tonePitch)
        }

        /// The script that plays `name`.
        func script(_ name: String) throws -> Script {
            var ambience: AmbienceSpec?
            let steps: [Step.Action]
            let spec = try Breathe.toneSpec(style: tone, pitch: tonePitch)
            if let chime = ChimeKind(rawValue: name) {
                steps = [.chime(Step.Chime(kind: chime, strikes: strikes)), .pause(Step.Pause(duration: seconds))]
            } else if let sound = AmbienceSound(rawValue: name) {
                ambience = AmbienceSpec(sound: sound, level: 0)
                steps = [.pause(Step.Pause(duration: seconds))]
            } else if name.hasPrefix("music:") {
                let style = String(name.dropFirst(6))
                guard let musicStyle = MusicSettings.Style(rawValue: style) else {
                    let names = MusicSettings.Style.allCases.map(\.rawValue)
                    throw ValidationError("unknown music style '\(style)' (\(names.joined(separator: ", ")))\(Suggestions.didYouMean(style, in: names))")
                }
                ambience = AmbienceSpec(sound: .music, level: 0, music: MusicSettings(style: musicStyle))
                steps = [.pause(Step.Pause(duration: seconds))]
            } else if name.hasPrefix("tone:") {
                let style = String(name.dropFirst(5))
                let toneSpec = try Breathe.toneSpec(style: style, pitch: tonePitch, option: "tone:STYLE")
                steps = [.breathe(Step.Breathe(pattern: BreathPattern.parse(SoundPalette.toneSample)!, length: .cycles(4), tone: toneSpec))]
            } else if name.hasPrefix("breath:") {
                let notation = String(name.dropFirst(7))
                guard let pattern = BreathPattern.parse(notation) else {
                    throw ValidationError("malformed pattern '\(notation)': expected IN-HOLD-OUT-REST in seconds (e.g. 4-7-8-0) or a preset (\(BreathPattern.presetNames.joined(separator: ", ")))")
                }
                if let problem = pattern.problem { throw ValidationError("pattern '\(notation)' \(problem)") }
                steps = [.breathe(Step.Breathe(pattern: pattern, length: .cycles(4), tone: spec))]
            } else if name.hasPrefix("say:"), !name.dropFirst(4).allSatisfy(\.isWhitespace) {
                steps = [.say(Step.Say(text: String(name.dropFirst(4))))]
            } else {
                let names = SoundPalette.kinds.flatMap(\.entries).map(\.name)
                let near = Suggestions.didYouMean(name, in: names)
                throw ValidationError("unknown sound '\(name)'\(near) ('soothe sounds' lists them: \(names.joined(separator: ", ")))")
            }
            return Script(
                file: "<sound>", id: "sound", title: name, ambience: ambience,
                steps: steps.map { Step($0, at: .start) })
        }

        func run() throws {
            guard let name else {
                Console.out(SoundPalette.listing)
                return
            }
            let workspace = try Workspace()
            let timeline = try workspace.timeline(of: try script(name))
            let path = flags.output ?? "out/sound.wav"
            let format = flags.format(for: path)
            var options = flags.options(format: format)
            options.normalize = false
            let runner = SessionRenderer(options: options, speech: Speech.synthesizer)
            do {
                let report = try runner.render(timeline, to: path)
                if !flags.quiet { Console.line("\(path): \(DurationParser.clock(report.duration)), \(report.loudnessText), \(String(format: "%.1f dBTP", report.truePeak)) (raw mix level)") }
            } catch {
                Console.fail(error.message)
                throw ExitStatus.cannotCreate
            }
        }
    }
}
