import SootheCore

/// An extended M3U playlist of a site's audio files.
public enum Playlist {
    /// `#EXTM3U`, then for each entry `#EXTINF:SECONDS,TITLE` and its audio path as written
    /// (relative to the playlist, so the folder plays wherever it is copied). Seconds are whole,
    /// rounded; a title's line breaks and control characters become spaces, since each is one line.
    public static func m3u(_ catalogue: SiteCatalogue) -> String {
        var out = "#EXTM3U\n#PLAYLIST:\(oneLine(catalogue.title))\n"
        for entry in catalogue.entries {
            out += "#EXTINF:\(Int(entry.duration.rounded())),\(oneLine(entry.title))\n\(oneLine(entry.audio))\n"
        }
        return out
    }

    static func oneLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}" ? " " : scalar
        }))
    }
}
