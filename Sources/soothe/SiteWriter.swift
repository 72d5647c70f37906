import ArgumentParser
import Foundation
import SootheAudioIO
import SootheCore
import SootheFormats
import SootheRender
import Synchronization

/// `render --site DIR [--feed URL] [--site-title TEXT]`: a folder to put on any static host.
struct SiteFlags: ParsableArguments {
    @Option(help: ArgumentHelp("Render into this folder as a site: captions, chapters and a timeline page per session, an index.html that plays them all and a playlist.m3u.", valueName: "folder"))
    var site: String?

    @Option(help: ArgumentHelp("With --site: the address the folder will be served from (http:// or https://); also writes feed.xml, a podcast feed.", valueName: "url"))
    var feed: String?

    @Option(help: ArgumentHelp("With --site: the catalogue's name on the page and in the feed (default: --album if given, else Guided sessions).", valueName: "title"))
    var siteTitle: String?

    func validate() throws {
        if site == nil {
            if feed != nil { throw ValidationError("--feed writes the podcast feed of a site: give --site DIR too") }
            if siteTitle != nil { throw ValidationError("--site-title names a site: give --site DIR too") }
        }
        if let feed {
            let lower = feed.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), feed.count > (lower.hasPrefix("https") ? 8 : 7),
                !feed.contains(where: { $0.isWhitespace || $0 == "?" || $0 == "#" })
            else {
                throw ValidationError("--feed must be the absolute http:// or https:// address the site folder is served from (e.g. https://example.org/sessions/), got '\(ControlCharacters.escaped(feed))'")
            }
        }
    }

    /// The site's writer, with `flags` set for it (output into the folder; captions, chapters and
    /// pages on), or nil without `--site`. `-o` with `--site` is bad usage (64): the site is
    /// where the files go.
    func writer(applyingTo flags: inout RenderFlags) throws -> SiteWriter? {
        guard let site else { return nil }
        if let output = flags.output {
            Console.fail("-o \(output) and --site \(site) both say where the files go: --site renders into its folder, so leave -o out")
            throw ExitStatus.usage
        }
        flags.output = site
        flags.captions = true
        flags.chapters = true
        flags.html = true
        flags.podcastChapters = true
        let base = feed.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        // The files' album and artist name the catalogue too, unless the site is given its own title.
        return SiteWriter(folder: site, feedBase: base, title: siteTitle ?? flags.album ?? "Guided sessions", author: flags.artist ?? "soothe")
    }
}

/// Collects what a batch renders into a site folder, then writes the folder's index page,
/// playlist, feed and each session's JSON chapters.
final class SiteWriter: Sendable {
    let folder: String
    /// The URL the folder is served from, ending in `/`; nil: no feed.
    let feedBase: String?
    let title: String
    /// Who the catalogue is by (the feed's author and owner).
    let author: String
    /// The timeline of each job, by its audio path.
    private let timelines = Mutex<[String: Timeline]>([:])

    init(folder: String, feedBase: String?, title: String, author: String) {
        self.folder = folder
        self.feedBase = feedBase
        self.title = title
        self.author = author
    }

    /// Records the timeline of the session whose audio goes to `path` (its title, summary and
    /// `when:` are listed; the batch's outcome gives the file's length and size).
    func note(path: String, timeline: Timeline) {
        timelines.withLock { $0[path] = timeline }
    }

    /// Writes `index.html`, `playlist.m3u` and (with `--feed`) `feed.xml`, listing the batch's
    /// sessions that have a file (rendered now or left unchanged) in order; exits 73 when a
    /// file cannot be written. Each session's `ID.chapters.json` is written beside its audio
    /// by the render.
    func write(_ outcomes: [BatchOutcome]) throws {
        let known = timelines.withLock { $0 }
        var entries: [SiteEntry] = []
        for outcome in outcomes where outcome.status == .rendered || outcome.status == .unchanged {
            guard let path = outcome.file, let timeline = known[path], let length = outcome.length, let size = outcome.size else { continue }
            let relative = relativePath(Self.withoutExtension(path))
            entries.append(SiteEntry(
                id: timeline.id, title: timeline.title, summary: timeline.summary,
                language: SpeechLanguage(espeak: timeline.voice.espeak).tag, voice: timeline.voice.name,
                duration: length, audio: relativePath(path), bytes: size,
                captions: relative + ".vtt", chapterTrack: relative + ".chapters.vtt",
                chapterList: relative + ".chapters.json", page: relative + ".html", when: timeline.when))
        }
        let cover = ["cover.jpg", "cover.jpeg", "cover.png"].first {
            FileManager.default.fileExists(atPath: RenderRunner.path($0, in: folder))
        }
        let catalogue = SiteCatalogue(
            title: title, description: "Guided self-soothing sessions to listen to anywhere, made with soothe.",
            author: author, entries: entries, cover: cover)
        try Workspace.writeText(SiteIndex.page(catalogue, feed: feedBase.map { $0 + PodcastFeed.fileName }), to: RenderRunner.path(SiteIndex.fileName, in: folder))
        try Workspace.writeText(Playlist.m3u(catalogue), to: RenderRunner.path(SiteIndex.playlistName, in: folder))
        if let feedBase {
            let feedPath = RenderRunner.path(PodcastFeed.fileName, in: folder)
            // An episode keeps the date it was first published with, however often it is re-rendered.
            let before = (try? String(contentsOfFile: feedPath, encoding: .utf8)).map(PodcastFeed.publicationTimes(in:)) ?? [:]
            let times = PodcastFeed.publicationTimes(catalogue, now: Self.now(), keeping: before)
            try Workspace.writeText(PodcastFeed.rss(catalogue, baseURL: feedBase, published: times), to: feedPath)
        }
    }

    /// When a new episode is published: `SOURCE_DATE_EPOCH`, else the start of today (UTC),
    /// the date the audio files carry, so renders on one day write the same feed.
    static func now() -> Int {
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Int.init) { return epoch }
        let seconds = Int(Date().timeIntervalSince1970)
        return seconds - seconds % 86400
    }

    /// `path` without its file name's extension, as typed (`s/calm` for `s/calm.opus`): the
    /// name the captions and pages beside it share.
    static func withoutExtension(_ path: String) -> String {
        let name = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        guard let dot = path[name...].lastIndex(of: "."), dot != name else { return path }
        return String(path[..<dot])
    }

    /// `path` relative to the site folder (the batch names every file inside it).
    func relativePath(_ path: String) -> String {
        var prefix = Substring(folder)
        while prefix.count > 1, prefix.hasSuffix("/") { prefix = prefix.dropLast() }
        let start = prefix == "/" ? "/" : prefix + "/"
        return path.hasPrefix(start) ? String(path.dropFirst(start.count)) : path
    }
}
