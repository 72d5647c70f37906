internal import CZlib
import SootheModel
import SoothePOSIX
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
import Synchronization

/// Synthesised phrases kept on disk between runs, one small file per clip.
///
/// A clip is a function of its key alone (each phrase is spoken from the same espeak-ng state,
/// see ``IsolatedSynthesis``), so a cached clip is the very clip synthesis would make: renders are
/// byte-identical with a cold cache, a warm one or none. The key names everything that shapes the
/// samples (the text, the voice's espeak-ng settings, espeak-ng's version and data, soothe's
/// clip format, and for a resampled copy the rate and libsoxr's version) and is stored in the file
/// and compared on reading, so a changed input or a hash collision is a miss, never a wrong clip.
/// Files are written to a temporary name and renamed into place; an unreadable or damaged file
/// is a miss. Samples are stored compressed without loss (zlib, see the file format below), at
/// about half their 16-bit size. The folder is kept under ``limit`` bytes by removing the least
/// recently used files.
public final class SpeechDiskCache: Sendable {
    /// The folder holding the clips.
    public let directory: String
    /// The most bytes the folder may hold before the least recently used clips are removed.
    public let limit: Int

    /// Bytes the folder holds, counted on the first store (`nil` until then).
    private let size = Mutex<Int?>(nil)

    /// 1 GiB: room for the built-in catalogue's speech many times over (about twenty languages
    /// or voices of it; clips are kept at espeak-ng's rate, in 16 bits, compressed).
    public static let defaultLimit = 1 << 30

    /// Bumped whenever soothe changes how it turns espeak-ng output into clips.
    static let formatVersion = 4
    /// zlib's level for stored clips: inflating costs the same at every level, and level 6 (its
    /// default) keeps nearly all of level 9's gain at a fifth of its time.
    static let compressionLevel: Int32 = 6
    static let magic = Array("soothe speech clip\n".utf8)

    /// A cache in `directory` (created if missing, with its parents). `nil` if the folder cannot be
    /// made or written: soothe then simply synthesises every time.
    public init?(directory: String, limit: Int = defaultLimit) {
        guard !directory.isEmpty, Self.makeDirectory(directory), access(directory, W_OK) == 0 else { return nil }
        self.directory = directory
        self.limit = limit
    }

    /// The clip stored under `key`, if there is an intact one at `sampleRate` (nil: any rate a
    /// voice may have). A damaged file (checksums, counts, rate, a sample that is not finite) is
    /// a miss and is deleted, so it is synthesised again; anything but a regular file is a miss
    /// and never blocks.
    func load(_ key: String, sampleRate: Int? = nil) -> SpeechClip? {
        let path = path(for: key)
        guard var file = StoredClip(key: key, path: path, sampleRate: sampleRate) else { return nil }
        defer { file.release() }
        guard let clip = file.clip() else {
            if file.damaged { unlink(path) }
            return nil
        }
        // Used now: the last to be removed when the folder is over its limit.
        file.touch()
        return clip
    }

    /// The length and rate of the clip stored under `key`, from its header alone (whose own
    /// checksum is checked).
    func shape(_ key: String, sampleRate: Int? = nil) -> ClipShape? {
        guard let file = StoredClip(key: key, path: path(for: key), sampleRate: sampleRate) else { return nil }
        defer { file.release() }
        file.touch()
        return ClipShape(samples: file.sampleCount, voiceFrames: file.voiceFrames, sampleRate: file.sampleRate)
    }

