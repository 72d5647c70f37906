import ArgumentParser
import Foundation
import SootheCore

extension Soothe {
    /// `soothe check`: validate scripts and report every problem with its location.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate session scripts; diagnostics as FILE:LINE:COLUMN: error: MESSAGE.")

        @Argument(help: "Session files or built-in ids.")
        var sessions: [String]

        @Flag(name: .shortAndLong, help: "Print nothing for valid sessions.")
        var quiet = false

        @Option(help: ArgumentHelp("Speak the sessions in this voice profile instead of their own (see 'soothe voices').", valueName: "profile"))
        var voice: String?

        @Option(help: ArgumentHelp("Also check the sessions' translations into these languages (comma-separated tags, e.g. de,fr; 'all' for every translation there is).", valueName: "languages"))
        var lang: String?

        func run() throws {
            let workspace = try Workspace(voice: voice, scripts: sessions)
            var status: ExitCode = .success
            let languages = try lang.map { try LanguageList.parse($0) }
            for argument in sessions {
                if let (script, language) = SessionTranslations.original(ofTranslation: argument), FileManager.default.fileExists(atPath: argument) {
                    checkTranslation(SessionSource(path: script, defaultID: ScriptParser.defaultID(forFileName: script)), language, workspace, &status)
                    continue
                }
                let source: SessionSource
                do {
                    source = try SessionSource.resolve(argument, sessionsDirectory: workspace.home.sessionsDirectory)
                } catch {
                    Console.fail(error.description)
                    if status != ExitStatus.systemError { status = error.status }
                    continue
                }
                let result: SessionLoader.Result
                do {
                    result = try workspace.loader(for: source).load(source)
                } catch {
                    Console.fail(error.description)
                    if status != ExitStatus.systemError { status = error.status }
                    continue
                }
                Console.diagnostics(result.diagnostics)
                if let unavailable = result.speechUnavailable {
                    Console.fail(unavailable.description)
                    status = ExitStatus.systemError
                } else if let timeline = result.timeline {
                    let warnings = result.diagnostics.count
                    if !quiet {
                        Console.line("\(source.path): ok, \(DurationParser.clock(timeline.duration)), \(timeline.cues.count) cues\(warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "")")
                    }
                } else {
                    let errors = result.diagnostics.filter { $0.severity == .error }.count
                    Console.line("\(source.path): \(errors) error\(errors == 1 ? "" : "s")")
                    if status == .success { status = ExitStatus.invalidScript }
                }
                guard let languages, !source.isStandardInput else { continue }
                for language in languages.all ? SessionTranslations.languages(forScript: source.path) : languages.tags {
                    checkTranslation(source, language, workspace, &status)
                }
            }
            if status != .success { throw status }
        }

        /// Checks `source` spoken in `language` (through its translation), printing as for a script.
        func checkTranslation(_ source: SessionSource, _ language: String, _ workspace: Workspace, _ status: inout ExitCode) {
            let loaded: SessionTranslations.Loaded
            do {
                loaded = try SessionTranslations.load(source, language: language, voice: voice, workspace: workspace, timing: Speech.synthesizer)
            } catch {
                Console.fail(error.description)
                if status != ExitStatus.systemError { status = error.status }
                return
            }
            switch loaded {
            case .missing(let expected):
                if !quiet { Console.line("\(source.path): no \(language) translation (\(expected))") }
            case .version(let id, let file):
                if !quiet { Console.line("\(file): \(language) is the session '\(id)'") }
            case .loaded(_, nil):
                // The session speaks the language as written: it was checked above.
                return
            case .loaded(let result, let translation):
                Console.diagnostics(result.diagnostics)
                let name = translation ?? source.path
                if let unavailable = result.speechUnavailable {
                    Console.fail(unavailable.description)
                    status = ExitStatus.systemError
                } else if let timeline = result.timeline {
                    let warnings = result.diagnostics.count
                    if !quiet, translation != nil {
                        Console.line("\(name): ok, \(DurationParser.clock(timeline.duration)), \(timeline.cues.count) cues\(warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "")")
                    }
                } else {
                    let errors = result.diagnostics.filter { $0.severity == .error }.count
                    Console.line("\(name): \(errors) error\(errors == 1 ? "" : "s")")
                    if status == .success { status = ExitStatus.invalidScript }
                }
            }
        }
    }
}
