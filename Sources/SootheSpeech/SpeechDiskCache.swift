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
/// is a miss. The folder is kept under ``limit`` bytes by removing the least recently used files.
public final class SpeechDiskCache: Sendable {
    /// The folder holding the clips.
    public let directory: String
    /// The most bytes the folder may hold before the least recently used clips are removed.
    public let limit: Int

    /// Bytes the folder holds, counted on the first store (`nil` until then).
    private let size = Mutex<Int?>(nil)

    /// 1 GiB: room for the built-in catalogue's speech many times over (about ten languages or
    /// voices of it; clips are kept at espeak-ng's rate, in 16 bits).
    public static let defaultLimit = 1 << 30

    /// Bumped whenever soothe changes how it turns espeak-ng output into clips.
    static let formatVersion = 3
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
            files.append((name, Int(info.st_size), Int(info.st_mtim.tv_sec)))
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
        UInt32(crc32(0, bytes.assumingMemoryBound(to: UInt8.self), UInt32(count)))
    }

    // MARK: - File format
    // magic, key length (UInt32) and key, sample rate, sample count, word count, sentence count
    // (Int64 each), sample encoding (Int64: 2 = Int16, 4 = Float32), the frames to where the
    // voice stops (Int64), the payload's CRC-32 (Int64),
    // the CRC-32 of everything before it (UInt32); then the payload: samples, words (3 × Int64
    // each), sentences (Int64 each); little-endian. Clips straight from espeak-ng are whole
    // multiples of 1/32768 and are kept as their 16-bit values (exactly, in half the bytes).

    static func encode(_ clip: SpeechClip, key: String) -> [UInt8] {
        let keyBytes = Array(key.utf8)
        let sixteenBit = clip.samples.allSatisfy { sample in
            let scaled = sample * 32768
            return scaled.rounded() == scaled && scaled >= -32768 && scaled <= 32767
        }
        let width = sixteenBit ? 2 : 4
        var bytes = magic
        bytes.reserveCapacity(magic.count + 4 + keyBytes.count + 40 + clip.samples.count * width
            + clip.words.count * 24 + clip.sentences.count * 8)
        func append<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        append(UInt32(keyBytes.count))
        bytes.append(contentsOf: keyBytes)
        for count in [clip.sampleRate, clip.samples.count, clip.words.count, clip.sentences.count, width, clip.voiceFrames] {
            append(Int64(count))
        }
        let headerEnd = bytes.count
        append(Int64(0))  // the payload's checksum, filled in below
        append(UInt32(0))  // the header's checksum
        if sixteenBit {
            for sample in clip.samples {
                append(Int16(sample * 32768))
            }
        } else {
            #if _endian(little)
            clip.samples.withUnsafeBytes { bytes.append(contentsOf: $0) }
            #else
            for sample in clip.samples {
                append(sample.bitPattern)
            }
            #endif
        }
        for word in clip.words {
            append(Int64(word.frame))
            append(Int64(word.textOffset))
            append(Int64(word.length))
        }
        for sentence in clip.sentences {
            append(Int64(sentence))
        }
        let payloadStart = headerEnd + 12
        bytes.withUnsafeMutableBytes { raw in
            let payload = checksum(raw.baseAddress! + payloadStart, raw.count - payloadStart)
            raw.storeBytes(of: Int64(payload).littleEndian, toByteOffset: headerEnd, as: Int64.self)
            let header = checksum(raw.baseAddress!, headerEnd + 8)
            raw.storeBytes(of: header.littleEndian, toByteOffset: headerEnd + 8, as: UInt32.self)
        }
        return bytes
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
    /// Where the samples start.
    let offset: Int
    /// The CRC-32 the payload must have.
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
        let size = countsAt + 6 * 8 + 12
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
            let counts = (0..<7).map {
                Int64(littleEndian: raw.loadUnaligned(fromByteOffset: countsAt + 8 * $0, as: Int64.self))
            }
            let (rate, samples, words, sentences, width, voice) = (counts[0], counts[1], counts[2], counts[3], counts[4], counts[5])
            guard (8000...384_000).contains(rate), samples >= 0, samples < 1 << 32, words >= 0, words < 1 << 24,
                  sentences >= 0, sentences < 1 << 24, width == 2 || width == 4, (0...samples).contains(voice),
                  (0...Int64(UInt32.max)).contains(counts[6]),
                  fileSize == size + Int(samples * width) + Int(words) * 24 + Int(sentences) * 8
            else { return .damaged }
            return .intact(StoredClip(fd: fd, counts: Array(counts.prefix(6)), offset: size, payloadChecksum: UInt32(counts[6])))
        }
    }

    /// The whole clip, or nil if the file could not be read or its payload is damaged (then
    /// `damaged` is set): its checksum differs, a sample is not finite, a mark is out of range.
    mutating func clip() -> SpeechClip? {
        let payloadBytes = sampleCount * width + (3 * wordCount + sentenceCount) * 8
        let payload = UnsafeMutableRawPointer.allocate(byteCount: max(payloadBytes, 1), alignment: 16)
        defer { payload.deallocate() }
        guard Self.readAll(fd, payload, payloadBytes, at: offset) else { return nil }
        guard SpeechDiskCache.checksum(payload, payloadBytes) == payloadChecksum else {
            damaged = true
            return nil
        }
        var ok = true
        let samples: [Float]
        if width == 4 {
            samples = [Float](unsafeUninitializedCapacity: sampleCount) { buffer, count in
                ok = Self.readAll(fd, buffer.baseAddress!, sampleCount * 4, at: offset)
                #if _endian(big)
                for index in 0..<sampleCount { buffer[index] = Float(bitPattern: UInt32(littleEndian: buffer[index].bitPattern)) }
                #endif
                count = sampleCount
            }
        } else {
            let stored = [Int16](unsafeUninitializedCapacity: sampleCount) { buffer, count in
                ok = Self.readAll(fd, buffer.baseAddress!, sampleCount * 2, at: offset)
                count = sampleCount
            }
            samples = [Float](unsafeUninitializedCapacity: sampleCount) { buffer, count in
                for index in 0..<sampleCount {
                    buffer[index] = Float(Int16(littleEndian: stored[index])) / 32768
                }
                count = sampleCount
            }
        }
        let marks = [Int64](unsafeUninitializedCapacity: 3 * wordCount + sentenceCount) { buffer, count in
            let bytes = (3 * wordCount + sentenceCount) * 8
            ok = ok && Self.readAll(fd, buffer.baseAddress!, bytes, at: offset + sampleCount * width)
            count = 3 * wordCount + sentenceCount
        }.map { Int(Int64(littleEndian: $0)) }
        guard ok else { return nil }
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
