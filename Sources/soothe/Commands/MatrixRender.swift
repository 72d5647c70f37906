import ArgumentParser
import Foundation
import SootheCore
import SootheFormats
import SootheRender

/// `soothe render --lang …`: every session asked for × language × voice, each into
/// `OUT/LANG/VOICE/ID.EXT`; a session with no translation into a language is skipped with a
/// note in the summary (not a failure).
struct MatrixRender {
    var render: Soothe.Render
    var languages: LanguageList
    /// With `--site`: the site the cells are listed in.
    var site: SiteWriter? = nil

    /// One session in one language by one voice (nil: the language's default).
    struct Cell: Sendable {
        var session: String
        var language: String
        var voice: String?
    }

    /// What became of a cell.
    enum Outcome {
        case rendered(RenderReport, language: String, voice: String)
        case skipped(session: String, language: String, voice: String, note: String)
        case failed(session: String, language: String, voice: String, status: Int32)
    }

    func run() throws {
        let workspace = try Workspace()
        let voices = render.voice.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
        for name in voices where !workspace.voices.allNames.contains(name) {
            Console.fail("--voice: unknown voice profile '\(ControlCharacters.escaped(name))'\(Suggestions.didYouMean(name, in: workspace.voices.allNames)) (profiles: \(workspace.voices.allNames.joined(separator: ", ")))")
            throw ExitStatus.usage
        }
        var names = render.sessions
        if render.all || names.isEmpty {
            names = SessionSource.builtInIDs(in: workspace.home.sessionsDirectory)
            guard !names.isEmpty else {
                Console.fail("no built-in sessions found; looked in: \(workspace.home.searched.joined(separator: ", "))")
                throw ExitStatus.notFound
            }
        }
        var cells: [Cell] = []
        for session in names {
            for language in languages.tags {
                for voice in voices.isEmpty ? [nil] : voices.map(Optional.some) { cells.append(Cell(session: session, language: language, voice: voice)) }
            }
        }
        if let shard = render.shard { cells = cells.enumerated().filter { shard.includes($0.offset) }.map(\.element) }
        try render.flags.checkOutput(batch: true)
        let folder = render.flags.output ?? "out"
        try RenderRunner.makeFolder(folder)
        let format = render.flags.format(for: nil)
        try render.flags.checkCombinationOrExit(format)

        // Survey without speaking: what each cell is, and its length for a longest-first order.
        var skipped: [Int: Outcome] = [:]
        var lengths: [Int: Double] = [:]
        for (index, cell) in cells.enumerated() {
            let voiceName = cell.voice ?? LanguageVoices.defaults[cell.language] ?? "-"
            guard let source = try? SessionSource.resolve(cell.session, sessionsDirectory: workspace.home.sessionsDirectory),
                let loaded = try? SessionTranslations.load(source, language: cell.language, voice: cell.voice, workspace: workspace, timing: EstimatedSpeechTiming())
            else {
                lengths[index] = 0
                continue
            }
            switch loaded {
            case .missing:
                skipped[index] = .skipped(session: cell.session, language: cell.language, voice: voiceName, note: "no \(cell.language) translation")
            case .version(let id, _):
                skipped[index] = .skipped(session: cell.session, language: cell.language, voice: voiceName, note: "in \(cell.language) it is '\(id)'")
            case .loaded(let result, _):
                lengths[index] = result.timeline?.duration ?? 0
            }
        }
        let toRender = cells.indices.filter { skipped[$0] == nil }.sorted { (lengths[$0] ?? 0, $1) > (lengths[$1] ?? 0, $0) }
        let runner = RenderRunner(flags: render.flags)
        let planned = toRender.map { cells[$0] }
        let flags = render.flags
        let jobs = render.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let (results, unloaded) = runner.runAll(count: toRender.count, jobs: jobs) { order in
            let cell = planned[order]
            do {
                let source = try workspace.source(cell.session)
                let loaded: SessionTranslations.Loaded
                do throws(SessionSource.NotFound) {
                    loaded = try SessionTranslations.load(source, language: cell.language, voice: cell.voice, workspace: workspace, timing: Speech.synthesizer)
                } catch {
                    Console.fail(error.description)
                    return .failure(error.status)
                }
                guard case .loaded(let result, _) = loaded else { return .failure(ExitStatus.failure) }
                Console.diagnostics(result.diagnostics)
                try Workspace.checkSpeech(result)
                guard let timeline = result.timeline else { return .failure(ExitStatus.invalidScript) }
                let sub = RenderRunner.path(cell.language, in: folder) + "/" + timeline.voice.name
                try RenderRunner.makeFolder(sub)
                let job = try flags.job(for: timeline, folder: sub)
                site?.note(job)
                return .success(job)
            } catch let exit as ExitCode {
                return .failure(exit)
            } catch {
                Console.fail("\(cell.session) (\(cell.language)): \(error)")
                return .failure(ExitStatus.failure)
            }
        }
        var outcomes: [Int: Outcome] = skipped
        for (order, index) in toRender.enumerated() {
            let cell = cells[index]
            let voiceName = cell.voice ?? LanguageVoices.defaults[cell.language] ?? "-"
            if let outcome = results[order] {
                switch outcome {
                case .rendered(let report): outcomes[index] = .rendered(report, language: cell.language, voice: voiceName)
                case .failed(_, let message, let status):
                    Console.fail("\(cell.session) (\(cell.language), \(voiceName)): \(message)")
                    outcomes[index] = .failed(session: cell.session, language: cell.language, voice: voiceName, status: status)
                }
            } else {
                outcomes[index] = .failed(session: cell.session, language: cell.language, voice: voiceName, status: unloaded[order] ?? ExitStatus.failure.rawValue)
            }
        }
        let ordered = cells.indices.compactMap { outcomes[$0] }
        Console.out(render.json ? Self.json(ordered) : Self.summary(ordered))
        try site?.write(ordered.compactMap { if case .rendered(let report, _, _) = $0 { report } else { nil } })
        let failed = ordered.compactMap { outcome -> Int32? in
            if case .failed(_, _, _, let status) = outcome { return status }
            return nil
        }
        if let status = failed.first {
            Console.fail("\(failed.count) of \(ordered.count) renders failed")
            throw ExitCode(status)
        }
    }

