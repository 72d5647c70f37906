/// The media type of an audio file soothe writes, as a podcast enclosure and as an HTML
/// `<source type>` names it.
public struct AudioMediaType: Sendable, Hashable {
    /// The type a feed's enclosure gives (`audio/ogg`, `audio/mpeg`): the container's registered
    /// type, which is what podcast apps match.
    public var enclosure: String
    /// The type for `<source type>`, with the codec where the container holds several
    /// (`audio/ogg; codecs=opus`), so a browser that cannot play it skips it without fetching.
    public var html: String

    /// The type named by a path's extension (`.wav`, `.flac`, `.ogg`/`.oga` Vorbis, `.opus`,
    /// `.mp3`, in any case), or nil for another extension.
    public init?(path: String) {
        let name = path.split(separator: "/").last ?? Substring(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "wav", "wave": (enclosure, html) = ("audio/wav", "audio/wav")
        case "flac": (enclosure, html) = ("audio/flac", "audio/flac")
        case "ogg", "oga": (enclosure, html) = ("audio/ogg", "audio/ogg; codecs=vorbis")
        case "opus": (enclosure, html) = ("audio/ogg", "audio/ogg; codecs=opus")
        case "mp3": (enclosure, html) = ("audio/mpeg", "audio/mpeg")
        default: return nil
        }
    }
}
