/// Text metadata stored in an audio file. Nil fields are not written.
///
/// What survives a round trip depends on the format: WAV (LIST/INFO), FLAC, Vorbis and Opus
/// (Vorbis comments) keep all five; MP3 (ID3) keeps title, artist and comment, keeps only the
/// year of `date`, and drops `software`. libsndfile appends " (libsndfile-VERSION)" to `software`.
public struct AudioTags: Sendable, Equatable {
    /// The title (the session's title).
    public var title: String?
    /// The artist.
    public var artist: String?
    /// A free comment.
    public var comment: String?
    /// A date, e.g. "2025-01-31". Leave nil for byte-identical re-renders.
    public var date: String?
    /// The software that wrote the file.
    public var software: String?

    /// Creates tags; every field defaults to nil (not written).
    public init(
        title: String? = nil, artist: String? = nil, comment: String? = nil,
        date: String? = nil, software: String? = nil
    ) {
        self.title = title
        self.artist = artist
        self.comment = comment
        self.date = date
        self.software = software
    }

    /// True when no field is set.
    public var isEmpty: Bool {
        title == nil && artist == nil && comment == nil && date == nil && software == nil
    }
}
