import ArgumentParser
import Foundation
import SootheAudioIO
import SootheCore
import SootheRender

extension Soothe {
    /// `soothe render`: sessions to audio files.
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render sessions to audio files (WAV, FLAC, Ogg Vorbis, Opus, MP3).")

        @Argument(help: "Session files or built-in ids.")
        var sessions: [String] = []

        @Flag(help: "Render every built-in session.")
        var all = false

        @Option(help: "Sessions rendered at once (default: the number of cores).")
        var jobs: Int?

        @Option(help: "With --all: render only every Nth session starting at K (1-based), e.g. 2/4.", transform: Shard.parse)
        var shard: Shard?

        @Option(help: ArgumentHelp("Speak the sessions in this voice profile instead of their own (see 'soothe voices').", valueName: "profile"))
        var voice: String?

        @Option(help: ArgumentHelp("Render in these languages (comma-separated tags, e.g. es,de; 'all' for every shipped one): each session through its translation, into out/LANG/VOICE/ID.EXT.", valueName: "languages"))
        var lang: String?

        @Flag(help: "With --lang: print the summary as JSON.")
        var json = false

        @OptionGroup var flags: RenderFlags

        func validate() throws {
            if all && !sessions.isEmpty { throw ValidationError("give session names or --all, not both") }
            if !all && sessions.isEmpty { throw ValidationError("name a session to render, or use --all") }
            if shard != nil && !all && lang == nil { throw ValidationError("--shard only works with --all or --lang") }
            if json && lang == nil { throw ValidationError("--json summarises a --lang matrix; give --lang") }
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        }

        func run() throws {
            if let lang {
                return try MatrixRender(render: self, languages: LanguageList.parse(lang)).run()
            }
            let workspace = try Workspace(voice: voice, scripts: sessions)
            var arguments = sessions
            // Track numbers count the batch as named (with --shard, the whole catalogue's).
            var catalogue = sessions
            if all {
                arguments = SessionSource.builtInIDs(in: workspace.home.sessionsDirectory)
                guard !arguments.isEmpty else {
                    Console.fail("no built-in sessions found; looked in: \(workspace.home.searched.joined(separator: ", "))")
                    throw ExitStatus.notFound
                }
                catalogue = arguments
                if let shard { arguments = arguments.enumerated().filter { shard.includes($0.offset) }.map(\.element) }
            }
            let batch = all || arguments.count > 1
            if batch, arguments.contains("-") {
                Console.fail("- (a script on standard input) is rendered alone, not in a batch")
                throw ExitStatus.usage
            }
            try flags.checkOutput(batch: batch)
            let runner = RenderRunner(flags: flags)
            if !batch {
                let source = try workspace.source(arguments[0])
                return try runner.runSingle(flags.job(for: workspace.timeline(arguments[0]), folder: nil, inputs: [source.path]))
            }
            // Any --jobs loads in this same order (longest first, so the workers finish together).
            let (order, inputs, ids) = workspace.survey(arguments)
            try Self.refuseSharedOutputs(arguments, ids: ids)
            let folder = flags.output ?? "out"
            try RenderRunner.makeFolder(folder)
            let inputPaths = inputs.compactMap { $0 }
            // A broken session is reported (with its diagnostics) and skipped; the rest render.
            let (flags, names, batchOrder) = (self.flags, order.map { arguments[$0] }, catalogue)
            let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
            let (results, unloaded) = runner.runAll(count: names.count, jobs: jobs) { index in
                do {
                    var job = try flags.job(for: workspace.timeline(names[index]), folder: folder, inputs: inputPaths)
                    job.trackNumber = batchOrder.firstIndex(of: names[index]).map { $0 + 1 }
                    job.trackCount = batchOrder.count
                    return .success(job)
                } catch let exit as ExitCode {
                    return .failure(exit)
                } catch {
                    Console.fail("\(names[index]): \(error)")
                    return .failure(ExitStatus.failure)
                }
            }
            // The summary lists sessions as they were named, failures to load last.
            let rendered = results.sorted { order[$0.key] < order[$1.key] }.map(\.value)
            for case .failed(let id, let message, _) in rendered {
                Console.fail("\(id): \(message)")
            }
            let failures = unloaded.sorted { order[$0.key] < order[$1.key] }.map {
                JobOutcome.failed(id: names[$0.key], message: "", status: $0.value)
            }
            let outcomes = rendered + failures
            Console.out(RenderRunner.summary(outcomes))
            let failed = outcomes.compactMap { outcome -> Int32? in
                if case .failed(_, _, let status) = outcome { return status }
                return nil
            }
            if let status = failed.first {
                Console.fail("\(failed.count) of \(outcomes.count) sessions failed")
                throw ExitCode(status)
            }
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

/// `K/N`: every Nth item starting at the Kth (1-based).
struct Shard: Sendable {
    var index: Int
    var count: Int

    /// Parses `K/N`, or says what is wrong with it.
    static func parse(_ argument: String) throws -> Shard {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw ValidationError("expected K/N, e.g. 2/4 (the 2nd of 4 shares)")
        }
        guard n >= 1 else { throw ValidationError("N must be at least 1") }
        guard (1...n).contains(k) else { throw ValidationError("K must be 1…\(n)") }
        return Shard(index: k, count: n)
    }

    func includes(_ offset: Int) -> Bool { offset % count == index - 1 }
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
