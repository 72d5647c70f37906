/// Byte-level helpers for the metadata writers: integers in either byte order, ID3's
/// synchsafe integers, base64.
enum MetadataBytes {
    static func bigEndian(_ value: Int, _ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * (count - 1 - $0))) }
    }

    static func littleEndian(_ value: Int, _ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    /// ID3v2's 28-bit size: four bytes of seven bits each, most significant first.
    static func synchsafe(_ value: Int) -> [UInt8] {
        (0..<4).map { UInt8((value >> (7 * (3 - $0))) & 0x7F) }
    }

    static func readSynchsafe(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.reduce(0) { $0 << 7 | Int($1 & 0x7F) }
    }

    static func readLittleEndian(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.reversed().reduce(0) { $0 << 8 | Int($1) }
    }

    static func readBigEndian(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.reduce(0) { $0 << 8 | Int($1) }
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Standard base64 with `=` padding (RFC 4648).
    static func base64(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let a = Int(bytes[index])
            let b = index + 1 < bytes.count ? Int(bytes[index + 1]) : 0
            let c = index + 2 < bytes.count ? Int(bytes[index + 2]) : 0
            let triple = a << 16 | b << 8 | c
            out.append(alphabet[triple >> 18 & 63])
            out.append(alphabet[triple >> 12 & 63])
            out.append(index + 1 < bytes.count ? alphabet[triple >> 6 & 63] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? alphabet[triple & 63] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `HH:MM:SS.mmm`, the time form of Vorbis chapter comments.
    static func clock(milliseconds: Int) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let ms = milliseconds % 1000, s = milliseconds / 1000
        let msText = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
        return "\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60)).\(msText)"
    }
}
