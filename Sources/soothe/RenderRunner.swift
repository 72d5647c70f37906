import ArgumentParser
import Foundation
import SootheAudioIO
import SootheCore
import SootheFormats
import SootheRender
import SoothePOSIX
import SootheSpeech
import Synchronization

/// One session to render and where to.
struct RenderJob: Sendable {
    var timeline: Timeline
    var path: String
    var format: AudioFileFormat
    /// The session's place in its batch (1-based) and the batch's size: the track number tags.
    var trackNumber: Int?
    var trackCount: Int?
}

/// The outcome of one job.
enum JobOutcome: Sendable {
    case rendered(RenderReport)
    case failed(id: String, message: String, status: Int32)
}

/// Runs render jobs (in parallel when asked) and writes captions and chapters beside them.
struct RenderRunner {
    var flags: RenderFlags

    /// Renders one job; errors become outcomes so a batch carries on.
    func run(_ job: RenderJob, progress: (@Sendable (Double) -> Void)?) -> JobOutcome {
        var options = flags.options(format: job.format)
        options.trackNumber = job.trackNumber
        options.trackCount = job.trackCount
        let renderer = SessionRenderer(options: options, speech: Speech.synthesizer)
        do {
            let report = try renderer.render(job.timeline, to: job.path, progress: progress)
            let base = Self.stripExtension(job.path)
            if flags.captions || flags.html { try writeSidecar(CueSheet.webVTT(job.timeline), to: base + ".vtt") }
            if flags.chapters { try writeSidecar(CueSheet.chaptersVTT(job.timeline), to: base + ".chapters.vtt") }
            if flags.podcastChapters { try writeSidecar(PodcastChapters.json(CueSheet.chapters(job.timeline)), to: base + ".chapters.json") }
            if flags.html {
                // The page sits beside the audio and names it (and the captions) relatively.
                let media = HTMLMedia(
                    audio: URL(fileURLWithPath: job.path).lastPathComponent,
                    captions: URL(fileURLWithPath: base + ".vtt").lastPathComponent)
                try writeSidecar(HTMLPreview.page(job.timeline, media: media), to: base + ".html")
            }
            return .rendered(report)
        } catch let error as RenderError {
            let byKind: Int32 = switch error.kind {
            case .invalidOptions: 64
            case .cannotCreate: 73
            case .speechUnavailable: 71
            default: 1
            }
            let status = ExitStatus.forSystemError(error.systemCode) ?? byKind
            return .failed(id: job.timeline.id, message: OptionAdvice.message(for: error), status: status)
        } catch {
            return .failed(id: job.timeline.id, message: "\(error)", status: 73)
        }
    }

    /// Renders one job with progress on a terminal; prints the file, its length, size and levels.
    func runSingle(_ job: RenderJob) throws {
        let progress = flags.showProgress ? Self.progressPrinter(id: job.timeline.id) : nil
        switch run(job, progress: progress) {
        case .rendered(let report):
            guard !flags.quiet else { return }
            let summary = "\(report.path == "-" ? "<stdout>" : report.path): \(DurationParser.clock(report.duration)), \(Self.byteCount(report.fileSize)), \(report.loudnessText), \(String(format: "%.1f dBTP", report.truePeak))"
            // With the audio on standard output, the summary goes to standard error.
            if report.path == "-" { Console.error(summary) } else { Console.line(summary) }
        case .failed(_, let message, let status):
            Console.fail(message)
            throw ExitCode(status)
        }
    }

    func writeSidecar(_ text: String, to path: String) throws {
        do {
            try TextFileWriter.write(text, to: path)
        } catch {
            throw RenderError(.cannotCreate, "cannot write \(error)", systemCode: error.systemCode)
        }
    }

