/// Replaces the Vorbis comment and picture blocks of a FLAC file: its other metadata blocks
/// (STREAMINFO first, a seek table, whose offsets count from the first frame) are kept, padding
/// dropped, and the frames copied unchanged.
enum FLACMetadataRewrite {
    static let comment: UInt8 = 4
    static let picture: UInt8 = 6
    static let padding: UInt8 = 1

    /// Writes `source` with `tags` in its metadata to `target`.
    static func rewrite(_ source: FileBytes, tags: AudioTags, to target: Int32) throws(AudioIOError) {
        guard try source.read(at: 0, 4) == Array("fLaC".utf8) else {
            throw AudioIOError(.finishFailed, "cannot write the metadata: not a FLAC stream", path: source.path)
        }
        var offset = 4
        var kept: [(type: UInt8, body: [UInt8])] = []
        var vendor = Array("soothe".utf8)
        var last = false
        while !last {
            let header = try source.readExactly(at: offset, 4, what: "a FLAC metadata block")
            last = header[0] & 0x80 != 0
            let type = header[0] & 0x7F
            let length = MetadataBytes.readBigEndian(header[1...])
            let body = try source.readExactly(at: offset + 4, length, what: "a FLAC metadata block")
            offset += 4 + length
            switch type {
            case comment: vendor = VorbisComments.vendor(of: body[...]) ?? vendor
            case picture, padding: break
            default: kept.append((type, body))
            }
        }
        guard kept.first?.type == 0 else {
            throw AudioIOError(.finishFailed, "cannot write the metadata: the FLAC stream does not start with STREAMINFO", path: source.path)
        }
        kept.append((comment, VorbisComments.body(vendor: vendor, fields: VorbisComments.fields(tags, pictureInComments: false))))
        if let cover = tags.cover { kept.append((picture, FLACPicture.body(cover))) }
        var head = Array("fLaC".utf8)
        for (index, block) in kept.enumerated() {
            let flag: UInt8 = index == kept.count - 1 ? 0x80 : 0
            head += [flag | block.type] + MetadataBytes.bigEndian(block.body.count, 3) + block.body
        }
        try source.write(head, to: target)
        try source.copy(from: offset, count: try source.size() - offset, to: target)
    }
}
