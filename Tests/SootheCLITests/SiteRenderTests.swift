import Foundation
import Testing

/// `render --site DIR --feed URL`: a folder a static host can serve, checked with a real feed
/// parser (Python's feedparser) and a real browser (headless Chromium).
@Suite(.serialized) struct SiteRenderTests {
    static let base = "https://example.org/calm/"
    static let scripts = [
        "short-calm.yaml": """
            title: Short <Calm> & "Quiet"
            summary: A short check of the site & its feed.
            when: You want to check a site.
            steps:
              - chime: soft-chime
              - say: Breathe in slowly, and let it go.
              - breathe: {pattern: 2-0-2-0, cycles: 2}
              - say: Well done.
              - pause: 1s

            """,
        "calma-breve.yaml": """
            title: Calma breve
            summary: Una prueba corta.
            voice: calma
            steps:
              - say: Respira despacio.
              - pause: 1s

            """,
    ]

    /// What Python's feedparser makes of a feed (and, for the Podcasting 2.0 tags it does not
    /// read, ElementTree).
    struct ParsedFeed: Decodable {
        struct Enclosure: Decodable {
            var href: String
            var length: String
            var type: String
        }
        struct Entry: Decodable {
            var title: String
            var id: String
            var published: Bool
            var duration: String?
            var enclosures: [Enclosure]
            var chapters: String?
            var chaptersType: String?
            var transcript: String?
            var link: String?
        }
        var bozo: Bool
        var error: String
        var version: String
        var title: String?
        var author: String?
        var image: String?
        var items: Int
        var entries: [Entry]
    }

    static let parser = """
        import json, sys, feedparser, xml.etree.ElementTree as ET
        d = feedparser.parse(sys.argv[1])
        ns = {"podcast": "https://podcastindex.org/namespace/1.0"}
        items = ET.parse(sys.argv[1]).getroot().findall("./channel/item")
        def attr(item, tag, name):
            node = item.find(tag, ns)
            return None if node is None else node.get(name)
        print(json.dumps({
            "bozo": bool(d.bozo), "error": str(d.get("bozo_exception", "")), "version": d.version,
            "title": d.feed.get("title"), "author": d.feed.get("author"), "image": d.feed.get("image", {}).get("href"), "items": len(items),
            "entries": [{
                "title": e.title, "id": e.id, "published": e.get("published_parsed") is not None,
                "duration": e.get("itunes_duration"),
                "enclosures": [{"href": x.href, "length": x.length, "type": x.type} for x in e.enclosures],
                "chapters": attr(i, "podcast:chapters", "url"), "chaptersType": attr(i, "podcast:chapters", "type"),
                "transcript": attr(i, "podcast:transcript", "url"), "link": e.get("link"),
            } for e, i in zip(d.entries, items)],
        }))
        """

