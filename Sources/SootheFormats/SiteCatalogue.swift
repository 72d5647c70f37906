import SootheCore

/// A folder of rendered sessions as a host serves it (`soothe render --site DIR`): what the
/// index page, the playlist and the podcast feed are written from. Every path is relative to
/// the folder, with `/` between folders (`de/sanft/belly-breathing.opus`).
public struct SiteCatalogue: Sendable, Hashable {
    /// The catalogue's name: the page's heading, the feed's channel title.
    public var title: String
    /// A sentence or two about it: under the heading, the channel's description.
    public var description: String
    /// Who made it (`itunes:author`).
    public var author: String
    /// The sessions, in the order they are listed.
    public var entries: [SiteEntry]
    /// A cover image beside the files (`cover.jpg`), or nil.
    public var cover: String?

    public init(title: String, description: String, author: String, entries: [SiteEntry], cover: String? = nil) {
        self.title = title
        self.description = description
        self.author = author
        self.entries = entries
        self.cover = cover
    }

    /// The language most entries speak (the first of those tied), else `en`: the channel's and
    /// the page's language.
    public var language: String {
        var counts: [String: Int] = [:]
        for entry in entries { counts[entry.language, default: 0] += 1 }
        let most = counts.values.max() ?? 0
        return entries.first { counts[$0.language] == most }?.language ?? "en"
    }
}

/// One rendered session in a ``SiteCatalogue``.
public struct SiteEntry: Sendable, Hashable {
    /// The session's id (`belly-breathing`).
    public var id: String
    public var title: String
    public var summary: String?
    /// The moment it is for, in a line (`A message hasn't come.`).
    public var when: String?
    /// The BCP 47 tag of the language it is spoken in (`en-GB`, `es-419`).
    public var language: String
    /// The voice profile that speaks it.
    public var voice: String
    /// Seconds of audio.
    public var duration: Double
    /// The audio file.
    public var audio: String
    /// The audio file's size in bytes.
    public var bytes: Int
    /// WebVTT captions (`ID.vtt`).
    public var captions: String?
    /// The WebVTT chapters track (`ID.chapters.vtt`).
    public var chapterTrack: String?
    /// The Podcasting 2.0 JSON chapters (`ID.chapters.json`).
    public var chapterList: String?
    /// The HTML timeline page (`ID.html`).
    public var page: String?

    public init(
        id: String, title: String, summary: String?, language: String, voice: String, duration: Double,
        audio: String, bytes: Int, captions: String? = nil, chapterTrack: String? = nil,
        chapterList: String? = nil, page: String? = nil, when: String? = nil
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.language = language
        self.voice = voice
        self.duration = duration
        self.audio = audio
        self.bytes = bytes
        self.captions = captions
        self.chapterTrack = chapterTrack
        self.chapterList = chapterList
        self.page = page
        self.when = when
    }

    /// What names this render for good, whatever is re-rendered: the session, its language and
    /// its voice (`belly-breathing/en-GB/gentle`); a podcast app's episode identity.
    public var guid: String { "\(id)/\(language)/\(voice)" }

    /// The audio's media type, from its extension.
    public var mediaType: AudioMediaType? { AudioMediaType(path: audio) }
}
