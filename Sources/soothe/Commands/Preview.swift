import ArgumentParser
import SootheCore
import SootheFormats

extension Soothe {
    /// `soothe preview`: the cue timeline without rendering audio.
    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a session's cue timeline without rendering audio.")

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, json, vtt, srt, html
        }

        @Argument(help: "A session file or built-in id.")
        var session: String

        @Option(name: .shortAndLong, help: "table (default), json (the cue sheet), vtt (WebVTT captions), srt or html (a page with the timeline).")
        var format: Format = .table

        @Option(help: ArgumentHelp(
            "With --format html: a rendered audio file for the page's player, relative to the page (captions: the same name with .vtt).",
            valueName: "file"))
        var audio: String?

        @Option(help: ArgumentHelp("Speak the sessions in this voice profile instead of their own (see 'soothe voices').", valueName: "profile"))
        var voice: String?

        @Option(help: ArgumentHelp("Show the session in this language, through its translation (e.g. de, pt-BR).", valueName: "tag"))
        var lang: String?

        @Option(name: .shortAndLong, help: "Write to this file instead of standard output (- is standard output).")
        var output: String?

        @Flag(help: "With the table: every row on one line, however wide (default: the terminal's width, text wrapped).")
        var wide = false

        @Flag(help: "Show it again whenever the script, its translation or a voice profile changes (Ctrl-C to stop).")
        var watch = false

        /// `dir/take.ogg` → `dir/take.vtt`, keeping the path relative (the page names it so).
        static func replacingExtension(of path: String, with ext: String) -> String {
            guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/"), dot != path.startIndex else {
                return path + "." + ext
            }
            return path[..<dot] + "." + ext
        }

        func validate() throws {
            if audio != nil && format != .html { throw ValidationError("--audio only works with --format html") }
            if wide && format != .table { throw ValidationError("--wide only works with the table (--format table)") }
            if let lang, LanguageVoices.normalized(lang) == nil { throw ValidationError("--lang: '\(lang)' is not a language tag (e.g. es, de, fr, pt-BR, it)") }
        }

        func run() throws {
            if watch { return try watchAndRun() }
            let workspace = try Workspace(voice: voice, scripts: [session])
            let timeline = try lang.flatMap(LanguageVoices.normalized).map { try workspace.timeline(session, language: $0) } ?? workspace.timeline(session)
            let text: String
            switch format {
            case .table:
                let toTerminal = output == nil || output == "-"
                text = PreviewTable.render(timeline, width: wide ? nil : toTerminal ? TerminalWidth.standardOutput : PreviewTable.defaultWidth)
            case .json: text = CueSheet.json(timeline)
            case .vtt: text = CueSheet.webVTT(timeline)
            case .srt: text = CueSheet.srt(timeline)
            case .html:
                let media = audio.map { HTMLMedia(audio: $0, captions: Self.replacingExtension(of: $0, with: "vtt")) }
                text = HTMLPreview.page(timeline, media: media)
            }
            if let output, output != "-" {
                try Workspace.writeText(text, to: output)
            } else {
                Console.out(text)
            }
        }
    }
}

extension Soothe.Preview {
    /// `--watch`: this command again after each change to what the session is made of.
    func watchAndRun() throws {
        var once = self
        once.watch = false
        let loop = try WatchLoop(session: session, language: lang.flatMap(LanguageVoices.normalized), workspace: Workspace(voice: voice, scripts: [session]))
        try loop.run { try once.run() }
    }
}
