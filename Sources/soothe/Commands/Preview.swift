import ArgumentParser
import SootheCore

extension Soothe {
    /// `soothe preview`: the cue timeline without rendering audio.
    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a session's cue timeline without rendering audio.")

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, json, vtt, srt
        }

        @Argument(help: "A session file or built-in id.")
        var session: String

        @Option(name: .shortAndLong, help: "table (default), json (the cue sheet), vtt (WebVTT captions) or srt.")
        var format: Format = .table

        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
        var output: String?

        func run() throws {
            let timeline = try Workspace().timeline(session)
            let text: String
            switch format {
            case .table: text = PreviewTable.render(timeline)
            case .json: text = CueSheet.json(timeline)
            case .vtt: text = CueSheet.webVTT(timeline)
            case .srt: text = CueSheet.srt(timeline)
            }
            if let output {
                try Workspace.writeText(text, to: output)
            } else {
                Console.out(text)
            }
        }
    }
}
