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
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @Option(help: "With --all: render only every Nth session starting at K (1-based), e.g. 2/4.")
        var shard: Shard?

        @OptionGroup var flags: RenderFlags

        func validate() throws {
            if all && !sessions.isEmpty { throw ValidationError("give session names or --all, not both") }
            if !all && sessions.isEmpty { throw ValidationError("name a session to render, or use --all") }
            if shard != nil && !all { throw ValidationError("--shard only works with --all") }
            guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        }

        func run() throws {
            let workspace = Workspace()
            var arguments = sessions
            if all {
                arguments = SessionSource.builtInIDs(in: workspace.home.sessionsDirectory)
                guard !arguments.isEmpty else {
                    Console.fail("no built-in sessions found; looked in: \(workspace.home.searched.joined(separator: ", "))")
                    throw ExitStatus.notFound
                }
                if let shard { arguments = arguments.enumerated().filter { shard.includes($0.offset) }.map(\.element) }
            }
            let batch = all || arguments.count > 1
            let folder = batch ? (flags.output ?? "out") : nil
            if let folder { try RenderRunner.makeFolder(folder) }

            let runner = RenderRunner(flags: flags)
            if !batch {
                return try runner.runSingle(flags.job(for: workspace.timeline(arguments[0]), folder: nil))
            }
            // Any --jobs loads in this same order (longest first, so the workers finish together).
            let order = workspace.longestFirst(arguments)
            // A broken session is reported (with its diagnostics) and skipped; the rest render.
            let (flags, names) = (self.flags, order.map { arguments[$0] })
            let (results, unloaded) = runner.runAll(count: names.count, jobs: jobs) { index in
                do {
                    return .success(try flags.job(for: workspace.timeline(names[index]), folder: folder))
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

/// `K/N`: every Nth item starting at the Kth (1-based).
struct Shard: ExpressibleByArgument, Sendable {
    var index: Int
    var count: Int

    init?(argument: String) {
        let parts = argument.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else { return nil }
        index = k
        count = n
    }

    func includes(_ offset: Int) -> Bool { offset % count == index - 1 }
}

extension RenderFlags {
    /// Where and how `timeline` is written: `ID.EXT` inside `folder` (a batch), else `-o FILE`,
    /// else `ID.EXT` inside `-o FOLDER` or `out/`, created when missing.
    func job(for timeline: Timeline, folder: String?) throws -> RenderJob {
        var path: String
        var format = format(for: nil)
        if let folder {
            path = folder + "/" + timeline.id + "." + format.fileExtension
        } else if let output, !RenderRunner.isFolder(output) {
            path = output
            format = self.format(for: output)
        } else {
            let dir = output ?? "out"
            try RenderRunner.makeFolder(dir)
            path = (dir.hasSuffix("/") ? dir : dir + "/") + timeline.id + "." + format.fileExtension
        }
        try checkCombinationOrExit(format)
        return RenderJob(timeline: timeline, path: path, format: format)
    }

    /// Checks a format against the other options, exiting 64 with the reason.
    func checkCombinationOrExit(_ format: AudioFileFormat) throws {
        do {
            try options(format: format).validate()
        } catch {
            Console.fail(error.message)
            throw ExitStatus.usage
        }
    }
}
