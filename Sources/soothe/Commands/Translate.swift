import ArgumentParser
import SootheCore

extension Soothe {
    /// `soothe translate`: a template to translate a session from, with each line's checksum.
    struct Translate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a translation template for a session: each spoken line with the checksum ('from:') of the original.",
            discussion: "Save it as translations/LANG/ID.yaml beside the script, translate each text, and check it with 'soothe check ID --lang LANG'.")

        @Argument(help: "A session file or built-in id.")
        var session: String

        @Option(help: ArgumentHelp("The language tag of the translation (e.g. de, pt-BR).", valueName: "tag"))
        var lang: String

        func validate() throws {
            if LanguageVoices.normalized(lang) == nil { throw ValidationError("--lang: '\(lang)' is not a language tag (e.g. es, de, fr, pt-BR, it)") }
        }

        func run() throws {
            let workspace = try Workspace()
            let source = try workspace.source(session)
            let bytes: [UInt8]
            do { bytes = try source.read() } catch {
                Console.fail(error.description)
                throw error.status
            }
            let names = workspace.voices(for: source).allNames
            let (script, diagnostics) = ScriptParser(voiceNames: names.isEmpty ? [VoiceProfile.fallback.name] : names)
                .parse(bytes: bytes, file: source.path, defaultID: source.defaultID)
            Console.diagnostics(diagnostics)
            guard let script else { throw ExitStatus.invalidScript }
            Console.out(TranslationApplier.template(
                for: script, language: LanguageVoices.normalized(lang)!, schema: SootheHome.locate().installed(TranslationSchema.path)))
        }
    }
}