    /// The summary table: one row per cell, the skipped ones with their note.
    static func summary(_ outcomes: [Outcome]) -> String {
        var rows = [["SESSION", "LANG", "VOICE", "LENGTH", "FILE", "SIZE", "LOUDNESS", "PEAK", "TIME"]]
        var skips = 0
        for outcome in outcomes {
            switch outcome {
            case .rendered(let r, let language, let voice):
                rows.append([
                    r.id, language, voice, DurationParser.clock(r.duration), r.path, RenderRunner.byteCount(r.fileSize),
                    r.loudnessText, String(format: "%.1f dBTP", r.truePeak), String(format: "%.2f s", r.renderSeconds),
                ])
            case .skipped(let session, let language, let voice, let note):
                skips += 1
                rows.append([session, language, voice, "-", "skipped: \(note)", "-", "-", "-", "-"])
            case .failed(let session, let language, let voice, _):
                rows.append([session, language, voice, "-", "FAILED", "-", "-", "-", "-"])
            }
        }
        let rendered = outcomes.filter { if case .rendered = $0 { true } else { false } }.count
        return TextTable.format(rows) + "\(rendered) rendered, \(skips) skipped (no translation), \(outcomes.count - rendered - skips) failed\n"
    }

    /// The summary as a JSON list, one object per cell with its `status`.
    static func json(_ outcomes: [Outcome]) -> String {
        let items = outcomes.map { outcome -> String in
            switch outcome {
            case .rendered(let r, let language, let voice):
                return "  {\"session\": \(JSON.string(r.id)), \"language\": \(JSON.string(language)), \"voice\": \(JSON.string(voice)), \"status\": \"rendered\", \"file\": \(JSON.string(r.path)), \"duration\": \(JSON.number(Timeline.milliseconds(r.duration))), \"bytes\": \(r.fileSize), \"loudness\": \(JSON.number((r.meterLoudness * 10).rounded() / 10)), \"channels\": \(r.channels), \"true_peak\": \(JSON.number((r.truePeak * 10).rounded() / 10))}"
            case .skipped(let session, let language, let voice, let note):
                return "  {\"session\": \(JSON.string(session)), \"language\": \(JSON.string(language)), \"voice\": \(JSON.string(voice)), \"status\": \"skipped\", \"note\": \(JSON.string(note))}"
            case .failed(let session, let language, let voice, let status):
                return "  {\"session\": \(JSON.string(session)), \"language\": \(JSON.string(language)), \"voice\": \(JSON.string(voice)), \"status\": \"failed\", \"exit\": \(status)}"
            }
        }
        return "[\n" + items.joined(separator: ",\n") + (items.isEmpty ? "]\n" : "\n]\n")
    }
}
