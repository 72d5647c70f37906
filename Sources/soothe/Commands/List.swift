import ArgumentParser
import SootheCore
import SootheFormats

extension Soothe {
    /// `soothe list`: the built-in sessions with their lengths.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the built-in sessions: id, title, technique, length.")

        @Flag(help: "Print JSON for machines.")
        var json = false

        @Flag(help: "Speak whatever speech the cache does not hold yet, so every length is exact (without it, such lengths are estimates, shown as ~5:14).")
        var exact = false

        func run() throws {
            let workspace = try Workspace()
            let ids = SessionSource.builtInIDs(in: workspace.home.sessionsDirectory)
            guard !ids.isEmpty else {
                Console.fail("no built-in sessions found; looked in: \(workspace.home.searched.joined(separator: ", ")) (set SOOTHE_HOME to the folder holding assets/sessions/)")
                throw ExitStatus.notFound
            }
            var rows: [(id: String, timeline: Timeline?, path: String, estimated: Bool)] = []
            var invalid = false
            for id in ids {
                let source = try workspace.source(id)
                let timing = ListTiming(Speech.synthesizer)
                let loader = exact ? workspace.loader(for: source) : workspace.loader(for: source, timing: timing)
                let result = try loader.load(source)
                try Workspace.checkSpeech(result)
                if result.timeline == nil {
                    invalid = true
                    Console.diagnostics(result.diagnostics)
                }
                rows.append((id, result.timeline, source.path, !exact && timing.usedEstimates))
            }
            if json {
                let items = rows.map { row -> String in
                    guard let t = row.timeline else {
                        return "  {\"id\": \(JSON.string(row.id)), \"valid\": false, \"file\": \(JSON.string(row.path))}"
                    }
                    return "  {\"id\": \(JSON.string(t.id)), \"title\": \(JSON.string(t.title)), \"technique\": \(t.technique.map(JSON.string) ?? "null"), \"summary\": \(t.summary.map(JSON.string) ?? "null"), \"duration\": \(JSON.number(Timeline.milliseconds(t.duration))), \"length\": \(JSON.string(DurationParser.clock(t.duration))), \"estimated\": \(row.estimated), \"file\": \(JSON.string(row.path))}"
                }
                Console.out("[\n" + items.joined(separator: ",\n") + "\n]\n")
            } else {
                var table = [["ID", "TITLE", "TECHNIQUE", "LENGTH"]]
                for row in rows {
                    let t = row.timeline
                    table.append([
                        row.id, t?.title ?? "(invalid: see errors)", t?.technique ?? "-",
                        t.map { (row.estimated ? "~" : "") + DurationParser.clock($0.duration) } ?? "-",
                    ])
                }
                Console.out(TextTable.format(table))
            }
            if rows.contains(where: \.estimated) {
                Console.error("soothe: ~ marks a length estimated from its words: that speech is not in the cache yet (a render speaks it; list --exact speaks it now)")
            }
            if invalid { throw ExitStatus.invalidScript }
        }
    }
}
