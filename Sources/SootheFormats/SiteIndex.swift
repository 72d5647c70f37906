import SootheCore

/// The page a site folder opens with (`index.html`): every session with a player, its length,
/// the moment it is for, its summary and links to its timeline page, captions and file; the playlist and, when there
/// is one, the podcast feed to subscribe to. Static: no script, nothing fetched from elsewhere,
/// readable at phone width; well-formed XML as well as HTML; all text escaped.
public enum SiteIndex {
    /// The page's file name in the site folder.
    public static let fileName = "index.html"
    /// The playlist's file name in the site folder.
    public static let playlistName = "playlist.m3u"

    /// The page for `catalogue`; `feed` is the feed's absolute URL when one is written. With
    /// more than one language (`en-US` and `en-GB` are one) the sessions are grouped by
    /// language, in order of first appearance, each group headed by the language's own name.
    public static func page(_ catalogue: SiteCatalogue, feed: String? = nil) -> String {
        let e = HTMLText.escape
        let lang = catalogue.language
        var out = "<!DOCTYPE html>\n<html lang=\"\(e(lang))\">\n<head>\n<meta charset=\"utf-8\" />\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
        out += "<meta name=\"color-scheme\" content=\"light\" />\n<meta name=\"generator\" content=\"soothe\" />\n"
        out += "<title>\(e(catalogue.title))</title>\n"
        if feed != nil {
            out += "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"\(e(catalogue.title))\" href=\"\(PodcastFeed.fileName)\" />\n"
        }
        out += "<style>\n\(css)</style>\n</head>\n<body>\n"
        out += "<main id=\"soothe-site\" data-count=\"\(catalogue.entries.count)\">\n<header>\n"
        if let cover = catalogue.cover {
            out += "<img class=\"cover\" src=\"\(e(HTMLText.urlPath(cover)))\" alt=\"\" width=\"96\" height=\"96\" />\n"
        }
        out += "<h1>\(e(catalogue.title))</h1>\n<p class=\"summary\">\(e(catalogue.description))</p>\n"
        out += "<p class=\"subscribe\" lang=\"en\">Play here, open <a href=\"\(playlistName)\">the playlist</a> in a music player"
        if let feed {
            out += ", or subscribe in a podcast app with this address: <a class=\"feed\" href=\"\(PodcastFeed.fileName)\">\(e(feed))</a>"
        }
        out += ".</p>\n</header>\n"
        // Grouped by language, not by dialect: en-US and en-GB voices share "English".
        var seen: Set<String> = []
        let languages = catalogue.entries.map { primary($0.language) }.filter { seen.insert($0).inserted }
        for language in languages {
            let grouped = languages.count > 1
            if grouped {
                out += "<section class=\"language\" lang=\"\(e(language))\" aria-labelledby=\"lang-\(e(language))\">\n"
                out += "<h2 id=\"lang-\(e(language))\">\(e(name(of: language)))</h2>\n"
            }
            for entry in catalogue.entries where primary(entry.language) == language {
                article(entry, into: &out)
            }
            if grouped { out += "</section>\n" }
        }
        out += "<footer lang=\"en\"><p>Made with soothe. A practice aid, not a replacement for therapy or medical care.</p></footer>\n"
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    static func article(_ entry: SiteEntry, into out: inout String) {
        let e = HTMLText.escape, u = { (path: String) in e(HTMLText.urlPath(path)) }
        out += "<article class=\"session\" data-id=\"\(e(entry.id))\" data-guid=\"\(e(entry.guid))\" lang=\"\(e(entry.language))\">\n"
        out += "<h3>\(e(entry.title))</h3>\n"
        out += "<p class=\"meta\" lang=\"en\"><span class=\"length\">\(DurationParser.clock(entry.duration))</span> · voice \(e(entry.voice))</p>\n"
        if let when = entry.when, !when.isEmpty { out += "<p class=\"when\">\(e(when))</p>\n" }
        if let summary = entry.summary, !summary.isEmpty { out += "<p class=\"summary\">\(e(summary))</p>\n" }
        out += "<audio controls=\"controls\" preload=\"none\">"
        out += "<source src=\"\(u(entry.audio))\" type=\"\(e(entry.mediaType?.html ?? "application/octet-stream"))\" />"
        if let captions = entry.captions {
            out += "<track kind=\"captions\" src=\"\(u(captions))\" srclang=\"\(e(entry.language))\" label=\"Captions\" />"
        }
        if let chapters = entry.chapterTrack {
            out += "<track kind=\"chapters\" src=\"\(u(chapters))\" srclang=\"\(e(entry.language))\" label=\"Chapters\" />"
        }
        out += "<a href=\"\(u(entry.audio))\">Download the audio</a></audio>\n"
        out += "<p class=\"links\" lang=\"en\">"
        var links: [String] = []
        if let page = entry.page { links.append("<a href=\"\(u(page))\">Timeline</a>") }
        if let captions = entry.captions { links.append("<a href=\"\(u(captions))\">Captions</a>") }
        links.append("<a href=\"\(u(entry.audio))\" download=\"\">Download (\(size(entry.bytes)))</a>")
        out += links.joined(separator: " · ") + "</p>\n</article>\n"
    }

    /// The primary language subtag of a BCP 47 tag, lowercase (`en` for `en-GB-x-rp`).
    static func primary(_ tag: String) -> String {
        String(tag.prefix { $0 != "-" }).lowercased()
    }

    /// A language's own name for a heading (`Deutsch` for `de`), or its subtag for one soothe
    /// has no words in.
    static func name(of language: String) -> String {
        let names = ["en": "English", "es": "Español", "de": "Deutsch", "fr": "Français", "pt": "Português", "it": "Italiano"]
        return names[language] ?? language
    }

    /// Bytes as a person reads a download's size: `2.3 MB`, `840 KB`.
    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20 {
            let tenths = (Double(bytes) / 1_048_576 * 10).rounded()
            return "\(Int(tenths) / 10).\(Int(tenths) % 10)\u{00A0}MB"
        }
        return "\(Int((Double(bytes) / 1024).rounded()))\u{00A0}KB"
    }

    static let css: String = {
        let p = HTMLPalette.calm
        return """
            *, *::before, *::after { box-sizing: border-box; }
            html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
            body { margin: 0; background: \(p.page); color: \(p.text);
              font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
            main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; overflow-wrap: anywhere; }
            h1 { margin: 0 0 .4rem; font-size: clamp(1.5rem, 5vw, 2.2rem); font-weight: 600; line-height: 1.2; }
            h2 { margin: 1.5rem 0 .75rem; font-size: 1.25rem; font-weight: 600; }
            h3 { margin: 0 0 .2rem; font-size: 1.1rem; font-weight: 600; }
            .cover { float: right; margin: 0 0 .5rem 1rem; border-radius: 10px; }
            header { margin-bottom: 1.25rem; }
            .summary { margin: 0 0 .6rem; }
            .when { margin: 0 0 .4rem; font-style: italic; }
            .subscribe, .meta, .links { color: \(p.mutedText); font-size: .9rem; margin: 0 0 .6rem; }
            .session { background: \(p.surface); border: 1px solid \(p.grid); border-radius: 14px; padding: 1rem; margin: 0 0 1rem; }
            audio { display: block; width: 100%; margin: .4rem 0 .6rem; }
            a { color: \(p.accent); }
            a:focus-visible { outline: 3px solid \(p.focus); outline-offset: 2px; }
            footer { color: \(p.mutedText); font-size: .85rem; margin-top: 2rem; }

            """
    }()
}
