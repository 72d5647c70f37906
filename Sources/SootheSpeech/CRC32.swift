internal import CZlib

/// zlib's CRC-32: a checksum of bytes that notices a change, fed in pieces.
public enum CRC32 {
    /// `crc` (0 to start) carried on over `bytes`.
    public static func update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc = UInt(crc)
        var rest = bytes
        // zlib takes a 32-bit count: long buffers go in pieces.
        while !rest.isEmpty {
            let count = min(rest.count, 1 << 30)
            crc = crc32(crc, rest.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt32(count))
            rest = UnsafeRawBufferPointer(rebasing: rest[count...])
        }
        return UInt32(crc)
    }
}
