import ArgumentParser
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

        func run() throws {
            let workspace = try Workspace(voice: voice, scripts: sessions)
            var status: ExitCode = .success
            for argument in sessions {
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
            }
            if status != .success { throw status }
        }
    }
}
