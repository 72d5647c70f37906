import Foundation
import Testing
import SootheCore
@testable import SootheFormats
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The site's index page, playlist, podcast feed and JSON chapters, written from data.
@Suite struct SiteFormatsTests {
    static let catalogue = SiteCatalogue(
        title: "Calm & \"Quiet\" <Sessions>", description: "For a hard moment.\nOr a slow one.", author: "A <Therapist>",
        entries: [
            SiteEntry(
                id: "belly-breathing", title: "Belly <Breathing> & more", summary: "Slow breaths, \"deep\".", language: "en-GB",
                voice: "gentle", duration: 307.6, audio: "belly-breathing.opus", bytes: 2_345_678, captions: "belly-breathing.vtt",
                chapterTrack: "belly-breathing.chapters.vtt", chapterList: "belly-breathing.chapters.json", page: "belly-breathing.html",
                when: "Your <heart> races."),
            SiteEntry(
                id: "mi sesión #2", title: "Respiración", summary: nil, language: "es-419", voice: "calma-419", duration: 59.4,
                audio: "es/calma-419/mi sesión #2.mp3", bytes: 512, captions: "es/calma-419/mi sesión #2.vtt"),
            SiteEntry(
                id: "box", title: "Box", summary: "", language: "en-GB", voice: "warm", duration: 120, audio: "box.flac", bytes: 10),
        ],
        cover: "cover.jpg")

    func xml(_ text: String) throws -> XMLDocument {
        try XMLDocument(data: Data(text.utf8), options: [])
    }

    func strings(_ document: XMLDocument, _ path: String) throws -> [String] {
        try document.nodes(forXPath: path).map { $0.stringValue ?? "" }
    }

