#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SootheCore
import Testing
@testable import SootheSpeech

@Suite("Speech kept on disk between runs")
struct SpeechDiskCacheTests {
    /// A fresh folder for one test, removed afterwards.
    final class Folder {
        let path = FileManager.default.temporaryDirectory.path + "/soothe-speech-\(UUID().uuidString)"
        deinit { try? FileManager.default.removeItem(atPath: path) }
        var clips: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".clip") }.sorted()
        }
    }

    /// `count` samples that zlib cannot shrink: pseudo-random 16-bit values (as floats), or with
    /// `sixteenBit` false, values that are not 16-bit (kept as 32-bit floats).
    static func noise(_ count: Int, seed: UInt64, sixteenBit: Bool = true) -> [Float] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let value = Float(Int16(truncatingIfNeeded: state >> 48)) / 32768
            return sixteenBit ? value : value + Float(state >> 40 & 0xFF) * 0x1.0p-24
        }
    }

    @Test func aNewRunGetsTheSameClipsWithoutSynthesising() throws {
        let folder = Folder()
        let disk = try #require(SpeechDiskCache(directory: folder.path + "/nested/speech"))
        let first = SpeechSynthesizer(disk: disk)
        let native = try first.nativeClip(for: "Notice the ground. [0.5s] Feel it hold you.", voice: Fixtures.voice)
        let resampled = try first.clip(for: "Notice the ground. [0.5s] Feel it hold you.", voice: Fixtures.voice, sampleRate: 48000)
        #expect(first.synthesisCount == 1)

        // Another synthesiser on the same folder: another run of soothe.
        let second = SpeechSynthesizer(disk: try #require(SpeechDiskCache(directory: folder.path + "/nested/speech")))
        let nativeAgain = try second.nativeClip(for: "Notice the ground. [0.5s] Feel it hold you.", voice: Fixtures.voice)
        let resampledAgain = try second.clip(for: "Notice the ground. [0.5s] Feel it hold you.", voice: Fixtures.voice, sampleRate: 48000)
        #expect(second.synthesisCount == 0)
        let kept = try FileManager.default.contentsOfDirectory(atPath: disk.directory).filter { $0.hasSuffix(".clip") }
        #expect(kept.count == 1, "only espeak-ng's clip is kept; a rate's copy is made on use")
        for (a, b) in [(native, nativeAgain), (resampled, resampledAgain)] {
            let identical = a.samples == b.samples
            #expect(identical)
            #expect(a.sampleRate == b.sampleRate)
            #expect(a.words == b.words)
            #expect(a.sentences == b.sentences)
        }
        // A timeline's question is answered from the file's header alone.
        let third = SpeechSynthesizer(disk: disk)
        #expect(try third.speechDuration(of: "Notice the ground. [0.5s] Feel it hold you.", voice: Fixtures.voice) == native.duration)
        // A mix's length question at 48 kHz too: the resampled length follows from the header.
        #expect(try third.clipLength(for: "Notice the ground. [0.5s] Feel it hold you.", voice: Fixtures.voice, sampleRate: 48000)
            == resampled.samples.count)
        #expect(third.synthesisCount == 0)
        // And the very clip a synthesiser without a cache makes.
        let fresh = try SpeechSynthesizer().clip(for: "Notice the ground. [0.5s] Feel it hold you.", voice: Fixtures.voice, sampleRate: 48000)
        #expect(fresh.samples == resampled.samples)
    }

    @Test func settingsThatChangeTheSoundAreMisses() throws {
        let folder = Folder()
        let disk = try #require(SpeechDiskCache(directory: folder.path))
        let synth = SpeechSynthesizer(disk: disk)
        _ = try synth.nativeClip(for: "Breathe out.", voice: Fixtures.voice)
        var renamed = Fixtures.voice
        renamed.name = "another name"
        _ = try SpeechSynthesizer(disk: disk).nativeClip(for: "Breathe out.", voice: renamed)
        #expect(folder.clips.count == 1, "a profile's name does not change the sound")
        var higher = Fixtures.voice
        higher.pitch += 10
        let other = SpeechSynthesizer(disk: disk)
        _ = try other.nativeClip(for: "Breathe out.", voice: higher)
        _ = try other.nativeClip(for: "Breathe out.", voice: Fixtures.voice.withRate(150))
        _ = try other.nativeClip(for: "Breathe out!", voice: Fixtures.voice)
        #expect(other.synthesisCount == 3)
        #expect(folder.clips.count == 4)
    }

    @Test func damagedOrForeignFilesAreMissesAndGetReplaced() throws {
        let folder = Folder()
        let disk = try #require(SpeechDiskCache(directory: folder.path))
        let clip = SpeechClip(samples: [0.25, -0.5, 0.125], sampleRate: 22050,
                              words: [WordMark(frame: 1, textOffset: 0, length: 4)], sentences: [0])
        disk.store(clip, key: "key A")
        let loaded = try #require(disk.load("key A"))
        #expect(loaded.samples == clip.samples && loaded.words == clip.words && loaded.sentences == clip.sentences)

        // Another key's file at this key's name (a hash collision): the stored key tells them apart.
        disk.store(clip, key: "key B")
        try FileManager.default.removeItem(atPath: disk.path(for: "key A"))
        try FileManager.default.copyItem(atPath: disk.path(for: "key B"), toPath: disk.path(for: "key A"))
        #expect(disk.load("key A") == nil)

        // Cut short, empty, garbage: misses.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: disk.path(for: "key B")))
        for damaged in [bytes.dropLast(3), Data(), Data(repeating: 7, count: 200), bytes + Data([0])] {
            try Data(damaged).write(to: URL(fileURLWithPath: disk.path(for: "key B")))
            #expect(disk.load("key B") == nil)
        }
        disk.store(clip, key: "key B")
        #expect(disk.load("key B")?.samples == clip.samples)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { $0.hasSuffix(".clip") },
                "no temporary file is left behind")
    }

    /// espeak-ng's own samples are 16-bit: kept as such, exactly, in far less space than floats
    /// (samples zlib cannot shrink: what is left is the width).
    @Test func sixteenBitClipsAreKeptExactlyAndSmaller() throws {
        let folder = Folder()
        let disk = try #require(SpeechDiskCache(directory: folder.path))
        let sixteen = SpeechClip(samples: Self.noise(10_000, seed: 1), sampleRate: 22050)
        var floats = sixteen.samples
        floats[5_000] += 1e-6
        disk.store(sixteen, key: "sixteen")
        disk.store(SpeechClip(samples: floats, sampleRate: 48000), key: "floats")
        #expect(disk.load("sixteen")?.samples == sixteen.samples)
        #expect(disk.load("floats")?.samples == floats)
        let size = { (key: String) in try FileManager.default.attributesOfItem(atPath: disk.path(for: key))[.size] as! Int }
        #expect(try size("sixteen") < 20_400)
        #expect(try size("floats") > 27_000)
    }

    /// Speech is stored compressed without loss: a phrase of espeak-ng's takes well under its
    /// 16-bit size on disk (this breathy voice without pauses: about three quarters; the
    /// catalogue, pauses included, about half) and comes back sample for sample.
    @Test func speechIsStoredCompressedWithoutLoss() throws {
        let folder = Folder()
        let disk = try #require(SpeechDiskCache(directory: folder.path))
        let text = "Let your shoulders soften, and let each breath out be a little slower than the one before."
        let clip = try SpeechSynthesizer(disk: disk).nativeClip(for: text, voice: Fixtures.voice)
        let file = try #require(folder.clips.first)
        let bytes = try FileManager.default.attributesOfItem(atPath: folder.path + "/" + file)[.size] as! Int
        #expect(Double(bytes) < 0.8 * Double(2 * clip.samples.count), "\(bytes) bytes for \(clip.samples.count) samples")
        let again = try SpeechSynthesizer(disk: disk).nativeClip(for: text, voice: Fixtures.voice)
        #expect(again.samples == clip.samples && again.words == clip.words && again.sentences == clip.sentences)
    }

    @Test func theFolderStaysWithinItsLimit() throws {
        let folder = Folder()
        let disk = try #require(SpeechDiskCache(directory: folder.path, limit: 100_000))
        for index in 0..<40 {
            // About 20 KB each (floats zlib cannot shrink): 800 KB in all, eight times the limit.
            disk.store(SpeechClip(samples: Self.noise(5_000, seed: UInt64(index), sixteenBit: false), sampleRate: 22050), key: "phrase \(index)")
        }
        let sizes = try folder.clips.map { try FileManager.default.attributesOfItem(atPath: folder.path + "/" + $0)[.size] as! Int }
        #expect(sizes.reduce(0, +) <= 100_000)
        #expect(!sizes.isEmpty)
        #expect(disk.load("phrase 39") != nil, "the newest clip is kept")
    }

    /// A stored clip changed on disk in each way that once reached the mix (a NaN sample, one
    /// huge sample, a header rate of 1, a flipped byte), and a stored stream that zlib refuses or
    /// that inflates to another length with its checksums made to match, is a miss, and the file
    /// is deleted.
    @Test(arguments: [
        "nan sample", "huge sample", "rate of one", "flipped payload byte", "flipped header byte", "another rate",
        "stream zlib refuses", "stream of another length",
    ])
    func aDamagedClipIsAMissAndIsDeleted(_ damage: String) throws {
        let folder = Folder()
        let disk = try #require(SpeechDiskCache(directory: folder.path))
        var samples = (0..<2000).map { Float(sin(Double($0) / 9) * 0.3) }
        // A NaN stored as such (an intact file): the load's own check must catch it.
        if damage == "nan sample" { samples[100] = .nan }
        disk.store(SpeechClip(samples: samples, sampleRate: 48000), key: "k")
        let path = disk.path(for: "k")
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let magicAndKey = SpeechDiskCache.magic.count + 4 + 1
        let storedAt = magicAndKey + 7 * 8 + 12
        func put<T>(_ value: T, at offset: Int) { withUnsafeBytes(of: value) { for (i, b) in $0.enumerated() { bytes[offset + i] = b } } }
        /// Replaces the stored stream, with its length and both checksums made to match.
        func replaceStream(_ stream: [UInt8]) {
            bytes = Array(bytes[..<storedAt]) + stream
            put(Int64(stream.count).littleEndian, at: magicAndKey + 6 * 8)
            put(Int64(SpeechDiskCache.checksum(stream, stream.count)).littleEndian, at: magicAndKey + 7 * 8)
            put(SpeechDiskCache.checksum(bytes, storedAt - 4).littleEndian, at: storedAt - 4)
        }
        switch damage {
        case "huge sample": put(Float(3e38).bitPattern.littleEndian, at: storedAt + 40)
        case "rate of one": put(Int64(1).littleEndian, at: magicAndKey)
        case "flipped payload byte": bytes[storedAt + 17] ^= 0x20
        case "flipped header byte": bytes[magicAndKey + 9] ^= 0x01
        case "stream zlib refuses": replaceStream((0..<(bytes.count - storedAt)).map { UInt8(truncatingIfNeeded: $0 &* 73 &+ 11) })
        case "stream of another length":
            // A whole, valid zlib stream: that of a clip half as long.
            let shorter = SpeechDiskCache.encode(SpeechClip(samples: Array(samples.prefix(1000)), sampleRate: 48000), key: "k")
            replaceStream(Array(shorter[storedAt...]))
        default: break
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let asked = damage == "another rate" ? disk.load("k", sampleRate: 44100) : disk.load("k", sampleRate: 48000)
        #expect(asked == nil, "\(damage): the damaged clip was used")
        #expect(!FileManager.default.fileExists(atPath: path), "\(damage): the damaged file was kept")
    }

    /// A FIFO where a clip should be is a miss at once (it is never opened for a blocking read).
    @Test func aFIFOInTheCacheNeverBlocks() throws {
        let folder = Folder()
        let disk = try #require(SpeechDiskCache(directory: folder.path))
        #expect(mkfifo(disk.path(for: "k"), 0o600) == 0)
        let started = ContinuousClock.now
        #expect(disk.load("k") == nil && disk.shape("k") == nil)
        #expect(ContinuousClock.now - started < .seconds(1))
        disk.store(SpeechClip(samples: [0.1], sampleRate: 22050), key: "k")
        #expect(disk.load("k")?.samples == [0.1])
    }

    /// Making room removes only soothe's own clips: a user's file in the folder, even a large
    /// one, is neither deleted nor counted.
    @Test func makingRoomTouchesOnlySoothesFiles() throws {
        let folder = Folder()
        let disk = try #require(SpeechDiskCache(directory: folder.path, limit: 100_000))
        try Data(repeating: 1, count: 500_000).write(to: URL(fileURLWithPath: folder.path + "/holiday-video.clip"))
        try Data(repeating: 2, count: 1_000).write(to: URL(fileURLWithPath: folder.path + "/0123456789abcdef.clip"))
        // 16-bit values zlib cannot shrink: each clip is kept in about 10 KB.
        for index in 0..<8 { disk.store(SpeechClip(samples: Self.noise(5_000, seed: UInt64(index)), sampleRate: 22050), key: "phrase \(index)") }
        #expect(FileManager.default.fileExists(atPath: folder.path + "/holiday-video.clip"))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/0123456789abcdef.clip"), "not soothe's: no magic")
        #expect((0..<8).allSatisfy { disk.load("phrase \($0)") != nil }, "80 KB of clips fit the limit beside 500 KB of someone else's")
    }

    @Test func aFolderThatCannotBeMadeMeansNoCache() {
        #expect(SpeechDiskCache(directory: "/proc/soothe-cannot-be-here") == nil)
        #expect(SpeechDiskCache(directory: "") == nil)
    }
}
