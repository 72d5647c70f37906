import ArgumentParser
import SootheCore
import SootheFormats

extension Soothe {
    /// `soothe list`: the built-in sessions with their lengths, the SOS sessions first.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the built-in sessions: the SOS ones first, each with its length, tags and the moment it is for.")

        @Flag(help: "Print JSON for machines.")
        var json = false

        @Flag(help: "Speak whatever speech the cache does not hold yet, so every length is exact (without it, such lengths are estimates, shown as ~5:14).")
        var exact = false

        @Option(name: .customLong("tag"), help: ArgumentHelp(
            "Only the sessions with this tag (repeat for several: all must match).",
            discussion: "Tags: \(SessionTag.names.joined(separator: ", ")).", valueName: "TAG"))
        var tagNames: [String] = []

        @Option(help: ArgumentHelp("List the sessions in this language (e.g. de, pt-BR): their translated titles and lengths; sessions with no translation into it are named at the end.", valueName: "tag"))
        var lang: String?

        func validate() throws {
            for name in tagNames where SessionTag(rawValue: name) == nil {
                throw ValidationError("unknown tag '\(name)'\(Suggestions.didYouMean(name, in: SessionTag.names)) (tags: \(SessionTag.names.joined(separator: ", ")))")
            }
            if let lang, LanguageVoices.normalized(lang) == nil {
                throw ValidationError("--lang: '\(lang)' is not a language tag (e.g. es, de, fr, pt-BR, it)")
            }
        }

        func run() throws {
            let workspace = try Workspace()
            let ids = SessionSource.builtInIDs(in: workspace.home.sessionsDirectory)
            guard !ids.isEmpty else {
                Console.fail("no built-in sessions found; looked in: \(workspace.home.searched.joined(separator: ", ")) (set SOOTHE_HOME to the folder holding assets/sessions/)")
                throw ExitStatus.notFound
            }
            let wanted = tagNames.compactMap(SessionTag.init(rawValue:))
            var rows: [ListRow] = []
            var invalid = false
            var untranslated: [String] = []
            let language = lang.flatMap(LanguageVoices.normalized)
            for id in ids {
                let source = try workspace.source(id)
                let timing = ListTiming(Speech.synthesizer)
                let result: SessionLoader.Result
                if let language {
                    let loaded: SessionTranslations.Loaded
                    do {
                        loaded = try SessionTranslations.load(source, language: language, voice: nil, workspace: workspace, timing: exact ? Speech.synthesizer : timing)
                    } catch {
                        Console.fail(error.description)
                        throw error.status
                    }
                    switch loaded {
                    case .missing:
                        untranslated.append(id)
                        continue
                    case .version: continue
                    case .loaded(let loadedResult, _): result = loadedResult
                    }
                } else {
                    let loader = exact ? workspace.loader(for: source) : workspace.loader(for: source, timing: timing)
                    result = try loader.load(source)
                }
                try Workspace.checkSpeech(result)
                if result.timeline == nil {
                    invalid = true
                    Console.diagnostics(result.diagnostics)
                }
                rows.append(ListRow(id: id, script: result.script, timeline: result.timeline, path: source.path,
                                    estimated: !exact && timing.usedEstimates))
            }
            // A filter shows only the sessions it names; an invalid one is still listed (its
            // tags are not known) so that its errors are not silently hidden.
            let shown = wanted.isEmpty ? rows : rows.filter { $0.timeline == nil || Set(wanted).isSubset(of: $0.tags) }
            if json {
                Console.out("[\n" + shown.map(\.json).joined(separator: ",\n") + (shown.isEmpty ? "]\n" : "\n]\n"))
            } else if shown.isEmpty {
                Console.error("soothe: no session is tagged \(wanted.map(\.rawValue).joined(separator: " and "))")
            } else {
                Console.out(ListRow.sections(shown, filter: wanted))
            }
            if let language, !untranslated.isEmpty {
                Console.error("soothe: no \(language) translation of: \(untranslated.joined(separator: ", "))")
            }
            if shown.contains(where: \.estimated) {
                Console.error("soothe: ~ marks a length estimated from its words: that speech is not in the cache yet (a render speaks it; list --exact speaks it now)")
            }
            if invalid { throw ExitStatus.invalidScript }
        }
    }
}