    /// Stores `clip` under `key` (best effort: a full disk or a read-only folder only costs speed).
    func store(_ clip: SpeechClip, key: String) {
        let bytes = Self.encode(clip, key: key)
        let path = self.path(for: key)
        var template = Array("\(directory)/.clip-XXXXXX".utf8)
        template.append(0)
        guard let fd = try? template.withUnsafeMutableBytes({ raw in
            Result { () throws(POSIXError) in
                try retryingEINTR("mkstemp") { mkstemp(raw.baseAddress!.assumingMemoryBound(to: CChar.self)) }
            }
        }).get() else { return }
        let temporary = String(decoding: template.dropLast(), as: UTF8.self)
        let written = (try? FileDescriptorIO.writeAll(fd, bytes)) != nil
        let closed = (try? FileDescriptorIO.closeReporting(fd)) != nil
        guard written, closed, (try? retryingEINTR("rename", { rename(temporary, path) })) != nil else {
            unlink(temporary)
            return
        }
        keepWithinLimit(adding: bytes.count)
    }

    /// The file of `key`: a 64-bit FNV-1a hash of it, in hex.
    func path(for key: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "\(directory)/\(String(repeating: "0", count: 16 - hex.count))\(hex).clip"
    }

    // MARK: - Size

    private func keepWithinLimit(adding bytes: Int) {
        size.withLock { size in
            let total = (size ?? Self.files(in: directory).reduce(0) { $0 + $1.bytes }) + (size == nil ? 0 : bytes)
            size = total
            guard total > limit else { return }
            // Oldest use first, down to three quarters of the limit.
            var remaining = total
            for file in Self.files(in: directory).sorted(by: { $0.used < $1.used }) where remaining > limit / 4 * 3 {
                if unlink("\(directory)/\(file.name)") == 0 { remaining -= file.bytes }
            }
            size = remaining
        }
    }

