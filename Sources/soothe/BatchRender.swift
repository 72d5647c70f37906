import ArgumentParser
import Foundation
import SootheAudioIO
import SootheCore
import SoothePOSIX
import SootheRender
import SootheSpeech

/// A batch: sessions rendered into one folder, up to `jobs` at once, each as `ID.EXT` or (in a
/// `--lang` matrix) `LANG/VOICE/ID.EXT`. A broken session is reported and the others render.
/// With `incremental`, a session whose inputs are as they were when its file was written (by the
/// folder's ``OutputManifest``) is left as it is.
struct BatchRender {
    /// One session to render: by its name as given, in a language (a matrix) by a voice.
    struct Cell: Sendable, Hashable {
        var name: String
        var language: String?
        var voice: String?
        /// Its place in the batch as named (1-based): the track number it is tagged with.
        var track: Int? = nil
    }

    var flags: RenderFlags
    var workspace: Workspace
    var cells: [Cell]
    /// How many sessions the batch has as named: the track count tags say "n of N".
    var trackCount: Int? = nil
    var folder: String
    var jobs: Int
    /// Whether to skip unchanged sessions; nil: when the folder has a manifest.
    var incremental: Bool?
    /// With `--site`: told every session's timeline, rendered or left unchanged.
    var site: SiteWriter? = nil
    /// With `--site` in a shard: the whole catalogue's cells. The site then lists, besides this
    /// shard's sessions, every other session whose file in the folder (shared by the shards) is
    /// current by the manifest, so the last shard to finish writes the whole catalogue's index.
    var siteCells: [Cell]? = nil

    /// What a batch did, and what its site lists.
    struct Finished {
        /// This batch's sessions, for the summary.
        var outcomes: [BatchOutcome]
        /// The sessions the site lists, in the catalogue's order: `outcomes`, and with
        /// `siteCells` the other shards' sessions found current in the folder.
        var listing: [BatchOutcome]
    }

    /// What the survey learns of a cell without speaking: its script, its translation, its
    /// timeline with estimated speech, where its file goes and what that file is made from.
    private struct Plan {
        var script: String?
        var translation: String?
        var timeline: Timeline?
        /// The output's path inside the folder.
        var key: String?
        var inputs: String?
        var outcome: BatchOutcome?
    }

    func run() throws -> Finished {
        let format = flags.format(for: nil)
        let useManifest = incremental ?? OutputManifest.exists(folder: folder)
        let keepManifest = useManifest || OutputManifest.exists(folder: folder)
        let manifest = keepManifest ? OutputManifest.read(folder: folder) : OutputManifest()
        var plans = cells.map { survey($0, format: format, fingerprint: keepManifest) }
        // In a matrix one id is a file in each language's folder: only the same file twice clashes.
        let isMatrix = cells.contains { $0.language != nil }
        try Soothe.Render.refuseSharedOutputs(cells.map(\.name), ids: plans.map { isMatrix ? $0.key : $0.timeline?.id })
        if useManifest {
            for index in plans.indices {
                guard plans[index].outcome == nil, let key = plans[index].key, let inputs = plans[index].inputs,
                    let entry = manifest.isCurrent(key, inputs: inputs, folder: folder, sidecars: sidecars(of: key))
                else { continue }
                plans[index].outcome = Self.unchanged(entry, file: RenderRunner.path(key, in: folder))
            }
        }

        // Longest first (estimated), so the workers finish together; ties in the given order.
        for plan in plans {
            if let key = plan.key, let timeline = plan.timeline { site?.note(path: RenderRunner.path(key, in: folder), timeline: timeline) }
        }
        let toRender = plans.indices.filter { plans[$0].outcome == nil }.sorted {
            (plans[$0].timeline?.duration ?? 0, $1) > (plans[$1].timeline?.duration ?? 0, $0)
        }
        let planned = toRender.map { cells[$0] }
        let inputPaths = plans.compactMap(\.script)
        let (flags, workspace, folder, trackCount) = (self.flags, self.workspace, self.folder, self.trackCount)
        let (results, unloaded) = RenderRunner(flags: flags).runAll(count: planned.count, jobs: jobs) { order in
            Self.load(planned[order], flags: flags, workspace: workspace, folder: folder, inputs: inputPaths).map { job in
                var job = job
                job.trackNumber = planned[order].track
                job.trackCount = trackCount
                return job
            }
        }

        // What this batch changes in the manifest: an entry for each file written, nil for each
        // that failed.
        var changes: [String: OutputManifest.Entry?] = [:]
        for (order, index) in toRender.enumerated() {
            let cell = cells[index], plan = plans[index]
            let language = cell.language ?? plan.timeline.map { SpeechLanguage(espeak: $0.voice.espeak).tag }
            let voice = plan.timeline?.voice.name ?? cell.voice ?? cell.language.flatMap { LanguageVoices.defaults[$0] }
            var outcome: BatchOutcome
            switch results[order] {
            case .rendered(let report):
                outcome = BatchOutcome(report: report, title: plan.timeline?.title, language: language, voice: voice)
                // Stamping a file reads all its bytes: only for a manifest that is kept.
                if keepManifest, let key = plan.key, let inputs = plan.inputs {
                    changes[key] = .some(entry(for: outcome, key: key, inputs: inputs))
                }
            case .failed(let id, let message, let status):
                Console.fail(cell.language.map { "\(cell.name) (\($0), \(voice ?? "-")): \(message)" } ?? "\(id): \(message)")
                outcome = BatchOutcome(session: plan.timeline?.id ?? cell.name, status: .failed, language: language, voice: voice)
                outcome.error = message
                outcome.exitStatus = status
            case nil:
                let status = unloaded[order] ?? ExitStatus.failure.rawValue
                outcome = BatchOutcome(session: plan.timeline?.id ?? cell.name, status: .failed, language: language, voice: voice)
                outcome.error = Self.reason(status)
                outcome.exitStatus = status
            }
            if outcome.status == .failed, let key = plan.key { changes[key] = .some(nil) }
            plans[index].outcome = outcome
        }
        if keepManifest {
            // Read again and changed under the folder's lock: batches sharing the folder (shards
            // on one volume) each add their own files to what the others wrote meanwhile.
            try FolderLock.exclusively(folder) { () throws -> Void in
                var current = OutputManifest.read(folder: folder)
                for (key, entry) in changes { current.entries[key] = entry }
                try Workspace.writeText(current.text, to: RenderRunner.path(OutputManifest.fileName, in: folder))
            }
        }
        let outcomes = plans.compactMap(\.outcome)
        guard site != nil, let siteCells else { return Finished(outcomes: outcomes, listing: outcomes) }
        return Finished(outcomes: outcomes, listing: listing(of: siteCells, besides: plans, format: format))
    }

