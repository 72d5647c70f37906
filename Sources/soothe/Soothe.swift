import ArgumentParser
import Foundation
import SootheCore
import SootheRender
import SootheSpeech

/// The `soothe` command: renders guided self-soothing sessions as audio files.
@main
struct Soothe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soothe",
        abstract: "Render guided self-soothing sessions (YAML scripts) as audio files.",
        discussion: """
            A SESSION is the path of a .yaml script or the id of a built-in session (see 'soothe list').
            Exit status: 0 success, 64 bad usage, 65 invalid script, 66 session or file not found,
            71 speech could not be had (no process to start: the system's failure, not the script's),
            73 output cannot be created, 1 other failure.
            """,
        version: SootheInfo.version,
        subcommands: [List.self, Voices.self, Check.self, Preview.self, Render.self, Breathe.self, Sounds.self, Translate.self, New.self, Schema.self])

    /// The speech server, if that is what soothe was started as (by itself, with a hidden
    /// argument); else signal handling first, then the command, after turning a mistyped
    /// command (`soothe lst`) into a suggestion.
    static func main() {
        if SpeechServerProcess.isRequested(by: CommandLine.arguments) { SpeechServerProcess.run() }
        SpeechServerProcess.serveFromThisExecutable()
        SignalGuard.install()
        let arguments = Array(CommandLine.arguments.dropFirst())
        let names = configuration.subcommands.map { $0._commandName }
        let commands = names + configuration.subcommands.flatMap { $0.configuration.aliases } + ["help"]
        if let first = arguments.first, !first.hasPrefix("-"), !commands.contains(first) {
            let near = Suggestions.nearest(to: first, in: names, limit: 1)
            let hint = near.first.map { " (did you mean '\($0)'?)" } ?? ""
            Console.fail("unknown command '\(ControlCharacters.escaped(first))'\(hint); 'soothe --help' lists the commands")
            Foundation.exit(ExitStatus.usage.rawValue)
        }
        main(arguments)
    }
}