/// One built-in session as `soothe list` shows it.
struct ListRow {
    var id: String
    var script: Script?
    var timeline: Timeline?
    var path: String
    var estimated: Bool

    var tags: Set<SessionTag> { Set(script?.tags ?? []) }

    /// The session's length in seconds (infinity for an invalid one, listed last).
    var length: Double { timeline?.duration ?? .infinity }

    /// The sections of the plain listing, in order: a session is listed under the first whose tag
    /// it has, the rest under "More sessions". The SOS sessions come first, for a person in
    /// distress, the shortest first.
    static let sectionTags: [(tag: SessionTag, heading: String)] = [
        (.sos, "For a hard moment, now (tag sos: a few minutes)"),
        (.night, "At night (tag night: lying down, no closing bell, fades out)"),
        (.relationships, "For relationships (tag relationships: a partner, a message, an argument)"),
    ]

    /// The listing: headed sections (or one section for a tag filter), each a table of id, title,
    /// length and tags with the moment the session is for on the line below.
    static func sections(_ rows: [ListRow], filter: [SessionTag]) -> String {
        var groups: [(heading: String, rows: [ListRow])] = []
        // The SOS sessions shortest first; the rest by id.
        let sos = rows.filter { $0.tags.contains(.sos) }.sorted { ($0.length, $0.id) < ($1.length, $1.id) }
        if filter.isEmpty {
            var rest = rows
            for (tag, heading) in sectionTags {
                let these = tag == .sos ? sos : rest.filter { $0.tags.contains(tag) }
                rest.removeAll { $0.tags.contains(tag) }
                if !these.isEmpty { groups.append((heading, these)) }
            }
            if !rest.isEmpty { groups.append(("More sessions", rest)) }
        } else {
            let heading = "Tagged " + filter.map { "\($0.rawValue) (\($0.meaning))" }.joined(separator: " and ")
            groups.append((heading, sos + rows.filter { !$0.tags.contains(.sos) }))
        }
        return groups.map { group in group.heading + ":\n" + table(group.rows) }.joined(separator: "\n")
    }

    /// A table whose rows each have the `when` line below them, starting under the title.
    static func table(_ rows: [ListRow]) -> String {
        var cells = [["ID", "TITLE", "LENGTH", "TAGS"]]
        for row in rows {
            let t = row.timeline
            cells.append([
                row.id, t?.title ?? "(invalid: see errors)",
                t.map { (row.estimated ? "~" : "") + DurationParser.clock($0.duration) } ?? "-",
                row.script.map { $0.tags.isEmpty ? "-" : $0.tags.map(\.rawValue).joined(separator: ", ") } ?? "-",
            ])
        }
        let lines = TextTable.format(cells.map { ["  " + $0[0]] + $0.dropFirst() }).split(separator: "\n").map(String.init)
        let indent = String(repeating: " ", count: cells.map { $0[0].count }.max()! + 4)
        var out = [lines[0]]
        for (row, line) in zip(rows, lines.dropFirst()) {
            out.append(line)
            if let when = row.script?.when { out.append(indent + when) }
        }
        return out.joined(separator: "\n") + "\n"
    }

    var json: String {
        guard let t = timeline, let script else {
            return "  {\"id\": \(JSON.string(id)), \"valid\": false, \"file\": \(JSON.string(path))}"
        }
        let tagList = "[" + script.tags.map { JSON.string($0.rawValue) }.joined(separator: ", ") + "]"
        return "  {\"id\": \(JSON.string(t.id)), \"title\": \(JSON.string(t.title)), \"technique\": \(t.technique.map(JSON.string) ?? "null"), \"summary\": \(t.summary.map(JSON.string) ?? "null"), \"tags\": \(tagList), \"when\": \(script.when.map(JSON.string) ?? "null"), \"duration\": \(JSON.number(Timeline.milliseconds(t.duration))), \"length\": \(JSON.string(DurationParser.clock(t.duration))), \"estimated\": \(estimated), \"file\": \(JSON.string(path))}"
    }
}
