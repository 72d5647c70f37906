/// The metadata stored in an audio file. Nil fields are not written.
///
/// Every field reaches every format but WAV the same way: MP3 gets an ID3v2.4 tag (`TIT2`,
/// `TPE1`, `TALB`, `TDRC`, `COMM`, `TSSE`, `TRCK`, `TLAN`, `APIC`, chapters as `CHAP` frames
/// under a `CTOC`), Ogg Vorbis, Opus and FLAC get Vorbis comments (`TITLE`, `ARTIST`, `ALBUM`,
/// `DATE`, `COMMENT`, `ENCODER`, `TRACKNUMBER`, `TRACKTOTAL`, `LANGUAGE`, `CHAPTERnnn` and
/// `CHAPTERnnnNAME`; the cover as `METADATA_BLOCK_PICTURE` in Ogg, a `PICTURE` block in FLAC),
/// written into the finished temporary file before it is renamed into place. WAV keeps title,
/// artist, album, comment, date, software and track number (LIST/INFO, through libsndfile),
/// and chapters as cue points named in a `LIST`/`adtl` chunk; it has no cover or language.
public struct AudioTags: Sendable, Equatable {
    /// The title (the session's title).
    public var title: String?
    /// The artist.
    public var artist: String?
    /// The album a player files the track under.
    public var album: String?
    /// A free comment.
    public var comment: String?
    /// A date, e.g. "2025-01-31". Leave nil for byte-identical re-renders.
    public var date: String?
    /// The software that wrote the file.
    public var software: String?
    /// The track's number within its album (1-based), and how many tracks it has.
    public var trackNumber: Int?
    public var trackCount: Int?
    /// The language spoken, as a BCP 47 tag (`en-US`; ID3 gets its ISO 639-2 code, `eng`).
    public var language: String?
    /// A cover picture.
    public var cover: CoverImage?
    /// Chapters, in order.
    public var chapters: [AudioChapter]

    /// Creates tags; every field defaults to nil (not written).
    public init(
        title: String? = nil, artist: String? = nil, album: String? = nil, comment: String? = nil,
        date: String? = nil, software: String? = nil, trackNumber: Int? = nil, trackCount: Int? = nil,
        language: String? = nil, cover: CoverImage? = nil, chapters: [AudioChapter] = []
    ) {
        self.title = title
        self.artist = artist
        self.album = album
        self.comment = comment
        self.date = date
        self.software = software
        self.trackNumber = trackNumber
        self.trackCount = trackCount
        self.language = language
        self.cover = cover
        self.chapters = chapters
    }

    /// True when no field is set.
    public var isEmpty: Bool {
        self == AudioTags()
    }
}
