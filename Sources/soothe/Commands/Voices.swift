import ArgumentParser
import SootheCore
import SootheSpeech

extension Soothe {
    /// `soothe voices`: the voice profiles, and the espeak-ng voices installed.
    struct Voices: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the voice profiles in voices/ (and with --espeak the installed espeak-ng voices).")

        @Flag(help: "List the espeak-ng voices installed on this machine instead.")
        var espeak = false

        func run() throws {
            if espeak {
                let installed: [InstalledEspeakVoice]
                do {
                    installed = try EspeakVoices.installed()
                } catch {
                    Console.fail("cannot list espeak-ng voices: \(error)")
                    throw ExitStatus.failure
                }
                var table = [["NAME", "LANGUAGES", "GENDER", "IDENTIFIER"]]
                for voice in installed {
                    table.append([voice.name, voice.languages.joined(separator: ","), voice.gender?.rawValue ?? "-", voice.identifier])
                }
                Console.out(TextTable.format(table))
                Console.line("\(installed.count) voices; add a variant with +NAME, e.g. en-us+f3")
                return
            }
            let workspace = try Workspace()
            Console.diagnostics(workspace.voices.diagnostics)
            var table = [["PROFILE", "ESPEAK VOICE", "RATE", "PITCH", "RANGE", "GAP", "DESCRIPTION"]]
            for name in workspace.voices.names {
                let v = workspace.voices.profiles[name]!
                let status = EspeakVoices.validate(v.espeak).map { "  [unavailable: \($0)]" } ?? ""
                table.append([name, v.espeak, "\(v.rate)", "\(v.pitch)", "\(v.range)", "\(v.wordGap)", v.description + status])
            }
            Console.out(TextTable.format(table))
            if !workspace.voices.diagnostics.isEmpty { throw ExitStatus.invalidScript }
        }
    }
}