    private static func files(in directory: String) -> [(name: String, bytes: Int, used: Int)] {
        var files: [(name: String, bytes: Int, used: Int)] = []
        // Only soothe's own files: 16 hex digits and ".clip", regular, starting with the magic.
        for name in Directory.names(in: directory) where Self.isClipName(name) {
            var info = stat()
            guard lstat("\(directory)/\(name)", &info) == 0, info.st_mode & S_IFMT == S_IFREG,
                  Self.startsWithMagic("\(directory)/\(name)") else { continue }
            // Nanoseconds: clips stored or used within one second keep their order.
            files.append((name, Int(info.st_size), Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)))
        }
        return files
    }

    /// Whether `name` is one soothe gives a clip file: 16 hex digits and `.clip`.
    static func isClipName(_ name: String) -> Bool {
        let utf8 = Array(name.utf8)
        return utf8.count == 21 && name.hasSuffix(".clip")
            && utf8.prefix(16).allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Whether the file at `path` begins with soothe's magic (opened without blocking).
    static func startsWithMagic(_ path: String) -> Bool {
        guard let fd = try? retryingEINTR("open", { open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }) else { return false }
        defer { FileDescriptorIO.closeQuietly(fd) }
        var bytes = [UInt8](repeating: 0, count: magic.count)
        let got = bytes.withUnsafeMutableBytes { (try? FileDescriptorIO.readFully(fd, into: $0.baseAddress!, magic.count, at: 0)) ?? 0 }
        return got == magic.count && bytes == magic
    }

    /// CRC-32 (zlib's) of `count` bytes at `bytes`.
    static func checksum(_ bytes: UnsafeRawPointer, _ count: Int) -> UInt32 {
        CRC32.update(0, UnsafeRawBufferPointer(start: bytes, count: count))
    }

    // MARK: - File format
    // magic, key length (UInt32) and key, sample rate, sample count, word count, sentence count
    // (Int64 each), sample encoding (Int64: 2 = Int16, 4 = Float32), the frames to where the
    // voice stops (Int64; a room's tail follows), the stored payload's length
    // (Int64), its CRC-32 (Int64), the CRC-32 of everything before it (UInt32); then the stored
    // payload: a zlib stream of the samples, words (3 × Int64 each) and sentences (Int64 each);
    // little-endian. Clips straight from espeak-ng are whole multiples of 1/32768 and are kept as
    // their 16-bit values (exactly), as differences from the sample before, low bytes first and
    // then high bytes: speech changes little from one sample to the next, so the high bytes are
    // mostly 0 or 255 and zlib packs them tightly (about half the 16-bit size, where the plain
    // samples give two thirds).

    static func encode(_ clip: SpeechClip, key: String) -> [UInt8] {
        let keyBytes = Array(key.utf8)
        let sixteenBit = clip.samples.allSatisfy { sample in
            let scaled = sample * 32768
            return scaled.rounded() == scaled && scaled >= -32768 && scaled <= 32767
        }
        let width = sixteenBit ? 2 : 4
        let payload = Self.payload(clip, sixteenBit: sixteenBit)
        let stored = Self.deflate(payload)
        var bytes = magic
        bytes.reserveCapacity(magic.count + 4 + keyBytes.count + 60 + stored.count)
        func append<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        append(UInt32(keyBytes.count))
        bytes.append(contentsOf: keyBytes)
        for count in [clip.sampleRate, clip.samples.count, clip.words.count, clip.sentences.count, width, clip.voiceFrames, stored.count] {
            append(Int64(count))
        }
        let payloadChecksum = stored.withUnsafeBytes { checksum($0.baseAddress!, $0.count) }
        append(Int64(payloadChecksum))
        let header = bytes.withUnsafeBytes { checksum($0.baseAddress!, $0.count) }
        append(header)
        bytes.append(contentsOf: stored)
        return bytes
    }

    /// The bytes a clip is stored as before compression (see the file format).
    private static func payload(_ clip: SpeechClip, sixteenBit: Bool) -> [UInt8] {
        let count = clip.samples.count
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * (sixteenBit ? 2 : 4) + (3 * clip.words.count + clip.sentences.count) * 8)
        func append<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        if sixteenBit {
            var differences = [UInt16](repeating: 0, count: count)
            var previous: Int16 = 0
            for (index, sample) in clip.samples.enumerated() {
                let value = Int16(sample * 32768)
                differences[index] = UInt16(bitPattern: value &- previous)
                previous = value
            }
            bytes.append(contentsOf: differences.lazy.map { UInt8(truncatingIfNeeded: $0) })
            bytes.append(contentsOf: differences.lazy.map { UInt8(truncatingIfNeeded: $0 >> 8) })
        } else {
            for sample in clip.samples {
                append(sample.bitPattern)
            }
        }
        for word in clip.words {
            append(Int64(word.frame))
            append(Int64(word.textOffset))
            append(Int64(word.length))
        }
        for sentence in clip.sentences {
            append(Int64(sentence))
        }
        return bytes
    }

    /// `bytes` as a zlib stream.
    private static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var length = compressBound(uLong(bytes.count))
        var stored = [UInt8](repeating: 0, count: Int(length))
        let status = stored.withUnsafeMutableBufferPointer { target in
            bytes.withUnsafeBufferPointer { source in
                compress2(target.baseAddress!, &length, source.baseAddress, uLong(source.count), compressionLevel)
            }
        }
        // compressBound leaves room for any input; the only other failure is memory.
        precondition(status == Z_OK, "zlib could not compress a clip (\(status))")
        stored.removeLast(stored.count - Int(length))
        return stored
    }

    /// The `count` bytes the zlib stream `stored` inflates to, or nil if it is not such a stream
    /// (damaged, cut short, of another length).
    static func inflate(_ stored: UnsafeRawBufferPointer, count: Int) -> [UInt8]? {
        var length = uLongf(count)
        var ok = false
        let bytes = [UInt8](unsafeUninitializedCapacity: max(count, 1)) { buffer, initialized in
            let status = uncompress(
                buffer.baseAddress!, &length, stored.baseAddress?.assumingMemoryBound(to: Bytef.self), uLong(stored.count))
            ok = status == Z_OK && Int(length) == count
            initialized = ok ? count : 0
        }
        return ok ? bytes : nil
    }

    // MARK: - Files

    private static func makeDirectory(_ path: String) -> Bool {
        var info = stat()
        if stat(path, &info) == 0 { return info.st_mode & S_IFMT == S_IFDIR }
        let parent = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !parent.isEmpty, !makeDirectory(parent) { return false }
        do {
            _ = try retryingEINTR("mkdir") { mkdir(path, 0o755) }
            return true
        } catch {
            return error.code == EEXIST
        }
    }
}