    @Test func mediaTypesByExtension() throws {
        let types = ["a.wav", "a.WAV", "a.flac", "a.ogg", "a.oga", "a.opus", "a.mp3"].map { AudioMediaType(path: $0) }
        #expect(types.map { $0?.enclosure } == ["audio/wav", "audio/wav", "audio/flac", "audio/ogg", "audio/ogg", "audio/ogg", "audio/mpeg"])
        #expect(types.map { $0?.html } == [
            "audio/wav", "audio/wav", "audio/flac", "audio/ogg; codecs=vorbis", "audio/ogg; codecs=vorbis",
            "audio/ogg; codecs=opus", "audio/mpeg",
        ])
        #expect(AudioMediaType(path: "a.vtt") == nil)
        #expect(AudioMediaType(path: "dir.mp3/a") == nil)
        #expect(AudioMediaType(path: ".mp3") == nil)
    }

    @Test func chaptersJSONFollowsThePodcastingSpec() throws {
        let chapters = [
            Chapter(title: "Opening \"bell\"\n", start: 0, end: 24.30049),
            Chapter(title: "Breathe 4-7-8-0 × 4", start: 24.30049, end: 100),
        ]
        let object = try #require(try JSONSerialization.jsonObject(with: Data(PodcastChapters.json(chapters).utf8)) as? [String: Any])
        #expect(object["version"] as? String == "1.2.0")
        let items = try #require(object["chapters"] as? [[String: Any]])
        #expect(items.map { $0["startTime"] as? Double } == [0, 24.3])
        #expect(items.map { $0["endTime"] as? Double } == [24.3, 100])
        #expect(items.map { $0["title"] as? String } == ["Opening \"bell\"\n", "Breathe 4-7-8-0 × 4"])
        let empty = try #require(try JSONSerialization.jsonObject(with: Data(PodcastChapters.json([]).utf8)) as? [String: Any])
        #expect((empty["chapters"] as? [Any])?.isEmpty == true)
    }

    @Test func playlistListsEveryFileWithItsLengthAndTitle() {
        var catalogue = Self.catalogue
        catalogue.entries[2].title = "Box\nbreathing\r\u{7}"
        let lines = Playlist.m3u(catalogue).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines == [
            "#EXTM3U", "#PLAYLIST:Calm & \"Quiet\" <Sessions>",
            "#EXTINF:308,Belly <Breathing> & more", "belly-breathing.opus",
            "#EXTINF:59,Respiración", "es/calma-419/mi sesión #2.mp3",
            "#EXTINF:120,Box breathing  ", "box.flac", "",
        ])
    }

    @Test func feedIsWellFormedRSSWithExactEnclosures() throws {
        let times = PodcastFeed.publicationTimes(Self.catalogue, now: 1_800_000_000, keeping: ["box/en-GB/warm": 951_782_400])
        let text = PodcastFeed.rss(Self.catalogue, baseURL: "https://example.org/calm/", published: times)
        let document = try xml(text)
        #expect(try strings(document, "/rss/@version") == ["2.0"])
        #expect(try strings(document, "/rss/channel/title") == ["Calm & \"Quiet\" <Sessions>"])
        #expect(try strings(document, "/rss/channel/language") == ["en-GB"])
        #expect(try strings(document, "/rss/channel/*[local-name()='author']") == ["A <Therapist>"])
        #expect(try strings(document, "/rss/channel/*[local-name()='explicit']") == ["false"])
        #expect(try strings(document, "/rss/channel/*[local-name()='image']/@href") == ["https://example.org/calm/cover.jpg"])
        #expect(try strings(document, "/rss/channel/*[local-name()='category']/@text") == ["Health & Fitness"])
        #expect(try strings(document, "//item/title") == ["Belly <Breathing> & more", "Respiración", "Box"])
        // A session without a summary is described by its title.
        #expect(try strings(document, "//item/description") == ["Slow breaths, \"deep\".", "Respiración", "Box"])
        #expect(try strings(document, "//item/guid") == ["belly-breathing/en-GB/gentle", "mi sesión #2/es-419/calma-419", "box/en-GB/warm"])
        #expect(try strings(document, "//item/guid/@isPermaLink") == ["false", "false", "false"])
        #expect(try strings(document, "//item/enclosure/@url") == [
            "https://example.org/calm/belly-breathing.opus", "https://example.org/calm/es/calma-419/mi%20sesi%C3%B3n%20%232.mp3",
            "https://example.org/calm/box.flac",
        ])
        #expect(try strings(document, "//item/enclosure/@length") == ["2345678", "512", "10"])
        #expect(try strings(document, "//item/enclosure/@type") == ["audio/ogg", "audio/mpeg", "audio/flac"])
        #expect(try strings(document, "//item/*[local-name()='duration']") == ["308", "59", "120"])
        #expect(try strings(document, "//item/*[local-name()='chapters']/@url") == ["https://example.org/calm/belly-breathing.chapters.json"])
        #expect(try strings(document, "//item/*[local-name()='chapters']/@type") == ["application/json+chapters"])
        #expect(try strings(document, "//item/*[local-name()='transcript']/@url") == [
            "https://example.org/calm/belly-breathing.vtt", "https://example.org/calm/es/calma-419/mi%20sesi%C3%B3n%20%232.vtt",
        ])
        // New episodes a minute apart in catalogue order; a published one keeps its date.
        #expect(try strings(document, "//item/pubDate") == [
            "Fri, 15 Jan 2027 08:00:00 +0000", "Fri, 15 Jan 2027 07:59:00 +0000", "Tue, 29 Feb 2000 00:00:00 +0000",
        ])
        #expect(text.contains("xmlns:podcast=\"https://podcastindex.org/namespace/1.0\""))
        #expect(text.contains("xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\""))
    }

    @Test func publicationTimesAreReadBackFromTheFeedWritten() {
        let times = PodcastFeed.publicationTimes(Self.catalogue, now: 1_800_000_123, keeping: [:])
        let feed = PodcastFeed.rss(Self.catalogue, baseURL: "https://example.org/", published: times)
        #expect(PodcastFeed.publicationTimes(in: feed) == times)
        // Re-rendering keeps every date, whatever day it is.
        let again = PodcastFeed.publicationTimes(Self.catalogue, now: 1_900_000_000, keeping: PodcastFeed.publicationTimes(in: feed))
        #expect(again == times)
        // A date in another form is not taken.
        let edited = feed.replacingOccurrences(of: "Fri, 15 Jan 2027 08:02:03 +0000", with: "yesterday")
        #expect(PodcastFeed.publicationTimes(in: edited)["belly-breathing/en-GB/gentle"] == nil)
        #expect(PodcastFeed.publicationTimes(in: edited).count == 2)
    }

    @Test func rfc822Dates() {
        #expect(PodcastFeed.rfc822(0) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(PodcastFeed.rfc822(1_800_000_000) == "Fri, 15 Jan 2027 08:00:00 +0000")
        #expect(PodcastFeed.rfc822(951_782_400) == "Tue, 29 Feb 2000 00:00:00 +0000")
        #expect(PodcastFeed.rfc822(-86400) == "Wed, 31 Dec 1969 00:00:00 +0000")
        for seconds in [0, 59, 951_782_399, 1_800_000_000, 4_102_444_800 + 86399] {
            #expect(PodcastFeed.seconds(rfc822: PodcastFeed.rfc822(seconds)) == seconds)
        }
        #expect(PodcastFeed.seconds(rfc822: "Thu, 31 Feb 2000 00:00:00 +0000") == nil)
        #expect(PodcastFeed.seconds(rfc822: "Thu, 01 Jan 1970 00:00:00 GMT") == nil)
    }

    @Test func indexPageListsEverySessionWithItsPlayer() throws {
        let text = SiteIndex.page(Self.catalogue, feed: "https://example.org/calm/feed.xml")
        let document = try xml(text)
        #expect(try strings(document, "/html/@lang") == ["en-GB"])
        #expect(try strings(document, "//meta[@name='viewport']/@content") == ["width=device-width, initial-scale=1"])
        #expect(try strings(document, "//h1") == ["Calm & \"Quiet\" <Sessions>"])
        #expect(try strings(document, "//article/@data-id") == ["belly-breathing", "box", "mi sesión #2"])
        #expect(try strings(document, "//article/h3") == ["Belly <Breathing> & more", "Box", "Respiración"])
        #expect(try strings(document, "//article//*[@class='length']") == ["5:08", "2:00", "0:59"])
        #expect(try strings(document, "//article/p[@class='when']") == ["Your <heart> races."])
        #expect(try strings(document, "//audio/@preload") == ["none", "none", "none"])
        #expect(try strings(document, "//audio/source/@src") == ["belly-breathing.opus", "box.flac", "es/calma-419/mi%20sesi%C3%B3n%20%232.mp3"])
        #expect(try strings(document, "//audio/source/@type") == ["audio/ogg; codecs=opus", "audio/flac", "audio/mpeg"])
        #expect(try strings(document, "//audio/track[@kind='captions']/@src") == ["belly-breathing.vtt", "es/calma-419/mi%20sesi%C3%B3n%20%232.vtt"])
        #expect(try strings(document, "//audio/track[@kind='chapters']/@src") == ["belly-breathing.chapters.vtt"])
        #expect(try strings(document, "//audio/track/@srclang") == ["en-GB", "en-GB", "es-419"])
        #expect(try strings(document, "//a[.='Timeline']/@href") == ["belly-breathing.html"])
        // Sizes that do not break across lines.
        #expect(try strings(document, "//a[@download]") == ["Download (2.2\u{00A0}MB)", "Download (0\u{00A0}KB)", "Download (1\u{00A0}KB)"])
        #expect(try strings(document, "//link[@rel='alternate']/@href") == ["feed.xml"])
        #expect(try strings(document, "//a[@class='feed']") == ["https://example.org/calm/feed.xml"])
        // Two languages: a section each, headed by the language's own name.
        #expect(try strings(document, "//section/h2") == ["English", "Español"])
        #expect(try strings(document, "//section/@lang") == ["en", "es"])
        // Nothing that a browser would fetch from elsewhere.
        for attribute in try strings(document, "//@src | //@href") {
            #expect(!attribute.contains(":"), "\(attribute)")
        }
        #expect(!text.contains("<script"))
    }

    @Test func indexPageOfOneLanguageHasNoSectionsAndNoFeedWithoutOne() throws {
        var catalogue = Self.catalogue
        catalogue.entries.remove(at: 1)
        // Two dialects of one language are one group.
        catalogue.entries[1].language = "en-US"
        catalogue.cover = nil
        let document = try xml(SiteIndex.page(catalogue))
        #expect(try document.nodes(forXPath: "//section").isEmpty)
        #expect(try document.nodes(forXPath: "//link[@rel='alternate'] | //a[@class='feed'] | //img").isEmpty)
        #expect(try strings(document, "//article/@data-id") == ["belly-breathing", "box"])
        #expect(try strings(document, "//a[.='the playlist']/@href") == ["playlist.m3u"])
    }

    /// Control characters, non-characters and markup in any text still give well-formed XML,
    /// with the markup as text.
    @Test func hostileTextStaysWellFormed() throws {
        var catalogue = Self.catalogue
        let hostile = "a\u{1}b\u{FFFE}c]]></title><script>x</script>\u{7F}&amp;"
        catalogue.title = hostile
        catalogue.description = hostile
        catalogue.author = hostile
        catalogue.entries[0].title = hostile
        catalogue.entries[0].summary = hostile
        catalogue.entries[0].voice = hostile
        let expected = "abc]]></title><script>x</script>&amp;"
        let feed = try xml(PodcastFeed.rss(catalogue, baseURL: "https://example.org/", published: [:]))
        #expect(try strings(feed, "/rss/channel/title") == [expected])
        #expect(try strings(feed, "//item/title").first == expected)
        let page = try xml(SiteIndex.page(catalogue, feed: "https://example.org/feed.xml"))
        #expect(try strings(page, "//h1") == [expected])
        #expect(try page.nodes(forXPath: "//script").isEmpty)
        #expect(Playlist.m3u(catalogue).split(separator: "\n").count == 2 + 2 * catalogue.entries.count)
    }

    @Test func catalogueLanguageIsTheMostSpoken() {
        var catalogue = Self.catalogue
        #expect(catalogue.language == "en-GB")
        catalogue.entries[0].language = "es-419"
        #expect(catalogue.language == "es-419")
        catalogue.entries = []
        #expect(catalogue.language == "en")
    }
}
