import SootheCore

/// The rendered audio an HTML preview page plays, named relative to the page.
public struct HTMLMedia: Sendable, Hashable {
    /// The audio file's path relative to the page (usually just its file name, e.g. `calm.ogg`).
    public var audio: String
    /// The WebVTT captions' path relative to the page (e.g. `calm.vtt`), or nil for none. The page
    /// also carries the captions inline, so they still show where a browser refuses to load the
    /// track from `file://`.
    public var captions: String?

    /// Media for the page: `audio` and optional `captions`, both relative to the page.
    public init(audio: String, captions: String? = nil) {
        self.audio = audio
        self.captions = captions
    }
}
