import ArgumentParser
import Foundation
import SootheCore
import SootheSpeech

extension Soothe {
    /// `soothe voices`: the voice profiles and where each comes from, a sample of one, or the
    /// espeak-ng voices installed.
    struct Voices: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the voice profiles and the folder each comes from (--sample: hear one; --espeak: the installed espeak-ng voices).",
            discussion: """
                Profiles are looked for in a voices/ folder beside the script, then in the folders of \
                $SOOTHE_VOICES (separated by ':'), or when it is unset ~/.config/soothe/voices \
                ($XDG_CONFIG_HOME/soothe/voices), then the built-ins; a profile in an earlier folder \
                shadows a later one of the same name.
                """)

        @Argument(help: "A session file or built-in id: also list the voices/ folder beside its script.")
        var session: String?

        @Flag(help: "List the espeak-ng voices installed on this machine instead.")
        var espeak = false

        @Option(help: ArgumentHelp(
            "Render a short guided passage in this profile (in its language) to audition it, with the render options (-o sample.wav).",
            valueName: "profile"))
        var sample: String?

        @OptionGroup var flags: RenderFlags

        func validate() throws {
            if espeak && sample != nil { throw ValidationError("give --espeak or --sample, not both") }
            if sample == nil && (flags.output != nil || flags.format != nil || flags.captions || flags.chapters || flags.html) {
                throw ValidationError("-o, --format, --captions, --chapters and --html go with --sample PROFILE")
            }
        }

        func run() throws {
            if espeak { return try listEspeak() }
            let workspace = try Workspace(voice: sample, option: "--sample", scripts: session.map { [$0] } ?? [])
            let script = try session.map { try workspace.source($0).path }
            if let sample { return try render(sample: sample, workspace: workspace, script: script) }
            let folders = workspace.voicePath.folders(besideScript: script)
            Console.diagnostics(folders.flatMap(\.library.diagnostics))
            Console.out(TextTable.format(Self.table(folders)))
            Console.out(Self.searchOrder(folders, script: script))
            if folders.contains(where: { !$0.library.diagnostics.isEmpty }) { throw ExitStatus.invalidScript }
        }

        /// One row per profile file in every folder, by name, then in the order the folders are
        /// searched: a later one of the same name is marked as shadowed by the one in use.
        static func table(_ folders: [VoiceSearchPath.Folder]) -> [[String]] {
            var rows = [["PROFILE", "SOURCE", "ESPEAK VOICE", "RATE", "PITCH", "RANGE", "GAP", "PAUSES", "ROOM", "DESCRIPTION"]]
            let names = Set(folders.flatMap(\.library.allNames)).sorted()
            for name in names {
                var inUse: VoiceSearchPath.Folder?
                for folder in folders {
                    let library = folder.library
                    guard library.profiles[name] != nil || library.invalid[name] != nil else { continue }
                    var note = inUse.map { "  [shadowed by \($0.source)]" } ?? ""
                    if inUse == nil { inUse = folder }
                    guard let v = library.profiles[name] else {
                        let count = library.invalid[name]?.count ?? 0
                        rows.append([name, folder.source, "-", "-", "-", "-", "-", "-", "-", "[invalid: \(count == 1 ? "1 error" : "\(count) errors"), see above]" + note])
                        continue
                    }
                    if let problem = EspeakVoices.validate(v.espeak) { note = "  [unavailable: \(problem)]" + note }
                    rows.append([
                        name, folder.source, v.espeak, "\(v.rate)", "\(v.pitch)", "\(v.range)", "\(v.wordGap)",
                        Self.pauses(v), Self.room(v), v.description + note,
                    ])
                }
            }
            return rows
        }

        /// A profile's clause and sentence pauses (`0.5/2s`), or `-` when it has none.
        static func pauses(_ voice: VoiceProfile) -> String {
            guard voice.clausePause > 0 || voice.sentencePause > 0 else { return "-" }
            func seconds(_ value: Double) -> String {
                value == value.rounded() ? "\(Int(value))" : String(format: "%g", value)
            }
            return "\(seconds(voice.clausePause))/\(seconds(voice.sentencePause))s"
        }

        /// A profile's room (`30 -10dB`), `dry` without the chain, or `-` without a room.
        static func room(_ voice: VoiceProfile) -> String {
            if voice.chain.isDry { return "dry" }
            return voice.chain.room > 0 ? "\(voice.chain.room) \(Int(voice.chain.roomLevel))dB" : "-"
        }

        /// Where profiles were looked for, first to last.
        static func searchOrder(_ folders: [VoiceSearchPath.Folder], script: String?) -> String {
            var lines = ["Profiles are looked for in this order (the first of a name is used):"]
            if let script, !folders.contains(where: { $0.kind == .besideScript }), let beside = VoiceSearchPath.folder(besideScript: script) {
                let exists = FileManager.default.fileExists(atPath: beside)
                lines.append("  \(beside) (beside the script; \(exists ? "the same folder as one below" : "not found"))")
            } else if script == nil {
                lines.append("  voices/ beside the script (give a session to list it)")
            }
            for folder in folders {
                let count = folder.library.allNames.count
                let profiles = count == 1 ? "1 profile" : "\(count) profiles"
                switch folder.kind {
                case .besideScript: lines.append("  \(folder.path ?? "") (beside the script; \(profiles))")
                case .user:
                    let exists = folder.path.map { FileManager.default.fileExists(atPath: $0) } ?? false
                    lines.append("  \(folder.path ?? "") (\(exists ? profiles : "not found"))")
                case .builtIn: lines.append("  built-in: \(folder.path ?? "compiled into soothe") (\(profiles))")
                }
            }
            return lines.joined(separator: "\n") + "\n"
        }

        /// Renders the sample passage in `name` through the normal render path.
        func render(sample name: String, workspace: Workspace, script: String?) throws {
            let library = workspace.voicePath.library(besideScript: script)
            guard let voice = library.profiles[name] else {
                // A profile file with errors: its errors, located in it.
                Console.diagnostics(library.invalid[name] ?? [])
                Console.fail("--sample: voice profile '\(ControlCharacters.escaped(name))' has errors")
                throw ExitStatus.invalidScript
            }
            if !VoiceSample.hasPassage(for: voice) {
                let languages = VoiceSample.passages.keys.sorted().joined(separator: ", ")
                Console.error("soothe: warning: no sample passage in '\(VoiceSample.language(ofEspeak: voice.espeak))' (there are \(languages)); speaking the English one")
            }
            try flags.checkOutput(batch: false)
            let timeline = try workspace.timeline(of: VoiceSample.script(name: name, voice: voice))
            try RenderRunner(flags: flags).runSingle(flags.job(for: timeline, folder: nil))
        }

        func listEspeak() throws {
            // soothe's own variants are listed with espeak-ng's.
            Speech.installVariants(from: SootheHome.locate().voicesDirectory)
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
            if let variants = try? EspeakVoices.variants() {
                Console.line("variants: \(variants.joined(separator: ", "))")
            }
        }
    }
}
