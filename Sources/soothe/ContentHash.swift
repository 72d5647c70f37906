import Foundation
import SootheSpeech

/// A 64-bit FNV-1a hash of bytes fed in pieces: enough to notice that an input changed since a
/// file was written (not a defence against someone forging a file).
struct ContentHash {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    /// Adds raw bytes.
    mutating func add(bytes: UnsafeRawBufferPointer) {
        var hash = value
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        value = hash
    }

    /// Adds a piece with its length first, so that pieces cannot run into one another
    /// ("ab" + "c" differs from "a" + "bc").
    mutating func add(_ data: Data) {
        withUnsafeBytes(of: UInt64(data.count).littleEndian) { add(bytes: $0) }
        data.withUnsafeBytes { add(bytes: $0) }
    }

    mutating func add(_ text: String) { add(Data(text.utf8)) }

    /// Adds a file's path and bytes, or its path and a mark when it cannot be read (so that a
    /// file appearing later counts as a change).
    mutating func add(file path: String) {
        add(path)
        if let data = FileManager.default.contents(atPath: path) {
            add("contents")
            add(data)
        } else {
            add("unreadable")
        }
    }

    /// zlib's CRC-32 of the bytes of the file at `path` (read a megabyte at a time), as eight
    /// hex digits, nil when it cannot be read: outputs are tens of megabytes, and CRC-32 reads
    /// them many times faster than FNV-1a's byte-by-byte loop.
    static func ofFile(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var crc: UInt32 = 0
        do {
            // nil or empty at the end of the file.
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                crc = chunk.withUnsafeBytes { CRC32.update(crc, $0) }
            }
        } catch {
            return nil
        }
        let digits = String(crc, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// Sixteen hex digits.
    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