    /// Loads `count` sessions in order and renders up to `jobs` at once, reporting each as it
    /// finishes. Returns the outcome of each loaded session and the exit status of each that
    /// failed to load (`load` has reported it), by index.
    ///
    /// Each worker, when it needs a session, takes the next one and loads it (loading
    /// synthesises the session's speech) while holding the loader: sessions are loaded one at a
    /// time and in order whatever `jobs` is, so their diagnostics come out in that order, and a
    /// worker's loading overlaps the other workers' rendering instead of preceding all of it.
    /// (The files do not depend on the order: every phrase is spoken from the same espeak-ng
    /// state. Loading two at once measured no faster: a session's phrases are already spoken side
    /// by side.)
    func runAll(
        count: Int, jobs: Int, load: @escaping @Sendable (Int) -> Result<RenderJob, ExitCode>
    ) -> (outcomes: [Int: JobOutcome], unloaded: [Int: Int32]) {
        let results = Mutex<[Int: JobOutcome]>([:])
        let unloaded = Mutex<[Int: Int32]>([:])
        // The next session to load; held while loading it.
        let loader = Mutex(0)
        let done = Mutex(0)
        let showProgress = flags.showProgress
        let group = DispatchGroup()
        for _ in 0..<max(1, min(jobs, count)) {
            group.enter()
            let thread = Thread {
                while true {
                    let next = loader.withLock { index -> (Int, Result<RenderJob, ExitCode>)? in
                        guard index < count else { return nil }
                        defer { index += 1 }
                        return (index, load(index))
                    }
                    guard let (index, loaded) = next else { break }
                    let outcome: JobOutcome
                    switch loaded {
                    case .success(let job):
                        outcome = run(job, progress: nil)
                        results.withLock { $0[index] = outcome }
                    case .failure(let exit):
                        unloaded.withLock { $0[index] = exit.rawValue }
                        continue
                    }
                    let finished = done.withLock { value -> Int in
                        value += 1
                        return value
                    }
                    guard showProgress else { continue }
                    switch outcome {
                    case .rendered(let r):
                        Console.error("[\(finished)/\(count)] \(r.id): \(DurationParser.clock(r.duration)) in \(String(format: "%.1f", r.renderSeconds)) s")
                    case .failed(let id, let message, _):
                        Console.error("[\(finished)/\(count)] \(id): failed: \(message)")
                    }
                }
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        return (results.withLock { $0 }, unloaded.withLock { $0 })
    }

    /// A progress line on stderr for a single render.
    static func progressPrinter(id: String) -> @Sendable (Double) -> Void {
        let last = Mutex(-1)
        let terminal = Console.stderrIsTerminal
        return { fraction in
            let percent = Int(fraction * 100)
            let changed = last.withLock { value -> Bool in
                guard percent != value else { return false }
                value = percent
                return true
            }
            if changed && !terminal {
                // A log file gets one line per update, not a line rewritten with carriage returns.
                Console.progress("rendering \(id) \(percent)%\n")
            } else if changed {
                Console.progress("\rrendering \(id) \(percent)%")
                if percent >= 100 { Console.progress("\r\u{1B}[K") }
            }
        }
    }

    /// A file's size in decimal units, as file managers and phones show it: `59.1 MB` is
    /// 59,100,000 bytes (not MiB), `830 kB` is 830,000.
    static func byteCount(_ bytes: Int) -> String {
        bytes >= 1_000_000 ? String(format: "%.1f MB", Double(bytes) / 1e6) : String(format: "%.0f kB", Double(bytes) / 1e3)
    }

    static func stripExtension(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.pathExtension.isEmpty ? path : url.deletingPathExtension().path
    }

    /// `name` inside `folder`, with one slash between them however `folder` was typed.
    static func path(_ name: String, in folder: String) -> String {
        var folder = Substring(folder)
        while folder.count > 1, folder.hasSuffix("/") { folder = folder.dropLast() }
        return folder == "/" ? "/" + name : folder + "/" + name
    }

    /// The folder `path` names a file in, when it names one (`a/b` for `a/b/c.wav`; nil for
    /// `c.wav`, `-` and `/c.wav`).
    static func parentFolder(of path: String) -> String? {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return nil }
        return String(path[..<slash])
    }

    /// Creates `folder` (and parents) or throws exit status 73.
    static func makeFolder(_ folder: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            Console.fail("cannot create folder \(folder): \(reason(creating: folder, error))")
            throw ExitStatus.cannotCreate
        }
    }

    /// Why `folder` cannot be created, in words: a file in the way, or the system's reason.
    static func reason(creating folder: String, _ error: Error) -> String {
        var path = ""
        for part in folder.split(separator: "/", omittingEmptySubsequences: false) {
            path += (path.isEmpty && folder.hasPrefix("/") ? "" : (path.isEmpty ? "" : "/")) + part
            var isDirectory: ObjCBool = false
            if !path.isEmpty, FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return "\(path) is a file, not a folder"
            }
        }
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        return underlying.map { SoothePOSIX.POSIXError(Int32($0.code), call: "mkdir").reason } ?? (error as NSError).localizedDescription
    }

    /// Whether `a` and `b` are one existing file (same device and inode, through any link).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var x = stat(), y = stat()
        return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return path.hasSuffix("/") || (FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue)
    }
}
