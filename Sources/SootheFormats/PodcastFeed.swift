import Foundation
import SootheCore

/// A podcast feed of a site's sessions: RSS 2.0 with the iTunes and Podcasting 2.0 namespaces,
/// so any podcast app can subscribe to a folder put on a static host.
public enum PodcastFeed {
    /// The feed's file name in the site folder.
    public static let fileName = "feed.xml"

    /// The feed of `catalogue` served from `baseURL` (absolute, ending in `/`): one item per
    /// entry, in order, with its enclosure (`length` the file's bytes, `type` its container's
    /// media type), `itunes:duration` in whole seconds, `podcast:chapters` (JSON) and
    /// `podcast:transcript` (WebVTT) when the entry has them. `published` gives each entry's
    /// `pubDate` (seconds since 1970) by ``SiteEntry/guid``; see ``publicationTimes(_:now:keeping:)``.
    public static func rss(_ catalogue: SiteCatalogue, baseURL: String, published: [String: Int]) -> String {
        let e = HTMLText.escape
        let url = { (path: String) in e(baseURL + HTMLText.urlPath(path)) }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\""
        out += " xmlns:podcast=\"https://podcastindex.org/namespace/1.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n"
        out += "<channel>\n"
        out += "  <title>\(e(catalogue.title))</title>\n"
        out += "  <link>\(e(baseURL))</link>\n"
        out += "  <description>\(e(catalogue.description))</description>\n"
        out += "  <language>\(e(catalogue.language))</language>\n"
        out += "  <generator>soothe</generator>\n"
        out += "  <atom:link href=\"\(url(fileName))\" rel=\"self\" type=\"application/rss+xml\" />\n"
        out += "  <itunes:author>\(e(catalogue.author))</itunes:author>\n"
        out += "  <itunes:category text=\"Health &amp; Fitness\"><itunes:category text=\"Mental Health\" /></itunes:category>\n"
        out += "  <itunes:explicit>false</itunes:explicit>\n"
        out += "  <itunes:type>episodic</itunes:type>\n"
        if let cover = catalogue.cover {
            out += "  <itunes:image href=\"\(url(cover))\" />\n"
            out += "  <image><url>\(url(cover))</url><title>\(e(catalogue.title))</title><link>\(e(baseURL))</link></image>\n"
        }
        for entry in catalogue.entries {
            out += "  <item>\n"
            out += "    <title>\(e(entry.title))</title>\n"
            out += "    <description>\(e(entry.summary.flatMap { $0.isEmpty ? nil : $0 } ?? entry.title))</description>\n"
            out += "    <guid isPermaLink=\"false\">\(e(entry.guid))</guid>\n"
            out += "    <pubDate>\(rfc822(published[entry.guid] ?? 0))</pubDate>\n"
            if let page = entry.page { out += "    <link>\(url(page))</link>\n" }
            out += "    <enclosure url=\"\(url(entry.audio))\" length=\"\(entry.bytes)\" type=\"\(e(entry.mediaType?.enclosure ?? "application/octet-stream"))\" />\n"
            out += "    <itunes:duration>\(Int(entry.duration.rounded()))</itunes:duration>\n"
            out += "    <itunes:explicit>false</itunes:explicit>\n"
            if let chapters = entry.chapterList {
                out += "    <podcast:chapters url=\"\(url(chapters))\" type=\"\(PodcastChapters.mediaType)\" />\n"
            }
            if let captions = entry.captions {
                out += "    <podcast:transcript url=\"\(url(captions))\" type=\"text/vtt\" language=\"\(e(entry.language))\" rel=\"captions\" />\n"
            }
            out += "  </item>\n"
        }
        out += "</channel>\n</rss>\n"
        return out
    }

    /// Each entry's publication time, by guid: the one in `keeping` (read from the feed written
    /// before, ``publicationTimes(in:)``) for an entry already published, so re-rendering never
    /// moves an episode; else `now` less a minute for each entry before it, so apps, newest first,
    /// list new entries in the catalogue's order.
    public static func publicationTimes(_ catalogue: SiteCatalogue, now: Int, keeping: [String: Int]) -> [String: Int] {
        var times: [String: Int] = [:]
        for (index, entry) in catalogue.entries.enumerated() {
            times[entry.guid] = keeping[entry.guid] ?? now - 60 * index
        }
        return times
    }

    /// The publication time of each item of a feed this writer made, by guid; items whose date
    /// is not in the form written here are left out.
    public static func publicationTimes(in feed: String) -> [String: Int] {
        var times: [String: Int] = [:]
        for item in feed.components(separatedBy: "<item>").dropFirst() {
            guard let guid = element(item, open: "<guid isPermaLink=\"false\">", close: "</guid>"),
                let date = element(item, open: "<pubDate>", close: "</pubDate>"),
                let seconds = seconds(rfc822: date)
            else { continue }
            times[unescape(guid)] = seconds
        }
        return times
    }

    static func element(_ text: String, open: String, close: String) -> String? {
        guard let start = text.range(of: open), let end = text.range(of: close, range: start.upperBound..<text.endIndex) else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Seconds since 1970 as RFC 822 writes a date in UTC: `Fri, 04 Dec 2026 00:00:00 +0000`.
    static func rfc822(_ seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400)
        let time = seconds - days * 86400
        let (year, month, day) = civil(days: days)
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return "\(weekdays[((days % 7) + 7) % 7]), \(two(day)) \(months[month - 1]) \(year) \(two(time / 3600)):\(two(time / 60 % 60)):\(two(time % 60)) +0000"
    }

    /// The inverse of ``rfc822(_:)``, or nil for text not in its form.
    static func seconds(rfc822 text: String) -> Int? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "+0000", let day = Int(parts[1]), let month = months.firstIndex(of: String(parts[2])),
            let year = Int(parts[3])
        else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, (1...31).contains(day), (0..<24).contains(clock[0]), (0..<60).contains(clock[1]), (0..<60).contains(clock[2]) else { return nil }
        let seconds = days(year: year, month: month + 1, day: day) * 86400 + clock[0] * 3600 + clock[1] * 60 + clock[2]
        return rfc822(seconds) == text ? seconds : nil
    }

    /// Days since 1970-01-01 of a date in the proleptic Gregorian calendar.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    /// The date `days` after 1970-01-01.
    static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
