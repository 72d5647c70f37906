import Foundation
import Testing
@testable import SootheAudioIO
import SootheTestSupport

/// The metadata written after libsndfile: ID3v2.4 in MP3, Vorbis comments in Ogg Vorbis, Opus
/// and FLAC, named cue points in WAV; read back by ffprobe, as players read them.
@Suite struct EmbeddedMetadataTests {
    static let rate = 48000
    static let seconds = 3.0

    /// An 8×4 RGB PNG, with a text chunk of `padding` bytes before
    /// its end: a valid image of any size.
    static func png(padding: Int = 0) -> [UInt8] {
        let image = FFprobe.png
        guard padding > 0 else { return image }
        var seed: UInt32 = 7
        let text = Array("Comment".utf8) + [0] + (0..<padding).map { _ -> UInt8 in
            seed = seed &* 1_664_525 &+ 1_013_904_223
            return 0x41 + UInt8(seed >> 27)
        }
        let body = Array("tEXt".utf8) + text
        let chunk = MetadataBytes.bigEndian(text.count, 4) + body + MetadataBytes.bigEndian(Int(crc32(body)), 4)
        return Array(image.dropLast(12)) + chunk + Array(image.suffix(12))
    }

    /// PNG's CRC-32 (IEEE, reflected).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static let chapters = [
        AudioChapter(title: "Welcome. Sit comfortably…", start: 0, end: 1.0),
        AudioChapter(title: "Breathe in four, hold seven", start: 1.0, end: 2.25),
        AudioChapter(title: "Último: la calma", start: 2.25, end: 3.0),
    ]

    static func tags(cover: Bool = true, chapters: [AudioChapter] = chapters) throws -> AudioTags {
        AudioTags(
            title: "Tést Title", artist: "An Artist", album: "An Album", comment: "A comment.\nLanguage: es-419",
            date: "2025-03-14", software: "soothe test", trackNumber: 3, trackCount: 7, language: "es-419",
            cover: cover ? try CoverImage(bytes: png()) : nil, chapters: chapters)
    }

    /// Writes 3 s of test material as `format` with `tags` (WAV: a cue point per chapter).
    static func write(_ format: AudioFileFormat, tags: AudioTags, in folder: TestFolder, name: String = "t") throws -> String {
        let path = folder.file("\(name).\(format.fileExtension)")
        let frames = Int(seconds * Double(rate))
        let settings = AudioFileSettings(
            format: format, sampleRate: rate, channels: 2, tags: tags,
            cuePoints: tags.chapters.map { Int(($0.start * Double(rate)).rounded()) })
        let writer = try AudioFileWriter(path: path, settings: settings)
        let samples = TestSignal.voiceLike(sampleRate: rate, frames: frames, channels: 2)
        try samples.withUnsafeBufferPointer { try writer.write(interleaved: $0) }
        try writer.finish()
        return path
    }

    @Test(arguments: AudioFileFormat.allCases)
    func playersReadTheChaptersAndTags(format: AudioFileFormat) throws {
        let folder = try TestFolder()
        let probe = try FFprobe.probe(try Self.write(format, tags: try Self.tags(), in: folder))
        #expect(probe.chapters.map(\.title) == Self.chapters.map(\.title))
        for (read, written) in zip(probe.chapters, Self.chapters) {
            #expect(abs(read.start - written.start) < 0.002, "\(format): \(read) for \(written)")
        }
        let tags = probe.tags
        #expect(tags["title"] == "Tést Title" && tags["artist"] == "An Artist" && tags["album"] == "An Album", "\(format): \(tags)")
        #expect(tags["date"] == "2025-03-14", "\(format): \(tags)")
        #expect(tags["comment"] == "A comment.\nLanguage: es-419", "\(format): \(tags)")
        let attached = probe.streams.filter(\.attachedPicture)
        switch format {
        case .wav:
            #expect(attached.isEmpty)
        case .mp3:
            #expect(tags["track"] == "3/7" && tags["language"] == "spa" && tags["encoder"] == "soothe test", "\(tags)")
            #expect(attached.map(\.codec) == ["png"])
        case .flac, .ogg, .opus:
            #expect(tags["track"] == "3" && tags["tracktotal"] == "7" && tags["language"] == "es-419", "\(format): \(tags)")
            #expect(tags["encoder"] == "soothe test", "\(format): \(tags)")
            #expect(attached.map(\.codec) == ["png"], "\(format)")
        }
    }

    /// The tag is ID3v2.4, alone: every frame walks to the tag's end, and no ID3v1 tag is left.
    @Test func theMP3TagIsID3v24WithTheFrameTheVersionDefines() throws {
        let folder = try TestFolder()
        let bytes = try folder.bytes(URL(fileURLWithPath: try Self.write(.mp3, tags: try Self.tags(), in: folder)).lastPathComponent)
        #expect(Array(bytes.prefix(5)) == Array("ID3".utf8) + [4, 0])
        let end = 10 + MetadataBytes.readSynchsafe(bytes[6..<10])
        var frames: [String: [UInt8]] = [:]
        var offset = 10
        while offset < end {
            let id = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let size = MetadataBytes.readSynchsafe(bytes[offset + 4..<offset + 8])
            frames[id, default: []] += bytes[offset + 10..<offset + 10 + size]
            offset += 10 + size
        }
        #expect(offset == end)
        #expect(Set(frames.keys) == ["TIT2", "TPE1", "TALB", "TDRC", "TSSE", "TRCK", "TLAN", "COMM", "APIC", "CTOC", "CHAP"])
        #expect(frames["TDRC"] == [3] + Array("2025-03-14".utf8))
        #expect(frames["TYER"] == nil)
        #expect(frames["COMM"]?.starts(with: [3] + Array("spa".utf8)) == true)
        #expect(Array(bytes.suffix(128).prefix(3)) != Array("TAG".utf8))
        // One tag: the MPEG frames follow it at once.
        #expect(bytes[end] == 0xFF && bytes[end + 1] & 0xE0 == 0xE0)
    }

    @Test(arguments: [AudioFileFormat.flac, .ogg, .opus])
    func vorbisCommentsHoldTheFieldsAndChapters(format: AudioFileFormat) throws {
        let folder = try TestFolder()
        let bytes = try folder.bytes(URL(fileURLWithPath: try Self.write(format, tags: try Self.tags(cover: false), in: folder)).lastPathComponent)
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        for field in [
            "TITLE=Tést Title", "ARTIST=An Artist", "ALBUM=An Album", "DATE=2025-03-14", "TRACKNUMBER=3", "TRACKTOTAL=7",
            "LANGUAGE=es-419", "ENCODER=soothe test", "CHAPTER001=00:00:00.000", "CHAPTER001NAME=Welcome. Sit comfortably…",
            "CHAPTER002=00:00:01.000", "CHAPTER003=00:00:02.250", "CHAPTER003NAME=Último: la calma",
        ] {
            #expect(text.contains(field), "\(format): \(field)")
        }
    }

    /// A large cover and many chapters (Ogg headers over several pages, so every audio page is
    /// renumbered) leave the decoded audio exactly as it was, and the lossless files hold the
    /// samples written.
    @Test(arguments: AudioFileFormat.allCases)
    func theAudioIsUnchangedByTheMetadata(format: AudioFileFormat) throws {
        let folder = try TestFolder()
        let plain = try FFprobe.decode(try Self.write(format, tags: AudioTags(), in: folder, name: "plain"))
        // (ID3's table of contents lists at most 255.)
        var many = (0..<200).map { AudioChapter(title: "Chapter number \($0) of many", start: Double($0) * 0.01, end: Double($0 + 1) * 0.01) }
        many[199].end = Self.seconds
        var rich = try Self.tags(chapters: many)
        rich.cover = try CoverImage(bytes: Self.png(padding: 200_000))
        let richPath = try Self.write(format, tags: rich, in: folder, name: "rich")
        let decoded = try FFprobe.decode(richPath)
        #expect(plain.complaints == "")
        #expect(decoded.complaints == "")
        #expect(decoded.samples == plain.samples)
        #expect(decoded.samples.count >= Int(Self.seconds * Double(Self.rate)) * 4)
        if format != .wav { #expect(try FFprobe.probe(richPath).chapters.count == 200) }
        if !format.isLossy {
            let written = TestSignal.voiceLike(sampleRate: Self.rate, frames: Int(Self.seconds * Double(Self.rate)), channels: 2)
            var shorts = [Int16](repeating: 0, count: written.count)
            written.withUnsafeBufferPointer { input in
                shorts.withUnsafeMutableBufferPointer { PCM16Conversion.convert(input.baseAddress!, into: $0.baseAddress!, count: input.count) }
            }
            #expect(decoded.samples == shorts.withUnsafeBytes { Data($0) })
        }
    }

    @Test func coversAreRecognisedByTheirBytes() throws {
        for bytes in [Self.png(), Self.png(padding: 100)] {
            let png = try CoverImage(bytes: bytes)
            #expect(png.mimeType == "image/png" && png.width == 8 && png.height == 4 && png.depth == 24)
        }
        // A JPEG's size is in its start-of-frame marker, after the other segments.
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0, 20, 0, 30, 3, 1, 0x22, 0, 0xFF, 0xD9]
        let cover = try CoverImage(bytes: jpeg)
        #expect(cover.mimeType == "image/jpeg" && cover.width == 30 && cover.height == 20 && cover.depth == 24)
        for (bytes, reason) in [
            ([UInt8](), "the file is empty"),
            (Array("GIF89a......".utf8), "not a PNG or JPEG image (a cover must be one of the two)"),
            ([0xFF, 0xD8, 0xFF, 0xDA, 0, 2, 1, 2, 3, 4, 5, 6, 7], "the JPEG image has no frame header (SOF) giving its size"),
        ] {
            #expect(throws: CoverImageProblem(reason)) { try CoverImage(bytes: bytes) }
        }
    }
}