/// One open clip file whose header (magic, key, counts) has been read and checked against its
/// key and its size; the rest is read straight into the clip's arrays.
private struct StoredClip {
    let fd: Int32
    let sampleRate: Int
    let sampleCount: Int
    let wordCount: Int
    let sentenceCount: Int
    /// Bytes per sample: 2 (16-bit) or 4 (float).
    let width: Int
    /// Frames to where the voice stops (the rest is the room's tail).
    let voiceFrames: Int
    /// Where the stored (compressed) payload starts, and its length.
    let offset: Int
    let storedBytes: Int
    /// The CRC-32 the stored payload must have.
    let payloadChecksum: UInt32
    /// Set when ``clip()`` found the payload damaged (the file should go).
    private(set) var damaged = false

    /// The file at `path`, if it is a regular file whose header is intact and is `key`'s, at
    /// `sampleRate` when given. A damaged header deletes the file.
    init?(key: String, path: String, sampleRate: Int?) {
        // O_NONBLOCK: a FIFO or device named like a clip must not stall a render.
        guard let fd = try? retryingEINTR("open", { open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }) else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            FileDescriptorIO.closeQuietly(fd)
            return nil
        }
        switch Self.header(fd, key: key, size: Int(info.st_size)) {
        case .intact(let header) where sampleRate == nil || header.sampleRate == sampleRate:
            self = header
        case .intact, .damaged:
            FileDescriptorIO.closeQuietly(fd)
            unlink(path)
            return nil
        case .otherKey:
            FileDescriptorIO.closeQuietly(fd)
            return nil
        }
    }

    private init(fd: Int32, counts: [Int64], offset: Int, payloadChecksum: UInt32) {
        self.fd = fd
        sampleRate = Int(counts[0])
        sampleCount = Int(counts[1])
        wordCount = Int(counts[2])
        sentenceCount = Int(counts[3])
        width = Int(counts[4])
        voiceFrames = Int(counts[5])
        storedBytes = Int(counts[6])
        self.offset = offset
        self.payloadChecksum = payloadChecksum
    }

    private enum Header {
        case intact(StoredClip)
        /// Another key's file under the same hash (kept: it is intact).
        case otherKey
        case damaged
    }

    private static func header(_ fd: Int32, key: String, size fileSize: Int) -> Header {
        let magic = SpeechDiskCache.magic
        let keyBytes = Array(key.utf8)
        let countsAt = magic.count + 4 + keyBytes.count
        let size = countsAt + 7 * 8 + 12
        guard fileSize >= size else { return .damaged }
        var bytes = [UInt8](repeating: 0, count: size)
        guard bytes.withUnsafeMutableBytes({ Self.readAll(fd, $0.baseAddress!, $0.count, at: 0) }) else { return .damaged }
        return bytes.withUnsafeBytes { raw -> Header in
            guard raw.prefix(magic.count).elementsEqual(magic) else { return .damaged }
            let storedKeyLength = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: magic.count, as: UInt32.self)))
            guard storedKeyLength == keyBytes.count, raw[(magic.count + 4)..<countsAt].elementsEqual(keyBytes) else {
                return .otherKey
            }
            let headerChecksum = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: size - 4, as: UInt32.self))
            guard SpeechDiskCache.checksum(raw.baseAddress!, size - 4) == headerChecksum else { return .damaged }
            let counts = (0..<8).map {
                Int64(littleEndian: raw.loadUnaligned(fromByteOffset: countsAt + 8 * $0, as: Int64.self))
            }
            let (rate, samples, words, sentences, width) = (counts[0], counts[1], counts[2], counts[3], counts[4])
            let (voice, stored) = (counts[5], counts[6])
            guard (8000...384_000).contains(rate), samples >= 0, samples < 1 << 32, words >= 0, words < 1 << 24,
                  sentences >= 0, sentences < 1 << 24, width == 2 || width == 4, (0...samples).contains(voice),
                  (0...Int64(UInt32.max)).contains(counts[7]), stored >= 0, stored < 1 << 34, fileSize == size + Int(stored)
            else { return .damaged }
            return .intact(StoredClip(fd: fd, counts: Array(counts.prefix(7)), offset: size, payloadChecksum: UInt32(counts[7])))
        }
    }

    /// The whole clip, or nil if the file could not be read or its payload is damaged (then
    /// `damaged` is set): its checksum differs, it does not inflate to the counts' length, a
    /// sample is not finite, a mark is out of range.
    mutating func clip() -> SpeechClip? {
        let markCount = 3 * wordCount + sentenceCount
        let payloadBytes = sampleCount * width + markCount * 8
        let stored = UnsafeMutableRawBufferPointer.allocate(byteCount: max(storedBytes, 1), alignment: 16)
        defer { stored.deallocate() }
        guard Self.readAll(fd, stored.baseAddress!, storedBytes, at: offset) else { return nil }
        let compressed = UnsafeRawBufferPointer(rebasing: stored[0..<storedBytes])
        guard SpeechDiskCache.checksum(stored.baseAddress!, storedBytes) == payloadChecksum,
              let payload = SpeechDiskCache.inflate(compressed, count: payloadBytes)
        else {
            damaged = true
            return nil
        }
        let count = sampleCount
        let (samples, marks) = payload.withUnsafeBytes { raw -> ([Float], [Int]) in
            let samples = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                if width == 2 {
                    // Differences, low bytes then high bytes, summed back into the 16-bit values.
                    let low = raw.baseAddress!.assumingMemoryBound(to: UInt8.self), high = low + count
                    var value: Int16 = 0
                    for index in 0..<count {
                        value &+= Int16(bitPattern: UInt16(low[index]) | UInt16(high[index]) << 8)
                        buffer[index] = Float(value) / 32768
                    }
                } else {
                    for index in 0..<count {
                        buffer[index] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self)))
                    }
                }
                initialized = count
            }
            let marks = (0..<markCount).map {
                Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: count * width + 8 * $0, as: Int64.self)))
            }
            return (samples, marks)
        }
        guard samples.allSatisfy(\.isFinite), marks.allSatisfy({ $0 >= 0 }) else {
            damaged = true
            return nil
        }
        let words = (0..<wordCount).map { WordMark(frame: marks[3 * $0], textOffset: marks[3 * $0 + 1], length: marks[3 * $0 + 2]) }
        return SpeechClip(
            samples: samples, sampleRate: sampleRate, words: words, sentences: Array(marks[(3 * wordCount)...]),
            voiceFrames: voiceFrames)
    }

    /// Reads exactly `count` bytes at `offset`; false on an error or an early end.
    private static func readAll(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, at offset: Int) -> Bool {
        (try? FileDescriptorIO.readFully(fd, into: buffer, count, at: offset)) == count
    }

    /// Marks the file as just used.
    func touch() {
        _ = futimens(fd, nil)
    }

    func release() {
        FileDescriptorIO.closeQuietly(fd)
    }
}

/// A clip's length in samples and its rate: what a timeline and a mix need before its samples.
struct ClipShape: Hashable, Sendable {
    let samples: Int
    /// Frames to where the voice stops: the phrase's length.
    let voiceFrames: Int
    let sampleRate: Int
    var duration: Double { Double(voiceFrames) / Double(sampleRate) }
}