    /// `all` (the whole catalogue) as a site lists it: this batch's outcomes where a cell is
    /// this batch's, else the session left in the folder by another shard when the manifest says
    /// its file is current (surveyed without speech, its timeline told to the site).
    private func listing(of all: [Cell], besides plans: [Plan], format: AudioFileFormat) -> [BatchOutcome] {
        var mine: [Cell: BatchOutcome] = [:]
        for (cell, plan) in zip(cells, plans) { mine[cell] = plan.outcome }
        let manifest = OutputManifest.read(folder: folder)
        var listing: [BatchOutcome] = []
        for cell in all {
            if let outcome = mine[cell] {
                listing.append(outcome)
                continue
            }
            let plan = survey(cell, format: format, fingerprint: true)
            guard plan.outcome == nil, let key = plan.key, let inputs = plan.inputs, let timeline = plan.timeline,
                let entry = manifest.isCurrent(key, inputs: inputs, folder: folder, sidecars: sidecars(of: key))
            else { continue }
            site?.note(path: RenderRunner.path(key, in: folder), timeline: timeline)
            listing.append(Self.unchanged(entry, file: RenderRunner.path(key, in: folder)))
        }
        return listing
    }

    /// The outcome of a session left as it is: the figures of the render that wrote its file.
    private static func unchanged(_ entry: OutputManifest.Entry, file: String) -> BatchOutcome {
        var outcome = BatchOutcome(session: entry.session, status: .unchanged, language: entry.language, voice: entry.voice)
        outcome.title = entry.title
        outcome.file = file
        outcome.size = entry.file.size
        outcome.length = entry.length
        outcome.loudness = entry.loudness
        outcome.channels = entry.channels
        outcome.peak = entry.peak
        return outcome
    }

    /// Why a session that failed to load failed, for the JSON summary (its diagnostics are on stderr).
    static func reason(_ status: Int32) -> String {
        switch status {
        case ExitStatus.invalidScript.rawValue: "the script has errors"
        case ExitStatus.notFound.rawValue: "not found or not readable"
        case ExitStatus.systemError.rawValue: "speech could not be had"
        case ExitStatus.usage.rawValue: "bad usage"
        default: "failed"
        }
    }

