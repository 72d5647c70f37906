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
                Console.line("NAME                          LANGUAGES       GENDER   IDENTIFIER")
                for voice in installed {
                    func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(1, w - s.count)) }
                    Console.line(pad(voice.name, 30) + pad(voice.languages.joined(separator: ","), 16)
                        + pad(voice.gender?.rawValue ?? "-", 9) + voice.identifier)
                }
                Console.line("\(installed.count) voices; add a variant with +NAME, e.g. en-us+f3")
                return
            }
            let workspace = Workspace()
            Console.diagnostics(workspace.voices.diagnostics)
            Console.line("PROFILE    ESPEAK VOICE        RATE  PITCH  RANGE  GAP  DESCRIPTION")
            for name in workspace.voices.names {
                let v = workspace.voices.profiles[name]!
                func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(1, w - s.count)) }
                let status = EspeakVoices.validate(v.espeak).map { "  [unavailable: \($0)]" } ?? ""
                Console.line(pad(name, 11) + pad(v.espeak, 20) + pad("\(v.rate)", 6) + pad("\(v.pitch)", 7)
                    + pad("\(v.range)", 7) + pad("\(v.wordGap)", 5) + v.description + status)
            }
            if !workspace.voices.diagnostics.isEmpty { throw ExitStatus.invalidScript }
        }
    }
}
