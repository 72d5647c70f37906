import ArgumentParser
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
        subcommands: [List.self, Voices.self, Check.self, Preview.self, Render.self, Breathe.self, Sound.self])

    /// The speech server, if that is what soothe was started as (by itself, with a hidden
    /// argument); else signal handling first, then the command.
    static func main() {
        if SpeechServerProcess.isRequested(by: CommandLine.arguments) { SpeechServerProcess.run() }
        SpeechServerProcess.serveFromThisExecutable()
        SignalGuard.install()
        main(nil)
    }
}
