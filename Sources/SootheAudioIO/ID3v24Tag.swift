/// An ID3v2.4 tag for an MP3 file: the text fields a phone shows, the cover, and chapters
/// (`CHAP` frames under one `CTOC` table of contents, per the ID3 chapter addendum).
///
/// Text is UTF-8 (encoding 3, which 2.4 defines); sizes are synchsafe; no unsynchronisation,
/// no extended header, no padding.
enum ID3v24Tag {
    /// The most chapters one `CTOC` frame lists (its entry count is one byte).
    static let maximumChapters = 255

    /// The whole tag: header and frames.
    static func bytes(_ tags: AudioTags) -> [UInt8] {
        var frames: [UInt8] = []
        func text(_ id: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            frames += frame(id, [3] + Array(value.utf8))
        }
        text("TIT2", tags.title)
        text("TPE1", tags.artist)
        text("TALB", tags.album)
        text("TDRC", tags.date)
        text("TSSE", tags.software)
        if let number = tags.trackNumber {
            text("TRCK", tags.trackCount.map { "\(number)/\($0)" } ?? "\(number)")
        }
        let language = tags.language.map(LanguageCodes.iso6392) ?? "und"
        text("TLAN", tags.language.map(LanguageCodes.iso6392))
        if let comment = tags.comment, !comment.isEmpty {
            // Encoding, language, an empty description (its terminator) and the text.
            frames += frame("COMM", [3] + Array(language.utf8) + [0] + Array(comment.utf8))
        }
        if let cover = tags.cover {
            // Encoding, MIME type (Latin-1, terminated), picture type 3 (front cover), an empty
            // description (terminated), the image.
            frames += frame("APIC", [3] + Array(cover.mimeType.utf8) + [0, 3, 0] + cover.bytes)
        }
        let chapters = tags.chapters.prefix(maximumChapters)
        if !chapters.isEmpty {
            let ids = chapters.indices.map { "chp\($0)" }
            // Flags: top level (2) and ordered (1); the entries; a title.
            var toc: [UInt8] = Array("toc".utf8) + [0, 0x03, UInt8(chapters.count)]
            for id in ids { toc += Array(id.utf8) + [0] }
            frames += frame("CTOC", toc)
            for (id, chapter) in zip(ids, chapters) {
                var chap: [UInt8] = Array(id.utf8) + [0]
                chap += MetadataBytes.bigEndian(chapter.startMilliseconds, 4)
                chap += MetadataBytes.bigEndian(chapter.endMilliseconds, 4)
                // Byte offsets unknown: 0xFFFFFFFF says to use the times.
                chap += [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
                chap += frame("TIT2", [3] + Array(chapter.title.utf8))
                frames += frame("CHAP", chap)
            }
        }
        return Array("ID3".utf8) + [4, 0, 0] + MetadataBytes.synchsafe(frames.count) + frames
    }

    static func frame(_ id: String, _ body: [UInt8]) -> [UInt8] {
        Array(id.utf8) + MetadataBytes.synchsafe(body.count) + [0, 0] + body
    }

    /// The bytes of an existing ID3v2 tag at the start of `head` (header, footer included), or 0.
    static func existingLength(_ head: [UInt8]) -> Int {
        guard head.count >= 10, head.starts(with: Array("ID3".utf8)) else { return 0 }
        let footer = head[5] & 0x10 != 0 ? 10 : 0
        return 10 + MetadataBytes.readSynchsafe(head[6..<10]) + footer
    }
}
