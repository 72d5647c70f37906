/// One Ogg page (RFC 3533): its header fields and body, read from and written as bytes.
struct OggPage {
    /// Bit 0: continues a packet; bit 1: first page; bit 2: last page.
    var flags: UInt8
    var granule: UInt64
    var serial: UInt32
    var sequence: UInt32
    /// Lacing values: a packet ends at each value under 255.
    var segments: [UInt8]
    var body: [UInt8]

    /// The header's length plus the body's.
    var size: Int { 27 + segments.count + body.count }

    /// The granule position of a page on which no packet ends.
    static let noGranule = UInt64.max

    /// Reads the page at `offset`, or nil at the end of the file.
    static func read(_ file: FileBytes, at offset: Int) throws(AudioIOError) -> OggPage? {
        let header = try file.read(at: offset, 27)
        if header.isEmpty { return nil }
        guard header.count == 27, header.starts(with: Array("OggS".utf8)), header[4] == 0 else {
            throw AudioIOError(.finishFailed, "cannot write the metadata: no Ogg page at byte \(offset)", path: file.path)
        }
        let segments = try file.readExactly(at: offset + 27, Int(header[26]), what: "an Ogg page")
        let length = segments.reduce(0) { $0 + Int($1) }
        let body = try file.readExactly(at: offset + 27 + segments.count, length, what: "an Ogg page")
        return OggPage(
            flags: header[5], granule: header[6..<14].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) },
            serial: UInt32(MetadataBytes.readLittleEndian(header[14..<18])),
            sequence: UInt32(MetadataBytes.readLittleEndian(header[18..<22])), segments: segments, body: body)
    }

    /// The page as bytes, its CRC computed.
    var bytes: [UInt8] {
        var out = Array("OggS".utf8) + [0, flags]
        for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: granule >> (8 * UInt64(k)))) }
        out += MetadataBytes.littleEndian(Int(serial), 4) + MetadataBytes.littleEndian(Int(sequence), 4)
        out += [0, 0, 0, 0, UInt8(segments.count)] + segments + body
        let crc = OggPage.crc(out)
        for k in 0..<4 { out[22 + k] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(k))) }
        return out
    }

    /// Ogg's CRC-32: polynomial 0x04C11DB7, not reflected, initial value 0, no final xor.
    static func crc(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0
        crcTable.withUnsafeBufferPointer { table in
            for byte in bytes { crc = (crc << 8) ^ table[Int(UInt8(truncatingIfNeeded: crc >> 24) ^ byte)] }
        }
        return crc
    }

    private static let crcTable: [UInt32] = (0..<256).map { index in
        var r = UInt32(index) << 24
        for _ in 0..<8 { r = (r & 0x8000_0000) != 0 ? (r << 1) ^ 0x04C1_1DB7 : r << 1 }
        return r
    }

    /// Pages carrying `packets` in order from sequence number `sequence`, each packet laced
    /// (a length that is a multiple of 255 ends with a 0), at most 255 lacing values a page,
    /// the last packet ending its page. Granule 0 where a packet ends, else ``noGranule``.
    static func pages(for packets: [[UInt8]], serial: UInt32, sequence: UInt32, firstFlags: UInt8 = 0) -> [OggPage] {
        var pages: [OggPage] = []
        var current = OggPage(flags: firstFlags, granule: noGranule, serial: serial, sequence: sequence, segments: [], body: [])
        for packet in packets {
            var offset = 0
            while true {
                if current.segments.count == 255 {
                    pages.append(current)
                    current = OggPage(
                        flags: offset > 0 ? 1 : 0, granule: noGranule, serial: serial,
                        sequence: current.sequence + 1, segments: [], body: [])
                }
                let take = min(255, packet.count - offset)
                current.segments.append(UInt8(take))
                current.body += packet[offset..<offset + take]
                offset += take
                if take < 255 {
                    current.granule = 0
                    break
                }
            }
        }
        pages.append(current)
        return pages
    }
}