    static func parseFeed(_ path: String, in folder: TemporaryFolder) throws -> ParsedFeed {
        let script = try folder.write("parse-feed.py", parser)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script, path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "feedparser did not run: apt-get install python3-feedparser (make test-deps)")
        return try JSONDecoder().decode(ParsedFeed.self, from: data)
    }

    /// The file a site-relative, percent-encoded reference names.
    static func local(_ reference: String, in site: String) -> String {
        site + "/" + (reference.removingPercentEncoding ?? reference)
    }

    /// The start times and titles of a WebVTT chapters track.
    static func vttChapters(_ path: String) throws -> [(Double, String)] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        return lines.indices.compactMap { index in
            guard let match = lines[index].wholeMatch(of: #/(\d+):(\d+):(\d+)\.(\d+) --> .*/#), index + 1 < lines.count else { return nil }
            let seconds = Double(match.output.1)! * 3600 + Double(match.output.2)! * 60 + Double(match.output.3)! + Double(match.output.4)! / 1000
            return (seconds, lines[index + 1])
        }
    }

    @Test func siteWithFeedParsesAndEveryFileItNamesExists() throws {
        let folder = try TemporaryFolder()
        let cache = folder.file("cache")
        let paths = try Self.scripts.keys.sorted().map { try folder.write($0, Self.scripts[$0]!) }
        let site = folder.file("site")
        // A cover the therapist put in the folder becomes the feed's and the page's picture.
        try folder.write("site/cover.jpg", "not really a JPEG")
        // A folder named relatively, as typed at a prompt: every address in the site is relative to it.
        let render = try SootheCLI.run(
            ["render"] + paths + ["--site", "site", "--feed", "https://example.org/calm", "--format", "mp3", "--sample-rate", "22050", "--channels", "1", "-q",
             "--album", "Calm Nights", "--artist", "Dr. Lee & Co"],
            in: folder.path, cache: cache)
        try #require(render.status == 0, "\(render)")
        let ids = ["calma-breve", "short-calm"]
        var durations: [String: Double] = [:]
        for (id, path) in zip(ids, paths) {
            let preview = try SootheCLI.run(["preview", path, "--format", "json"], cache: cache)
            let sheet = try #require(try JSONSerialization.jsonObject(with: Data(preview.stdout.utf8)) as? [String: Any])
            durations[id] = try #require(sheet["duration"] as? Double)
            for ext in ["mp3", "vtt", "chapters.vtt", "chapters.json", "html"] {
                #expect(FileManager.default.fileExists(atPath: "\(site)/\(id).\(ext)"), "\(id).\(ext)")
            }
        }

        // The feed, as a podcast app's parser reads it.
        let feed = try Self.parseFeed(site + "/feed.xml", in: folder)
        #expect(!feed.bozo, "feedparser: \(feed.error)")
        #expect(feed.version == "rss20")
        // The files' album and artist name the catalogue when the site has no title of its own.
        #expect(feed.title == "Calm Nights")
        #expect(feed.author == "Dr. Lee & Co")
        #expect(feed.image == Self.base + "cover.jpg")
        #expect(feed.items == 2 && feed.entries.count == 2)
        #expect(feed.entries.map(\.title) == ["Calma breve", "Short <Calm> & \"Quiet\""])
        #expect(feed.entries.map(\.id) == ["calma-breve/es/calma", "short-calm/en-US/gentle"])
        for (id, entry) in zip(ids, feed.entries) {
            #expect(entry.published)
            let enclosure = try #require(entry.enclosures.first)
            #expect(entry.enclosures.count == 1)
            #expect(enclosure.href == Self.base + id + ".mp3")
            #expect(enclosure.type == "audio/mpeg")
            let size = try FileManager.default.attributesOfItem(atPath: "\(site)/\(id).mp3")[.size] as? Int
            #expect(Int(enclosure.length) == size, "\(id): enclosure length \(enclosure.length), file \(String(describing: size))")
            #expect(entry.duration == String(Int(try #require(durations[id]).rounded())))
            #expect(entry.transcript == Self.base + id + ".vtt")
            #expect(entry.link == Self.base + id + ".html")
            #expect(entry.chaptersType == "application/json+chapters")

            // The JSON chapters exist where the feed says, and start where the chapters track does.
            let chaptersURL = try #require(entry.chapters)
            #expect(chaptersURL.hasPrefix(Self.base))
            let json = Self.local(String(chaptersURL.dropFirst(Self.base.count)), in: site)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
            #expect(object["version"] as? String == "1.2.0")
            let chapters = try #require(object["chapters"] as? [[String: Any]])
            let track = try Self.vttChapters("\(site)/\(id).chapters.vtt")
            #expect(!track.isEmpty)
            #expect(chapters.map { $0["startTime"] as? Double } == track.map(\.0))
            #expect(chapters.map { $0["title"] as? String } == track.map(\.1))
        }

        // The playlist: every file once, each present, with its length.
        let playlist = try String(contentsOfFile: site + "/playlist.m3u", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(playlist.first == "#EXTM3U")
        let files = playlist.filter { !$0.hasPrefix("#") }
        #expect(files == ids.map { $0 + ".mp3" })
        for file in files { #expect(FileManager.default.fileExists(atPath: site + "/" + file), "\(file)") }
        #expect(playlist.filter { $0.hasPrefix("#EXTINF:") } == [
            "#EXTINF:\(Int(durations["calma-breve"]!.rounded())),Calma breve",
            "#EXTINF:\(Int(durations["short-calm"]!.rounded())),Short <Calm> & \"Quiet\"",
        ])

        // The page, as a browser builds it from file:// (nothing else to fetch), in a frame as wide
        // as a phone (a headless window is wider); one browser run, which copies the page's DOM
        // into an inert template of the frame's page so that the dump holds it.
        let frame = try folder.write("site/phone.html", """
            <!DOCTYPE html><html><body style="margin:0">
            <iframe id="f" src="index.html" style="width:375px;height:812px;border:0"></iframe>
            <template id="copy"></template>
            <script>
            document.getElementById("f").onload = function () {
              var d = this.contentDocument;
              document.getElementById("copy").content.appendChild(document.importNode(d.documentElement, true));
              document.body.setAttribute("data-window-width", String(this.contentWindow.innerWidth));
              document.body.setAttribute("data-scroll-width", String(d.documentElement.scrollWidth));
              document.body.setAttribute("data-widest", String(Math.max.apply(null,
                Array.prototype.map.call(d.querySelectorAll("main *"), function (a) { return a.getBoundingClientRect().right; }))));
            };
            </script></body></html>
            """)
        let dump = try HeadlessChromium.dumpDOM(HeadlessChromium.fileURL(frame), budget: 1000, allowFileAccess: true, in: folder)
        let body = try #require(startTag(dump, "body"), "no body in:\n\(dump.prefix(500))")
        #expect(body["data-window-width"] == "375")
        let scroll = try #require(body["data-scroll-width"].flatMap(Double.init), "\(body)")
        #expect(scroll <= 375, "the index page scrolls sideways at 375 px")
        #expect(try #require(body["data-widest"].flatMap(Double.init)) <= 375, "an element of the page reaches past 375 px")

        let copy = try #require(dump.range(of: "<template id=\"copy\">"), "the frame's page was not copied")
        let dom = String(dump[copy.upperBound...])
        let main = try #require(startTag(dom, "main id=\"soothe-site\""), "no site root in:\n\(dom.prefix(500))")
        #expect(main["data-count"] == "2")
        let articles = dom.matches(of: #/<article class="session" data-id="([^"]*)"/#).map { String($0.output.1) }
        // Grouped by language, as named: one language each, so the first's leads.
        #expect(articles == ["calma-breve", "short-calm"])
        #expect(dom.contains("<h2 id=\"lang-es\">Español</h2>"))
        #expect(dom.contains("Short &lt;Calm&gt; &amp; \"Quiet\""))
        #expect(dom.contains("<p class=\"when\">You want to check a site.</p>"))
        let sources = dom.matches(of: #/<source src="([^"]*)" type="([^"]*)"/#).map { (String($0.output.1), String($0.output.2)) }
        #expect(sources.map(\.0) == ["calma-breve.mp3", "short-calm.mp3"])
        #expect(sources.allSatisfy { $0.1 == "audio/mpeg" })
        let tracks = dom.matches(of: #/<track kind="(captions|chapters)" src="([^"]*)"/#).map { String($0.output.2) }
        #expect(tracks.count == 4)
        let links = dom.matches(of: #/<a href="([^"]*)"/#).map { String($0.output.1) }
            + dom.matches(of: #/<img class="cover" src="([^"]*)"/#).map { String($0.output.1) }
        #expect(links.contains("cover.jpg"))
        #expect(links.contains("short-calm.html") && links.contains("calma-breve.html"))
        for reference in sources.map(\.0) + tracks + links where !reference.contains(":") {
            #expect(FileManager.default.fileExists(atPath: Self.local(reference, in: site)), "\(reference) does not exist")
        }
    }

    @Test func siteWithoutFeedHasNoFeedAndTheLanguageMatrixIsGrouped() throws {
        let folder = try TemporaryFolder()
        let cache = folder.file("cache")
        let script = try folder.write("short-calm.yaml", Self.scripts["short-calm.yaml"]!)
        let template = try SootheCLI.run(["translate", script, "--lang", "de"], cache: cache)
        try #require(template.status == 0, "\(template)")
        try folder.write("translations/de/short-calm.yaml", template.stdout)
        let site = folder.file("site")
        let render = try SootheCLI.run(
            ["render", script, "--lang", "de", "--site", "site/", "--format", "wav", "--sample-rate", "22050", "--channels", "1", "-q"],
            in: folder.path, cache: cache)
        try #require(render.status == 0, "\(render)")
        #expect(!FileManager.default.fileExists(atPath: site + "/feed.xml"))
        let page = try String(contentsOfFile: site + "/index.html", encoding: .utf8)
        #expect(page.contains("<source src=\"de/sanft/short-calm.wav\" type=\"audio/wav\" />"))
        #expect(page.contains("<a href=\"de/sanft/short-calm.html\">Timeline</a>"))
        #expect(!page.contains("feed.xml"))
        for ext in ["wav", "vtt", "chapters.vtt", "chapters.json", "html"] {
            #expect(FileManager.default.fileExists(atPath: "\(site)/de/sanft/short-calm.\(ext)"), "\(ext)")
        }
        #expect(try String(contentsOfFile: site + "/playlist.m3u", encoding: .utf8).hasSuffix("\nde/sanft/short-calm.wav\n"))
    }

    /// A site rendered again with nothing changed leaves every session as it was (the folder
    /// keeps a manifest) and still lists each on the page and in the playlist, with its chapters.
    @Test func siteRenderedAgainListsTheSessionsLeftUnchanged() throws {
        let folder = try TemporaryFolder()
        let cache = folder.file("cache")
        var scripts: [String] = []
        for (name, text) in Self.scripts.sorted(by: { $0.key < $1.key }) { scripts.append(try folder.write(name, text)) }
        let arguments = ["render"] + scripts + ["--site", "site", "--format", "wav", "--sample-rate", "22050", "--channels", "1", "--json"]
        let first = try SootheCLI.run(arguments, in: folder.path, cache: cache)
        try #require(first.status == 0, "\(first)")
        let site = folder.file("site")
        let page = try String(contentsOfFile: site + "/index.html", encoding: .utf8)
        let playlist = try String(contentsOfFile: site + "/playlist.m3u", encoding: .utf8)
        let again = try SootheCLI.run(arguments, in: folder.path, cache: cache)
        try #require(again.status == 0, "\(again)")
        #expect(again.stdout.components(separatedBy: "\"status\": \"unchanged\"").count - 1 == 2, "\(again.stdout)")
        #expect(try String(contentsOfFile: site + "/index.html", encoding: .utf8) == page)
        #expect(try String(contentsOfFile: site + "/playlist.m3u", encoding: .utf8) == playlist)
        for id in ["short-calm", "calma-breve"] {
            #expect(page.contains("<source src=\"\(id).wav\""), "\(id)")
            #expect(FileManager.default.fileExists(atPath: "\(site)/\(id).chapters.json"), "\(id)")
        }
    }

    /// Shards rendering into one site folder (a shared volume) each write the index of what the
    /// folder holds: after both, the page, playlist and feed list every session, while each
    /// shard's summary reports its own.
    @Test func shardsSharingASiteFolderListTheWholeCatalogue() throws {
        let folder = try TemporaryFolder()
        let cache = folder.file("cache")
        for (name, text) in Self.scripts { try folder.write("scripts/" + name, text) }
        let site = folder.file("site")
        func shard(_ k: Int) throws -> [String] {
            let result = try SootheCLI.run(
                ["render", "--catalogue", "scripts", "--site", "site", "--feed", Self.base, "--shard", "\(k)/2", "--format", "wav", "--sample-rate", "22050", "--channels", "1", "--json"],
                in: folder.path, cache: cache, environment: CatalogueRenderTests.noCI)
            try #require(result.status == 0, "\(result)")
            return try CatalogueRenderTests.summary(result).compactMap { $0["session"] as? String }
        }
        func listed() throws -> (page: String, playlist: String, items: Int) {
            let feed = try Self.parseFeed(site + "/feed.xml", in: folder)
            #expect(!feed.bozo, "\(feed.error)")
            return (try String(contentsOfFile: site + "/index.html", encoding: .utf8),
                    try String(contentsOfFile: site + "/playlist.m3u", encoding: .utf8), feed.items)
        }
        let one = try shard(1)
        #expect(one.count == 1)
        #expect(try listed().items == 1)
        let two = try shard(2)
        #expect(two.count == 1 && Set(one + two) == ["short-calm", "calma-breve"], "\(one) \(two)")
        let whole = try listed()
        #expect(whole.items == 2)
        for id in ["short-calm", "calma-breve"] {
            #expect(whole.page.contains("<source src=\"\(id).wav\""), "\(id)")
            #expect(whole.playlist.contains("\(id).wav"), "\(id)")
        }
        // The first shard again, nothing changed: its own session unchanged, the site still whole.
        #expect(try shard(1) == one)
        let again = try listed()
        #expect(again.page == whole.page && again.playlist == whole.playlist && again.items == 2)
    }

    @Test func siteUsageErrors() throws {
        let rows: [([String], String)] = [
            (["render", "box-breathing", "--feed", "https://example.org/"], "give --site DIR too"),
            (["render", "box-breathing", "--site", "s", "--feed", "example.org/calm"], "--feed must be the absolute http:// or https://"),
            (["render", "box-breathing", "--site", "s", "-o", "out/"], "leave -o out"),
            (["render", "box-breathing", "--site-title", "Mine"], "give --site DIR too"),
        ]
        for (arguments, message) in rows {
            let result = try SootheCLI.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }
}
