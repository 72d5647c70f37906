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
            discussion: "NAME: a chime (singing-bowl, bell, soft-chime, wood-block), an ambience (brown-noise, pink-noise, rain, ocean), breath:PATTERN (e.g. breath:4-7-8), or say:TEXT.",
            shouldDisplay: false)

        @Argument(help: "What to render.")
        var name: String

        @Option(help: "Seconds (ambience and silence after a chime).")
        var seconds: Double = 20

        @Option(help: "Chime strikes.")
        var strikes = 1

        @OptionGroup var flags: RenderFlags

        func run() throws {
            let body: String
            if ChimeKind(rawValue: name) != nil {
                body = "steps:\n  - {chime: \(name), strikes: \(strikes)}\n  - pause: \(seconds)s\n"
            } else if AmbienceSound(rawValue: name) != nil {
                body = "ambience: \(name)\nsteps:\n  - pause: \(seconds)s\n"
            } else if name.hasPrefix("breath:") {
                body = "steps:\n  - breathe: {pattern: \(JSON.string(String(name.dropFirst(7)))), cycles: 4}\n"
            } else if name.hasPrefix("say:") {
                body = "steps:\n  - say: \(JSON.string(String(name.dropFirst(4))))\n"
            } else {
                throw ValidationError("unknown sound '\(name)': \(ChimeKind.names.joined(separator: ", ")), \(AmbienceSound.names.joined(separator: ", ")), breath:PATTERN or say:TEXT")
            }
            let workspace = Workspace()
            let result = workspace.loader.load(bytes: Array("title: \(name)\n\(body)".utf8), file: "<sound>", defaultID: "sound")
            Console.diagnostics(result.diagnostics)
            try Workspace.checkSpeech(result)
            guard let timeline = result.timeline else { throw ExitStatus.invalidScript }
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
