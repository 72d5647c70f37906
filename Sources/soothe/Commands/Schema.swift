import ArgumentParser
import SootheCore

extension Soothe {
    /// `soothe schema`: the JSON Schema of session scripts, for editors.
    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the JSON Schema of session scripts (for editors with a YAML language server).",
            discussion: "The same schema is \(SessionSchema.path) in the repository and under the installed share folder. Point an editor at it with a first line '\(SessionSchema.modeline("PATH-OR-URL"))'.")

        @Flag(help: "The schema of translation files (translations/LANG/ID.yaml) instead.")
        var translation = false

        func run() throws {
            Console.out(translation ? TranslationSchema.text : SessionSchema.text)
        }
    }
}
