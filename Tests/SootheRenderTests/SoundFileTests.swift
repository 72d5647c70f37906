import Foundation
import SootheAudioIO
import SootheCore
@testable import SootheRender
import Testing

/// Sound files of a script's own, written here with soothe's writer and rendered.
@Suite("Sound files: chimes and beds of a script's own")
struct SoundFileTests {
    /// Writes `channels` (each a list of samples) as a 32-bit float WAV at `rate`.
    static func write(_ path: String, rate: Int, _ channels: [[Float]]) throws {
        let settings = AudioFileSettings(format: .wav, sampleRate: rate, channels: channels.count, encoding: .float)
        let writer = try AudioFileWriter(path: path, settings: settings)
        var interleaved = [Float](repeating: 0, count: channels[0].count * channels.count)
        for (c, channel) in channels.enumerated() {
            for (n, x) in channel.enumerated() { interleaved[n * channels.count + c] = x }
        }
        try interleaved.withUnsafeBufferPointer { try writer.write(interleaved: $0) }
        try writer.finish()
    }

    /// A sine of `hertz` for `seconds` at `rate`, with 10 ms fades.
    static func tone(_ hertz: Double, seconds: Double, rate: Int, amplitude: Double = 0.5) -> [Float] {
        let count = Int(seconds * Double(rate)), fade = rate / 100
        return (0..<count).map { n in
            let edge = min(1, Double(min(n, count - 1 - n)) / Double(fade))
            return Float(amplitude * edge * sin(2 * Double.pi * hertz * Double(n) / Double(rate)))
        }
    }

