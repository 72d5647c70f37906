import ArgumentParser
import Foundation
import SootheAudioIO
import SootheCore
import SoothePOSIX
import SootheRender

extension Soothe {
    /// `soothe render`: sessions to audio files.
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render sessions to audio files (WAV, FLAC, Ogg Vorbis, Opus, MP3).")

        @Argument(help: "Session files or built-in ids (with --all: folders of scripts, as --catalogue).")
        var sessions: [String] = []

        @Flag(help: "Render every built-in session (or, given folders, every script in them).")
        var all = false

        @Option(help: ArgumentHelp("Render every session script (*.yaml, *.yml) in this folder and the folders below it, in path order; repeatable.", valueName: "folder"))
        var catalogue: [String] = []

        @Option(help: "Sessions rendered at once (default: the number of cores).")
        var jobs: Int?

        @Option(help: ArgumentHelp("In a batch: render only every Nth session starting at K (1-based), e.g. 2/4; 'auto' reads the share from the CI's variables (GitLab, CircleCI, Buildkite; 'auto/N' for a Kubernetes indexed Job).", valueName: "K/N|auto"), transform: ShardRequest.parse)
        var shard: ShardRequest?

        @Option(help: ArgumentHelp("Speak the sessions in this voice profile instead of their own (see 'soothe voices').", valueName: "profile"))
        var voice: String?

        @Option(help: ArgumentHelp("Render in these languages (comma-separated tags, e.g. es,de; 'all' for every shipped one): each session through its translation, into out/LANG/VOICE/ID.EXT.", valueName: "languages"))
        var lang: String?

        @Flag(help: "In a batch: print the summary as JSON.")
        var json = false

        @Flag(inversion: .prefixedNo, help: "In a batch: leave a session whose inputs did not change since its file was written (default: on when the output folder has a manifest, .soothe-manifest.json).")
        var incremental: Bool?
        @Flag(help: "Render the session again whenever its script, translation or a voice profile changes (Ctrl-C to stop).")
        var watch = false

        @OptionGroup var flags: RenderFlags

        @OptionGroup var siteFlags: SiteFlags

        /// The folders named with --all, and --catalogue's.
        var folders: [String] {
            catalogue + (all ? sessions : [])
        }

        /// Whether the sessions are written into a folder as a batch (a site always is one).
        var isBatch: Bool { all || !catalogue.isEmpty || lang != nil || sessions.count > 1 || siteFlags.site != nil }

        func validate() throws {
            if all && !sessions.isEmpty && !sessions.allSatisfy(Catalogue.isFolder) {
                throw ValidationError("give session names or --all, not both (--all FOLDER renders the scripts in a folder)")
            }
            if !catalogue.isEmpty && !sessions.isEmpty && !all { throw ValidationError("give session names or --catalogue, not both") }
            if !all && sessions.isEmpty && catalogue.isEmpty { throw ValidationError("name a session to render, or use --all or --catalogue FOLDER") }
            if shard != nil && !all && catalogue.isEmpty && lang == nil { throw ValidationError("--shard only works with --all, --catalogue or --lang") }
            if json && !isBatch { throw ValidationError("--json summarises a batch (--all, --catalogue, --lang or several sessions)") }
            if incremental != nil && !isBatch { throw ValidationError("--incremental works on a batch (--all, --catalogue, --lang or several sessions)") }
            if watch && isBatch { throw ValidationError("--watch renders one session: name one, without --all, --catalogue, --lang or --site") }
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        }

        /// The scripts in the folders of --catalogue and --all FOLDER, or exit 66 saying why there are none.
        func listFolders() throws -> [String] {
            var names: [String] = []
            for folder in folders {
                do {
                    let found = try Catalogue.scripts(in: folder)
                    if found.isEmpty && folders.count > 1 { Console.error("soothe: warning: \(folder): no session scripts (*.yaml, *.yml) in it") }
                    names += found
                } catch {
                    Console.fail(error.description)
                    throw ExitStatus.notFound
                }
            }
            if !folders.isEmpty && names.isEmpty {
                Console.fail("no session scripts found in \(folders.joined(separator: ", "))")
                throw ExitStatus.notFound
            }
            return names
        }

