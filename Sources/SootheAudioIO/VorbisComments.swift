/// The Vorbis comments of an Ogg Vorbis, Opus or FLAC file: the same fields ID3 carries, under
/// their usual names, chapters as `CHAPTERnnn` / `CHAPTERnnnNAME` (the Ogg chapter extension,
/// numbered from 001), and the cover as `METADATA_BLOCK_PICTURE` (Ogg only: FLAC has its own
/// `PICTURE` block).
enum VorbisComments {
    /// The most chapters written (their numbers have three digits).
    static let maximumChapters = 999

    /// `KEY=value` for every field set, in a fixed order.
    static func fields(_ tags: AudioTags, pictureInComments: Bool) -> [String] {
        var fields: [String] = []
        func add(_ key: String, _ value: String?) {
            if let value, !value.isEmpty { fields.append("\(key)=\(value)") }
        }
        add("TITLE", tags.title)
        add("ARTIST", tags.artist)
        add("ALBUM", tags.album)
        add("DATE", tags.date)
        add("COMMENT", tags.comment)
        add("ENCODER", tags.software)
        add("TRACKNUMBER", tags.trackNumber.map(String.init))
        add("TRACKTOTAL", tags.trackCount.map(String.init))
        add("LANGUAGE", tags.language)
        for (index, chapter) in tags.chapters.prefix(maximumChapters).enumerated() {
            let number = index + 1
            let key = "CHAPTER" + (number < 10 ? "00" : number < 100 ? "0" : "") + "\(number)"
            add(key, MetadataBytes.clock(milliseconds: chapter.startMilliseconds))
            add(key + "NAME", chapter.title)
        }
        if pictureInComments, let cover = tags.cover {
            add("METADATA_BLOCK_PICTURE", MetadataBytes.base64(FLACPicture.body(cover)))
        }
        return fields
    }

    /// The comment structure: vendor string, then each field, lengths little-endian.
    static func body(vendor: [UInt8], fields: [String]) -> [UInt8] {
        var out = MetadataBytes.littleEndian(vendor.count, 4) + vendor
        out += MetadataBytes.littleEndian(fields.count, 4)
        for field in fields {
            let bytes = Array(field.utf8)
            out += MetadataBytes.littleEndian(bytes.count, 4) + bytes
        }
        return out
    }

    /// The vendor string of a comment structure, or nil when it is malformed.
    static func vendor(of body: ArraySlice<UInt8>) -> [UInt8]? {
        guard body.count >= 4 else { return nil }
        let length = MetadataBytes.readLittleEndian(body.prefix(4))
        let start = body.startIndex + 4
        guard length <= body.count - 4 else { return nil }
        return Array(body[start..<start + length])
    }
}

/// The body of a FLAC `PICTURE` metadata block, which `METADATA_BLOCK_PICTURE` carries in base64.
enum FLACPicture {
    static func body(_ cover: CoverImage) -> [UInt8] {
        var out = MetadataBytes.bigEndian(3, 4)  // front cover
        let mime = Array(cover.mimeType.utf8)
        out += MetadataBytes.bigEndian(mime.count, 4) + mime
        out += MetadataBytes.bigEndian(0, 4)  // no description
        out += MetadataBytes.bigEndian(cover.width, 4) + MetadataBytes.bigEndian(cover.height, 4)
        out += MetadataBytes.bigEndian(cover.depth, 4) + MetadataBytes.bigEndian(0, 4)
        out += MetadataBytes.bigEndian(cover.bytes.count, 4) + cover.bytes
        return out
    }
}
