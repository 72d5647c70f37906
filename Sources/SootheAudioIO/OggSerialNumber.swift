import SoothePOSIX
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rewrites the serial number of a single-stream Ogg file in place, recomputing each page's CRC.
///
/// libsndfile 1.2.0 seeds Ogg serial numbers from the clock (`psf_rand_int32`) and offers no way
/// to set them, so without this two renders of the same samples differ in 8 bytes per page.
enum OggSerialNumber {
    /// Ogg's CRC-32: polynomial 0x04C11DB7, not reflected, initial value 0, no final xor.
    private static let crcTable: [UInt32] = (0..<256).map { index in
        var r = UInt32(index) << 24
        for _ in 0..<8 { r = (r & 0x8000_0000) != 0 ? (r << 1) ^ 0x04C1_1DB7 : r << 1 }
        return r
    }

    /// Stamps `serial` on every page of the file open at `fd` that carries the first page's serial.
    static func rewrite(fd: Int32, serial: UInt32, path: String) throws(AudioIOError) {
        let maxPage = 27 + 255 + 255 * 255
        let base = UnsafeMutableRawPointer.allocate(byteCount: maxPage, alignment: 8)
        defer { base.deallocate() }
        let buffer = UnsafeMutableRawBufferPointer(start: base, count: maxPage)
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
        func failure(_ error: POSIXError) -> AudioIOError {
            AudioIOError(.finishFailed, "cannot fix the Ogg serial number: \(error.reason)", path: path, systemCode: error.code)
        }
        func read(_ target: UnsafeMutableRawPointer, _ count: Int, at offset: off_t) throws(AudioIOError) -> Int {
            do {
                return try FileDescriptorIO.readFully(fd, into: target, count, at: Int(offset))
            } catch {
                throw failure(error)
            }
        }
        var offset: off_t = 0
        var original: UInt32?
        while true {
            let got = try read(base, 27, at: offset)
            if got == 0 { break }
            guard got == 27, buffer[0] == 0x4F, buffer[1] == 0x67, buffer[2] == 0x67, buffer[3] == 0x53 else {
                throw AudioIOError(.finishFailed, "cannot fix the Ogg serial number: malformed page at byte \(offset)", path: path)
            }
            let segments = Int(buffer[26])
            guard try read(base + 27, segments, at: offset + 27) == segments else {
                throw AudioIOError(.finishFailed, "cannot fix the Ogg serial number: truncated page at byte \(offset)", path: path)
            }
            var bodyLength = 0
            for i in 0..<segments { bodyLength += Int(buffer[27 + i]) }
            let headerLength = 27 + segments
            guard try read(base + headerLength, bodyLength, at: offset + off_t(headerLength)) == bodyLength else {
                throw AudioIOError(.finishFailed, "cannot fix the Ogg serial number: truncated page at byte \(offset)", path: path)
            }
            let pageSerial = UInt32(buffer[14]) | UInt32(buffer[15]) << 8 | UInt32(buffer[16]) << 16 | UInt32(buffer[17]) << 24
            if original == nil { original = pageSerial }
            if pageSerial == original {
                store(serial, into: buffer, at: 14)
                store(0, into: buffer, at: 22)
                var crc: UInt32 = 0
                crcTable.withUnsafeBufferPointer { table in
                    for i in 0..<(headerLength + bodyLength) {
                        crc = (crc << 8) ^ table[Int(UInt8(truncatingIfNeeded: crc >> 24) ^ buffer[i])]
                    }
                }
                store(crc, into: buffer, at: 22)
                do {
                    try FileDescriptorIO.writeAll(fd, base, 27, at: Int(offset))
                } catch {
                    throw failure(error)
                }
            }
            offset += off_t(headerLength + bodyLength)
        }
    }

    private static func store(_ value: UInt32, into buffer: UnsafeMutableRawBufferPointer, at index: Int) {
        for k in 0..<4 { buffer[index + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(k))) }
    }
}