    /// The cell as the survey sees it: loaded with speech estimated, not spoken; with
    /// `fingerprint`, what its file is made from (for the manifest).
    private func survey(_ cell: Cell, format: AudioFileFormat, fingerprint: Bool) -> Plan {
        var plan = Plan()
        guard let source = try? SessionSource.resolve(cell.name, sessionsDirectory: workspace.home.sessionsDirectory),
            !source.isStandardInput
        else { return plan }
        plan.script = source.path
        if let language = cell.language {
            let voiceName = cell.voice ?? LanguageVoices.defaults[language] ?? "-"
            guard let loaded = try? SessionTranslations.load(source, language: language, voice: cell.voice, workspace: workspace, timing: EstimatedSpeechTiming())
            else { return plan }
            switch loaded {
            case .missing:
                plan.outcome = BatchOutcome(session: cell.name, status: .skipped, language: language, voice: voiceName)
                plan.outcome?.note = "no \(language) translation"
            case .version(let id, _):
                plan.outcome = BatchOutcome(session: cell.name, status: .skipped, language: language, voice: voiceName)
                plan.outcome?.note = "in \(language) it is '\(id)'"
            case .loaded(let result, let translation):
                plan.timeline = result.timeline
                plan.translation = translation
            }
        } else {
            plan.timeline = try? workspace.loader(for: source, timing: EstimatedSpeechTiming()).load(source).timeline
        }
        guard let timeline = plan.timeline else { return plan }
        let name = timeline.id + "." + format.fileExtension
        let key = cell.language.map { "\($0)/\(timeline.voice.name)/\(name)" } ?? name
        plan.key = key
        let track = cell.track.map { "track \($0)/\(trackCount ?? 0)" } ?? ""
        // Hashing the script and its sound files serves a manifest only.
        guard fingerprint else { return plan }
        plan.inputs = OutputManifest.fingerprint(script: source.path, translation: plan.translation, timeline: timeline, settings: settings(key: key, format: format) + track)
        return plan
    }

    /// The options that change an output's bytes or what is written beside it, as text.
    /// The date tag counts only when `SOURCE_DATE_EPOCH` sets it: a file made yesterday from the
    /// same inputs is not out of date.
    private func settings(key: String, format: AudioFileFormat) -> String {
        var options = flags.options(format: format)
        if ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] == nil { options.date = nil }
        // The cover by a hash of its bytes: described, it would be every byte written out as a number.
        var cover = ContentHash()
        if let image = options.cover { image.bytes.withUnsafeBytes { cover.add(bytes: $0) } }
        options.cover = nil
        return "\(key)\n\(String(reflecting: options))\ncover \(cover.hex)\ncaptions \(flags.captions || flags.html) chapters \(flags.chapters) html \(flags.html) podcast-chapters \(flags.podcastChapters)"
    }

    /// The files written beside the output `key` (paths inside the folder).
    private func sidecars(of key: String) -> [String] {
        // The key is relative: no URL, which would make it absolute.
        let base = key.lastIndex(of: ".").map { String(key[..<$0]) } ?? key
        var names: [String] = []
        if flags.captions || flags.html { names.append(base + ".vtt") }
        if flags.chapters { names.append(base + ".chapters.vtt") }
        if flags.html { names.append(base + ".html") }
        if flags.podcastChapters { names.append(base + ".chapters.json") }
        return names
    }

    private func entry(for outcome: BatchOutcome, key: String, inputs: String) -> OutputManifest.Entry? {
        guard let file = OutputManifest.Stamp(path: RenderRunner.path(key, in: folder)) else { return nil }
        var stamps: [String: OutputManifest.Stamp] = [:]
        for name in sidecars(of: key) {
            guard let stamp = OutputManifest.Stamp(path: RenderRunner.path(name, in: folder)) else { return nil }
            stamps[name] = stamp
        }
        return OutputManifest.Entry(
            inputs: inputs, file: file, sidecars: stamps, session: outcome.session, title: outcome.title,
            language: outcome.language, voice: outcome.voice, length: outcome.length ?? 0, loudness: outcome.loudness ?? 0,
            channels: outcome.channels ?? 0, peak: outcome.peak ?? 0)
    }

    /// Loads a cell with its real speech (printing its diagnostics) into a job.
    private static func load(_ cell: Cell, flags: RenderFlags, workspace: Workspace, folder: String, inputs: [String]) -> Result<RenderJob, ExitCode> {
        do {
            guard let language = cell.language else {
                return .success(try flags.job(for: workspace.timeline(cell.name), folder: folder, inputs: inputs))
            }
            let source = try workspace.source(cell.name)
            let loaded: SessionTranslations.Loaded
            do throws(SessionSource.NotFound) {
                loaded = try SessionTranslations.load(source, language: language, voice: cell.voice, workspace: workspace, timing: Speech.synthesizer)
            } catch {
                Console.fail(error.description)
                return .failure(error.status)
            }
            guard case .loaded(let result, _) = loaded else { return .failure(ExitStatus.failure) }
            Console.diagnostics(result.diagnostics)
            try Workspace.checkSpeech(result)
            guard let timeline = result.timeline else { return .failure(ExitStatus.invalidScript) }
            let sub = RenderRunner.path(language, in: folder) + "/" + timeline.voice.name
            try RenderRunner.makeFolder(sub)
            return .success(try flags.job(for: timeline, folder: sub, inputs: inputs))
        } catch let exit as ExitCode {
            return .failure(exit)
        } catch {
            Console.fail("\(cell.name)\(cell.language.map { " (\($0))" } ?? ""): \(error)")
            return .failure(ExitStatus.failure)
        }
    }
}
