/// Replaces the comment header of a single-stream Ogg Vorbis or Opus file: the header packets
/// are paged again with the new comment packet, then every audio page is copied with its
/// sequence number moved by the change in header pages and its CRC recomputed.
enum OggCommentRewrite {
    /// Writes `source` with `tags` as its comments to `target`.
    static func rewrite(_ source: FileBytes, opus: Bool, tags: AudioTags, to target: Int32) throws(AudioIOError) {
        let headerCount = opus ? 2 : 3
        var packets: [[UInt8]] = []
        var partial: [UInt8] = []
        var offset = 0
        var headerPages = 0
        var serial: UInt32 = 0
        while packets.count < headerCount {
            guard let page = try OggPage.read(source, at: offset) else {
                throw AudioIOError(.finishFailed, "cannot write the metadata: the Ogg stream ends inside its headers", path: source.path)
            }
            if headerPages == 0 { serial = page.serial }
            var position = 0
            for (index, lacing) in page.segments.enumerated() {
                partial += page.body[position..<position + Int(lacing)]
                position += Int(lacing)
                guard lacing < 255 else { continue }
                packets.append(partial)
                partial = []
                if packets.count == headerCount && index != page.segments.count - 1 {
                    throw AudioIOError(.finishFailed, "cannot write the metadata: audio shares a page with the Ogg headers", path: source.path)
                }
            }
            headerPages += 1
            offset += page.size
        }
        let comment = packets[1]
        let magic: [UInt8] = opus ? Array("OpusTags".utf8) : [3] + Array("vorbis".utf8)
        guard comment.starts(with: magic), let vendor = VorbisComments.vendor(of: comment[magic.count...]) else {
            throw AudioIOError(.finishFailed, "cannot write the metadata: the Ogg comment header is malformed", path: source.path)
        }
        let body = VorbisComments.body(vendor: vendor, fields: VorbisComments.fields(tags, pictureInComments: true))
        // Vorbis ends its comment header with a framing bit; Opus has none.
        packets[1] = magic + body + (opus ? [] : [1])
        // The identification header is alone on the first page; the rest start the second.
        var pages = OggPage.pages(for: [packets[0]], serial: serial, sequence: 0, firstFlags: 2)
        pages += OggPage.pages(for: Array(packets[1...]), serial: serial, sequence: 1)
        for page in pages { try source.write(page.bytes, to: target) }
        let shift = Int64(pages.count) - Int64(headerPages)
        while var page = try OggPage.read(source, at: offset) {
            offset += page.size
            if page.serial == serial { page.sequence = UInt32(truncatingIfNeeded: Int64(page.sequence) + shift) }
            try source.write(page.bytes, to: target)
        }
    }
}
