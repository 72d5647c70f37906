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

    /// espeak-ng's own samples are 16-bit: kept as such, exactly, in half the space of floats.
    @Test func sixteenBitClipsAreKeptExactlyInHalfTheSpace() throws {
        let folder = Folder()
        let disk = try #require(SpeechDiskCache(directory: folder.path))
        let sixteen = SpeechClip(samples: (0..<10_000).map { Float(($0 * 37) % 65536 - 32768) / 32768 }, sampleRate: 22050)
        var floats = sixteen.samples
        floats[5_000] += 1e-6
        disk.store(sixteen, key: "sixteen")
        disk.store(SpeechClip(samples: floats, sampleRate: 48000), key: "floats")
        #expect(disk.load("sixteen")?.samples == sixteen.samples)
        #expect(disk.load("floats")?.samples == floats)
        let size = { (key: String) in try FileManager.default.attributesOfItem(atPath: disk.path(for: key))[.size] as! Int }
        #expect(try size("sixteen") < 20_200)
        #expect(try size("floats") > 40_000)
    }

    @Test func theFolderStaysWithinItsLimit() throws {
        let folder = Folder()
        let disk = try #require(SpeechDiskCache(directory: folder.path, limit: 100_000))
        let clip = SpeechClip(samples: [Float](repeating: 0.1, count: 5_000), sampleRate: 22050)
        for index in 0..<40 {
            disk.store(clip, key: "phrase \(index)")
        }
        let sizes = try folder.clips.map { try FileManager.default.attributesOfItem(atPath: folder.path + "/" + $0)[.size] as! Int }
        #expect(sizes.reduce(0, +) <= 100_000)
        #expect(!sizes.isEmpty)
        #expect(disk.load("phrase 39") != nil, "the newest clip is kept")
    }

    /// A stored clip changed on disk in each way that once reached the mix (a NaN sample, one
    /// huge sample, a header rate of 1, a flipped byte) is a miss, and the file is deleted.
    @Test(arguments: ["nan sample", "huge sample", "rate of one", "flipped payload byte", "flipped header byte", "another rate"])
    func aDamagedClipIsAMissAndIsDeleted(_ damage: String) throws {
        let folder = Folder()
        let disk = try #require(SpeechDiskCache(directory: folder.path))
        let clip = SpeechClip(samples: (0..<2000).map { Float(sin(Double($0) / 9) * 0.3) }, sampleRate: 48000)
        disk.store(clip, key: "k")
        let path = disk.path(for: "k")
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let magicAndKey = SpeechDiskCache.magic.count + 4 + 1
        let samplesAt = magicAndKey + 6 * 8 + 12
        func put<T>(_ value: T, at offset: Int) { withUnsafeBytes(of: value) { for (i, b) in $0.enumerated() { bytes[offset + i] = b } } }
        switch damage {
        case "nan sample": put(Float.nan.bitPattern.littleEndian, at: samplesAt + 4 * 100)
        case "huge sample": put(Float(3e38).bitPattern.littleEndian, at: samplesAt + 4 * 100)
        case "rate of one": put(Int64(1).littleEndian, at: magicAndKey)
        case "flipped payload byte": bytes[samplesAt + 17] ^= 0x20
        case "flipped header byte": bytes[magicAndKey + 9] ^= 0x01
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
        // 0.125 is a 16-bit value, so each clip is kept in about 10 KB.
        let clip = SpeechClip(samples: [Float](repeating: 0.125, count: 5_000), sampleRate: 22050)
        for index in 0..<8 { disk.store(clip, key: "phrase \(index)") }
        #expect(FileManager.default.fileExists(atPath: folder.path + "/holiday-video.clip"))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/0123456789abcdef.clip"), "not soothe's: no magic")
        #expect((0..<8).allSatisfy { disk.load("phrase \($0)") != nil }, "80 KB of clips fit the limit beside 500 KB of someone else's")
    }

    @Test func aFolderThatCannotBeMadeMeansNoCache() {
        #expect(SpeechDiskCache(directory: "/proc/soothe-cannot-be-here") == nil)
        #expect(SpeechDiskCache(directory: "") == nil)
    }
}
