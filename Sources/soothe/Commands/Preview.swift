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

        /// `dir/take.ogg` → `dir/take.vtt`, keeping the path relative (the page names it so).
        static func replacingExtension(of path: String, with ext: String) -> String {
            guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/"), dot != path.startIndex else {
                return path + "." + ext
            }
            return path[..<dot] + "." + ext
        }

        func validate() throws {
            if audio != nil && format != .html { throw ValidationError("--audio only works with --format html") }
            if let lang, LanguageVoices.normalized(lang) == nil { throw ValidationError("--lang: '\(lang)' is not a language tag (e.g. es, de, fr, pt-BR, it)") }
        }

        func run() throws {
            let workspace = try Workspace(voice: voice, scripts: [session])
            let timeline = try lang.flatMap(LanguageVoices.normalized).map { try workspace.timeline(session, language: $0) } ?? workspace.timeline(session)
            let text: String
            switch format {
            case .table: text = PreviewTable.render(timeline)
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