    /// Seeded noise, for sounds whose loudness is measured.
    static func noise(seconds: Double, rate: Int, amplitude: Float) -> [Float] {
        var state: UInt64 = 12_345
        return (0..<Int(seconds * Double(rate))).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return amplitude * (Float(Int64(bitPattern: state) >> 11) / Float(1 << 52))
        }
    }

    static func timeline(_ yaml: String, in folder: ScratchFolder) throws -> Timeline {
        let loader = SessionLoader(voices: Sessions.voices, timing: Sessions.voice, sounds: SoundFileReading())
        let result = loader.load(bytes: Array(yaml.utf8), file: folder.file("session.yaml"), defaultID: "own")
        return try #require(result.timeline, "\(result.diagnostics.map(\.description))")
    }

    static let options = RenderOptions(format: .wav, sampleRate: 48_000, channels: 2, encoding: .float, date: "2025-03-14")

    /// Power of `x` at `hertz` (a single DFT bin, Hann window).
    static func power(_ x: ArraySlice<Float>, at hertz: Double, rate: Double) -> Double {
        var re = 0.0, im = 0.0
        let n = Double(x.count)
        for (k, v) in x.enumerated() {
            let w = 0.5 - 0.5 * cos(2 * Double.pi * Double(k) / n)
            let phase = 2 * Double.pi * hertz * Double(k) / rate
            re += Double(v) * w * cos(phase)
            im -= Double(v) * w * sin(phase)
        }
        return re * re + im * im
    }

    @Test("a 44.1 kHz chime file rings at its cue in a 48 kHz render, as long as the file, at its pitch")
    func chimeFile() throws {
        let folder = try ScratchFolder()
        try FileManager.default.createDirectory(atPath: folder.file("sounds"), withIntermediateDirectories: true)
        try Self.write(folder.file("sounds/ping.wav"), rate: 44_100, [Self.tone(1_000, seconds: 1.5, rate: 44_100)])
        let timeline = try Self.timeline("title: Ping\nsteps:\n  - pause: 2s\n  - chime: ./sounds/ping.wav\n  - pause: 3s\n", in: folder)
        let cue = try #require(timeline.cues.first { $0.kind == .chime })
        #expect(cue.start == 2 && abs(cue.duration - 1.5) < 1e-9)
        _ = try SessionRenderer(options: Self.options, speech: Sessions.voice).render(timeline, to: folder.file("out.wav"))
        let audio = try Measure.read(folder.file("out.wav"))
        let left = (0..<audio.frames).map { audio[$0, 0] }
        let peak = left.map(abs).max() ?? 0
        let onset = try #require(left.firstIndex { abs($0) > 0.01 * peak })
        #expect(abs(onset - 96_000) < 96, "onset at frame \(onset)")
        let end = try #require(left.lastIndex { abs($0) > 0.01 * peak })
        #expect(abs(end - (96_000 + 72_000)) < 96, "end at frame \(end)")
        // Resampled, not replayed at the wrong rate: 1 kHz stays 1 kHz (not 919 Hz).
        let body = left[100_000..<(100_000 + 32_768)]
        let at = Self.power(body, at: 1_000, rate: 48_000)
        for other in [918.75, 990, 1_010] { #expect(at > 100 * Self.power(body, at: other, rate: 48_000), "\(other) Hz") }
    }

    @Test("files 12 dB apart come out at the same loudness: the built-in chime's, the built-in bed's")
    func levelNormalisation() throws {
        let folder = try ScratchFolder()
        try Self.write(folder.file("loud.wav"), rate: 48_000, [Self.noise(seconds: 3, rate: 48_000, amplitude: 0.8)])
        try Self.write(folder.file("quiet.wav"), rate: 48_000, [Self.noise(seconds: 3, rate: 48_000, amplitude: 0.2)])
        let timeline = try Self.timeline("title: Two\nsteps:\n  - chime: ./loud.wav\n  - chime: ./quiet.wav\n", in: folder)
        let files = try SoundFiles(timeline: timeline, sampleRate: 48_000)
        let reference = SoundFiles.chimeReference(sampleRate: 48_000)
        for name in ["loud.wav", "quiet.wav"] {
            let samples = try #require(files.chimes[folder.path + "/./" + name])
            let loudness = SoundFiles.loudness([samples], sampleRate: 48_000)
            #expect(abs(loudness - reference) < 0.1, "\(name): \(loudness) LUFS, the soft chime \(reference)")
        }
        for name in ["loud.wav", "quiet.wav"] {
            let bed = try Self.timeline("title: Bed\nambience: ./\(name)\nsteps:\n  - pause: 5s\n", in: folder)
            let stereo = try #require(try SoundFiles(timeline: bed, sampleRate: 48_000).bed)
            let loudness = SoundFiles.loudness([stereo.left, stereo.right], sampleRate: 48_000)
            #expect(abs(loudness - SoundFiles.bedReference(sampleRate: 48_000)) < 0.1, "\(name) as a bed: \(loudness) LUFS")
        }
    }

    @Test("a looped bed repeats with an equal-power crossfade: no click where it wraps")
    func loopHasNoClick() throws {
        // 3.013 s of 440 Hz: not a whole number of periods, so a plain wrap would jump.
        let x = (0..<Int(3.013 * 48_000)).map { Float(0.5 * sin(2 * Double.pi * 440 * Double($0) / 48_000)) }
        let fade = 48_000
        let loop = SoundFiles.loopable(x, crossfade: fade)
        #expect(loop.count == x.count - fade)
        var player = FileBedPlayer(left: loop, right: loop, loop: true, frameCount: 48_000 * 20, sampleRate: 48_000, levelDB: 0)
        var left = [Float](repeating: 0, count: 48_000 * 20), right = left
        left.withUnsafeMutableBufferPointer { l in
            right.withUnsafeMutableBufferPointer { r in
                var start = 0
                while start < l.count {
                    let n = min(1_000, l.count - start)
                    player.render(
                        addingLeft: UnsafeMutableBufferPointer(rebasing: l[start..<(start + n)]),
                        right: UnsafeMutableBufferPointer(rebasing: r[start..<(start + n)]), gain: 1)
                    start += n
                }
            }
        }
        // A 440 Hz sine of 0.5 moves at most 0.029 a sample (0.041 where the equal-power
        // crossfade sums it with itself); a plain wrap here would jump by about 0.5.
        let steady = 48_000 * 4..<48_000 * 14
        let step = zip(left[steady], left[steady].dropFirst()).map { abs($0.1 - $0.0) }.max() ?? 1
        #expect(step < 0.05, "largest step \(step)")
        // …and it does repeat: one loop on, the same samples.
        #expect(left[200_000] == left[200_000 + loop.count])
        // Played once instead, it ends with the file.
        var once = FileBedPlayer(left: x, right: x, loop: false, frameCount: 48_000 * 12, sampleRate: 48_000, levelDB: 0)
        var l2 = [Float](repeating: 0, count: 48_000 * 12), r2 = l2
        l2.withUnsafeMutableBufferPointer { l in r2.withUnsafeMutableBufferPointer { r in once.render(addingLeft: l, right: r, gain: 1) } }
        #expect(l2[x.count...].allSatisfy { $0 == 0 })
        #expect((l2[100_000..<110_000].map(abs).max() ?? 0) > 0.2)
    }

    @Test("unreadable, empty and too long files are refused with the reason")
    func refusals() throws {
        let folder = try ScratchFolder()
        try Self.write(folder.file("empty.wav"), rate: 48_000, [[]])
        try Self.write(folder.file("long.wav"), rate: 8_000, [[Float](repeating: 0.1, count: 8_000 * 61)])
        try Data("not a sound".utf8).write(to: URL(fileURLWithPath: folder.file("text.wav")))
        let reading = SoundFileReading()
        func reason(_ name: String, _ use: SoundFile.Use) -> String? {
            let file = SoundFile(written: name, path: folder.file(name), location: .start)
            if case .failure(let problem) = reading.length(of: file, as: use) { return problem.reason }
            return nil
        }
        #expect(reason("missing.wav", .chime) == "no such file or directory")
        #expect(reason("empty.wav", .chime) == "it holds no sound (0 frames)")
        #expect(reason("long.wav", .chime) == "it lasts 1:01, longer than 1:00, the most a chime file may")
        #expect(reason("long.wav", .bed) == nil)
        #expect(reason("text.wav", .bed)?.isEmpty == false)
    }
}