        mutating func run() throws {
            if watch { return try watchAndRun() }
            let site = try siteFlags.writer(applyingTo: &flags)
            let languages = try lang.map(LanguageList.parse)
            let catalogueScripts = try listFolders()
            // A matrix takes --voice as a list of profiles, each checked here.
            let workspace = languages == nil ? try Workspace(voice: voice, scripts: folders.isEmpty ? sessions : catalogueScripts) : try Workspace()
            let voices = languages == nil ? [] : voice.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
            for name in voices where !workspace.voices.allNames.contains(name) {
                Console.fail("--voice: unknown voice profile '\(ControlCharacters.escaped(name))'\(Suggestions.didYouMean(name, in: workspace.voices.allNames)) (profiles: \(workspace.voices.allNames.joined(separator: ", ")))")
                throw ExitStatus.usage
            }
            // The catalogue's scripts were listed before the workspace, which checks --voice against the profiles beside them.
            var names = folders.isEmpty ? sessions : catalogueScripts
            if folders.isEmpty && all {
                names = SessionSource.builtInIDs(in: workspace.home.sessionsDirectory)
                guard !names.isEmpty else {
                    Console.fail("no built-in sessions found; looked in: \(workspace.home.searched.joined(separator: ", "))")
                    throw ExitStatus.notFound
                }
            }
            if isBatch, names.contains("-") {
                Console.fail("- (a script on standard input) is rendered alone, not in a batch")
                throw ExitStatus.usage
            }
            try flags.checkOutput(batch: isBatch)
            guard isBatch else {
                let source = try workspace.source(names[0])
                return try RenderRunner(flags: flags).runSingle(flags.job(for: workspace.timeline(names[0]), folder: nil, inputs: [source.path]))
            }
            var cells: [BatchRender.Cell] = []
            let spoken: [String?] = languages.map { $0.tags.map(Optional.some) } ?? [nil]
            // Track numbers count the batch as named (with --shard, the whole catalogue's).
            for (index, name) in names.enumerated() {
                for language in spoken {
                    for voice in voices.isEmpty ? [nil] : voices.map(Optional.some) {
                        cells.append(BatchRender.Cell(name: name, language: language, voice: voice, track: index + 1))
                    }
                }
            }
            let catalogue = cells
            if let shard {
                switch shard.resolve(ProcessInfo.processInfo.environment) {
                case .success(let share): cells = share.share(of: cells)
                case .failure(let problem):
                    Console.fail(problem.message)
                    throw ExitStatus.usage
                }
            }
            let folder = flags.output ?? "out"
            try RenderRunner.makeFolder(folder)
            try flags.checkCombinationOrExit(flags.format(for: nil))
            let batch = BatchRender(
                flags: flags, workspace: workspace, cells: cells, trackCount: names.count, folder: folder,
                jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                // A site's folder is published again and again: it always keeps a manifest.
                incremental: incremental ?? (site != nil ? true : nil), site: site,
                siteCells: shard != nil && site != nil ? catalogue : nil)
            let result = try batch.run()
            // Shards sharing the site folder write its index one at a time, each listing what is there.
            if let site { try FolderLock.exclusively(folder) { () throws -> Void in try site.write(result.listing) } }
            try BatchOutcome.finish(result.outcomes, json: json, quiet: flags.quiet)
        }
    }
}

extension Soothe.Render {
    /// Exits 64, naming them, when two sessions of a batch have one id and so one output file
    /// (two files with the same `id:` or file name, or one session named twice): otherwise the
    /// later render would silently replace the earlier.
    static func refuseSharedOutputs(_ names: [String], ids: [String?]) throws {
        var first: [String: Int] = [:]
        var clashes: [String] = []
        for (index, id) in ids.enumerated() {
            guard let id else { continue }
            if let earlier = first[id] {
                clashes.append("'\(names[earlier])' and '\(names[index])' are both session '\(id)'")
            } else {
                first[id] = index
            }
        }
        guard clashes.isEmpty else {
            Console.fail("two sessions would write the same file: " + clashes.joined(separator: "; ") + " (give each its own id, or render them apart)")
            throw ExitStatus.usage
        }
    }
}

extension RenderFlags {
    /// Refusals that need only the flags: a batch given a file name for its folder; a file name
    /// whose extension names no format soothe writes, or another format than `--format`.
    func checkOutput(batch: Bool) throws {
        if output == "-" {
            if batch {
                Console.fail("-o - writes one session to standard output; for several, give a folder (e.g. out/)")
                throw ExitStatus.usage
            }
            if captions || chapters || html {
                Console.fail("--captions, --chapters and --html write files beside the audio; with -o - there is no file to put them beside")
                throw ExitStatus.usage
            }
            return
        }
        guard let output, !RenderRunner.isFolder(output) else { return }
        let named = AudioFileFormat(path: output)
        let extensions = AudioFileFormat.allCases.map { "." + $0.fileExtension }.joined(separator: ", ")
        if batch {
            guard named == nil else {
                Console.fail("-o \(output): several sessions write one file each, so -o takes a folder (e.g. out/)")
                throw ExitStatus.usage
            }
            return
        }
        if let format, let named, named != format {
            Console.fail("-o \(output) names a \(named.rawValue) file but --format is \(format.rawValue): name it \((output as NSString).deletingPathExtension).\(format.fileExtension), or leave --format out")
            throw ExitStatus.usage
        }
        if format == nil, named == nil {
            Console.fail("-o \(output): soothe writes \(extensions) files; end the name with one of them, give --format, or end a folder's name with /")
            throw ExitStatus.usage
        }
    }

    /// Where and how `timeline` is written: `ID.EXT` inside `folder` (a batch), else `-o FILE`,
    /// else `ID.EXT` inside `-o FOLDER` or `out/`; the folder is created when missing. Exits 64
    /// when the output is one of the `inputs` (the scripts being read).
    func job(for timeline: Timeline, folder: String?, inputs: [String] = []) throws -> RenderJob {
        var path: String
        var format = format(for: nil)
        if let folder {
            path = RenderRunner.path(timeline.id + "." + format.fileExtension, in: folder)
        } else if let output, !RenderRunner.isFolder(output) {
            path = output
            format = self.format(for: output)
            if let parent = RenderRunner.parentFolder(of: output) { try RenderRunner.makeFolder(parent) }
        } else {
            let dir = output ?? "out"
            try RenderRunner.makeFolder(dir)
            path = RenderRunner.path(timeline.id + "." + format.fileExtension, in: dir)
        }
        try checkCombinationOrExit(format)
        if let input = inputs.first(where: { RenderRunner.sameFile($0, path) }) {
            Console.fail("-o \(path) is \(input), a script being rendered: soothe never writes over its input")
            throw ExitStatus.usage
        }
        return RenderJob(timeline: timeline, path: path, format: format)
    }

    /// Checks a format against the other options, exiting 64 with the reason.
    func checkCombinationOrExit(_ format: AudioFileFormat) throws {
        do {
            try options(format: format).validate()
        } catch {
            Console.fail(OptionAdvice.message(for: error))
            throw ExitStatus.usage
        }
    }
}
