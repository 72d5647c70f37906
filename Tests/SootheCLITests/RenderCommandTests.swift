import Foundation
import SootheAudioIO
import SootheTestSupport
import SootheCore
import SootheFormats
import Testing

/// End-to-end tests of `soothe render` and `soothe breathe`: the built binary, its files read
/// back through libsndfile and measured with libebur128. Short sessions at low rates keep the
/// debug build fast.
@Suite struct RenderCommandTests {
    /// About 8 s: a chime, two phrases, one paced breath.
    static let script = """
        title: Tiny Render
        summary: Two phrases and a breath.
        steps:
          - chime: soft-chime
          - say: Breathe in slowly.
            after: 0.5s
          - breathe: {pattern: 2-0-3-0, cycles: 1, prompts: {exhale: Out}}
          - say: Well done.
          - pause: 1s

        """

    /// Options that keep renders cheap.
    // No --quiet: it would keep the summary these tests read (progress is off anyway: stderr is a file).
    static let small = ["--sample-rate", "22050", "--channels", "1"]

    /// A folder holding `tiny.yaml`.
    static func tiny() throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        return (folder, try folder.write("tiny.yaml", script))
    }

    /// The cue sheet `preview --format json` prints for `session`.
    static func cueSheet(_ session: String, home: String = SootheCLI.packageRoot) throws -> [String: Any] {
        let result = try SootheCLI.run(["preview", "--format", "json", session], home: home)
        try #require(result.status == 0, "\(result)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// Frames a file of the cue sheet must hold at `rate`.
    static func frames(_ sheet: [String: Any], rate: Int) throws -> Int {
        Int((try #require(sheet["duration"] as? Double) * Double(rate)).rounded())
    }

    /// Names in `path`, sorted (hidden files included).
    static func names(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    /// (start, end, text) of each cue of a WebVTT file, times in milliseconds; nil if it does not parse.
    static func parseVTT(_ text: String) -> [(start: Int, end: Int, text: String)]? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == "WEBVTT" else { return nil }
        let timing = #/^(\d{2}):(\d{2}):(\d{2})\.(\d{3}) --> (\d{2}):(\d{2}):(\d{2})\.(\d{3})$/#
        func ms(_ h: Substring, _ m: Substring, _ s: Substring, _ f: Substring) -> Int {
            ((Int(h)! * 60 + Int(m)!) * 60 + Int(s)!) * 1000 + Int(f)!
        }
        var cues: [(Int, Int, String)] = []
        var index = 1
        while index < lines.count {
            if let match = lines[index].wholeMatch(of: timing) {
                let o = match.output
                guard index + 1 < lines.count, !lines[index + 1].isEmpty else { return nil }
                cues.append((ms(o.1, o.2, o.3, o.4), ms(o.5, o.6, o.7, o.8), lines[index + 1]))
                index += 2
            } else {
                index += 1
            }
        }
        return cues
    }

    /// Loudness (LUFS, mono as dual mono) and true peak (dBTP) of a file.
    static func loudness(_ path: String) throws -> (reader: AudioFileReader, lufs: Double, truePeak: Double) {
        let reader = try AudioFileReader(path: path)
        let samples = try reader.readAll()
        let meter = try LoudnessMeter(channels: reader.channels, sampleRate: reader.sampleRate)
        samples.withUnsafeBufferPointer { meter.add(interleaved: $0) }
        return (reader, meter.integratedLoudness, meter.truePeakDB)
    }

    @Test func renderWritesAudioCaptionsAndChaptersBesideIt() throws {
        let (folder, path) = try Self.tiny()
        let out = folder.file("out")
        let result = try SootheCLI.run(["render", path, "-o", out + "/", "--captions", "--chapters"] + Self.small)
        #expect(result.status == 0, "\(result)")
        #expect(try Self.names(out) == ["tiny.chapters.vtt", "tiny.vtt", "tiny.wav"])

        let sheet = try Self.cueSheet(path)
        let (reader, lufs, peak) = try Self.loudness(out + "/tiny.wav")
        #expect(reader.sampleRate == 22050)
        #expect(reader.channels == 1)
        #expect(reader.frames == (try Self.frames(sheet, rate: 22050)))
        #expect(abs(lufs - -16) <= 0.5, "\(lufs) LUFS")
        #expect(peak <= -1, "\(peak) dBTP")
        #expect(reader.tags.title == "Tiny Render")

        // The captions are the speech cues of the cue sheet, to the millisecond.
        let vtt = try String(contentsOfFile: out + "/tiny.vtt", encoding: .utf8)
        let captions = try #require(Self.parseVTT(vtt), "\(vtt)")
        let cues = try #require(sheet["cues"] as? [[String: Any]]).filter { $0["kind"] as? String == "speech" }
        #expect(captions.count == cues.count)
        #expect(cues.count == 3)
        for (caption, cue) in zip(captions, cues) {
            let start = try #require(cue["start"] as? Double), end = try #require(cue["end"] as? Double)
            #expect(caption.start == Int((start * 1000).rounded()))
            #expect(caption.end == Int((end * 1000).rounded()))
            #expect(caption.text == cue["text"] as? String)
        }
        // Chapters tile the file from 0 to its end.
        let chapterText = try String(contentsOfFile: out + "/tiny.chapters.vtt", encoding: .utf8)
        let chapters = try #require(Self.parseVTT(chapterText), "\(chapterText)")
        #expect(chapters.count >= 2)
        #expect(chapters.first?.start == 0)
        #expect(chapters.last?.end == Int(((sheet["duration"] as? Double ?? 0) * 1000).rounded()))
        for (a, b) in zip(chapters, chapters.dropFirst()) { #expect(a.end == b.start) }
    }

    @Test func twoRendersAreByteIdentical() throws {
        let (folder, path) = try Self.tiny()
        for name in ["a.flac", "b.flac"] {
            let result = try SootheCLI.run(["render", path, "-o", folder.file(name)] + Self.small)
            #expect(result.status == 0, "\(result)")
        }
        let a = try Data(contentsOf: URL(fileURLWithPath: folder.file("a.flac")))
        let b = try Data(contentsOf: URL(fileURLWithPath: folder.file("b.flac")))
        #expect(a.count > 1000)
        #expect(a == b)
    }

    @Test(arguments: ["mp3", "flac"])
    func sampleRate44100Works(_ format: String) throws {
        let (folder, path) = try Self.tiny()
        let result = try SootheCLI.run(["render", path, "-o", folder.file("x.\(format)"), "--sample-rate", "44100", "--quiet"])
        #expect(result.status == 0, "\(result)")
        let (reader, lufs, _) = try Self.loudness(folder.file("x.\(format)"))
        #expect(reader.format == AudioFileFormat(rawValue: format))
        #expect(reader.sampleRate == 44100)
        #expect(reader.channels == 2)
        #expect(reader.frames == (try Self.frames(Self.cueSheet(path), rate: 44100)))
        #expect(abs(lufs - -16) <= 0.5, "\(lufs) LUFS")
    }

    @Test(arguments: [["-o", "x.opus"], ["--format", "opus", "-o", "x.ogg"]])
    func opusAt44100ExitsWithUsageNaming48000(_ output: [String]) throws {
        let (folder, path) = try Self.tiny()
        let result = try SootheCLI.run(["render", path, "--sample-rate", "44100"] + output, in: folder.path)
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("48000"), "\(result)")
        #expect(try Self.names(folder.path) == ["tiny.yaml"])
    }

    @Test func unwritableFolderExits73AndLeavesNothing() throws {
        let (folder, path) = try Self.tiny()
        // A regular file where a folder should be: not even root can create files inside it.
        try folder.write("blocker", "in the way")
        let existing = try folder.write("keep.wav", "an earlier render")
        for target in [folder.file("blocker/out.wav"), folder.file("blocker/sub/"), "/proc/soothe-test/out.wav"] {
            let result = try SootheCLI.run(["render", path, "-o", target] + Self.small, in: folder.path)
            #expect(result.status == 73, "\(target): \(result)")
            #expect(result.stderr.contains("error"), "\(result)")
        }
        #expect(try Self.names(folder.path) == ["blocker", "keep.wav", "tiny.yaml"])
        #expect(try String(contentsOfFile: folder.file("blocker"), encoding: .utf8) == "in the way")
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "an earlier render")
        #expect(!FileManager.default.fileExists(atPath: "/proc/soothe-test"))
    }

    @Test func renderReplacesAnExistingFileAndLeavesNoTemporaryFile() throws {
        let (folder, path) = try Self.tiny()
        try folder.write("out.wav", "an earlier render")
        let result = try SootheCLI.run(["render", path, "-o", folder.file("out.wav")] + Self.small)
        #expect(result.status == 0, "\(result)")
        #expect(try Self.names(folder.path) == ["out.wav", "tiny.yaml"])
        #expect(try AudioFileReader(path: folder.file("out.wav")).frames == (try Self.frames(Self.cueSheet(path), rate: 22050)))
    }

    @Test func allWithOneBrokenSessionRendersTheOthersAndFails() throws {
        let home = try TemporaryFolder()
        try FileManager.default.createSymbolicLink(atPath: home.file("voices"), withDestinationPath: SootheCLI.packageRoot + "/voices")
        try home.write("assets/sessions/alpha.yaml", "title: Alpha\nsteps:\n  - say: Hello.\n  - pause: 1s\n")
        try home.write("assets/sessions/broken.yaml", "title: Broken\nsteps:\n  - chime: gong-of-doom\n")
        try home.write("assets/sessions/omega.yaml", "title: Omega\nsteps:\n  - chime: bell\n  - pause: 1s\n")
        let out = home.file("rendered")
        let result = try SootheCLI.run(["render", "--all", "-o", out, "--jobs", "2"] + Self.small, home: home.path)
        #expect(result.status != 0, "\(result)")
        #expect(result.status == 65, "an invalid script is exit 65: \(result)")
        #expect(try Self.names(out) == ["alpha.wav", "omega.wav"])
        #expect(result.stderr.contains("broken.yaml"), "the diagnostic names the file: \(result)")
        #expect(result.stderr.contains("gong-of-doom"), "\(result)")
        let rows = result.stdout.split(separator: "\n").map(String.init)
        #expect(rows.contains { $0.hasPrefix("broken") && $0.contains("FAILED") }, "\(result)")
        #expect(rows.contains { $0.hasPrefix("alpha") && $0.contains("LUFS") }, "\(result)")
        #expect(rows.contains { $0.hasPrefix("omega") && $0.contains("LUFS") }, "\(result)")
        for id in ["alpha", "omega"] {
            let sheet = try Self.cueSheet(id, home: home.path)
            #expect(try AudioFileReader(path: out + "/\(id).wav").frames == (try Self.frames(sheet, rate: 22050)))
        }
    }

    /// Sessions load (and speak) one at a time in one order whatever --jobs is, so a batch's
    /// files are the same bytes with one job or three; the summary keeps the sessions' order.
    @Test func batchFilesDoNotDependOnJobs() throws {
        let home = try TemporaryFolder()
        try FileManager.default.createSymbolicLink(atPath: home.file("voices"), withDestinationPath: SootheCLI.packageRoot + "/voices")
        let sessions = [
            "a-short": "title: A\nsteps:\n  - say: One breath.\n  - pause: 1s\n",
            "b-long": "title: B\nsteps:\n  - say: Breathe with me now.\n  - breathe: {pattern: 4-0-4-0, cycles: 3, prompts: {inhale: In, exhale: Out}}\n",
            "c-middle": "title: C\nsteps:\n  - chime: bell\n  - say: Rest here, softly.\n  - pause: 3s\n",
        ]
        for (id, yaml) in sessions { try home.write("assets/sessions/\(id).yaml", yaml) }
        var files: [[Data]] = []
        for jobs in ["1", "3"] {
            let out = home.file("out\(jobs)")
            let result = try SootheCLI.run(["render", "--all", "-o", out, "--jobs", jobs] + Self.small, home: home.path)
            #expect(result.status == 0, "\(result)")
            let lines = result.stdout.split(separator: "\n")
            let rows = lines.dropFirst().dropLast().map { String($0.prefix(while: { $0 != " " })) }
            #expect(rows == ["a-short", "b-long", "c-middle"], "\(result)")
            #expect(lines.last == "3 rendered, 0 failed", "\(result)")
            files.append(try sessions.keys.sorted().map { try Data(contentsOf: URL(fileURLWithPath: "\(out)/\($0).wav")) })
        }
        #expect(files[0] == files[1])
        // Each phrase is spoken from the same espeak-ng state, so a session rendered on its own
        // sounds the same as inside the batch (whose files also carry their track numbers).
        for id in sessions.keys.sorted() {
            let alone = home.file("\(id)-alone.wav")
            let result = try SootheCLI.run(["render", id, "-o", alone] + Self.small, home: home.path)
            #expect(result.status == 0, "\(result)")
            let batch = try AudioFileReader(path: home.file("out1/\(id).wav"))
            #expect(try AudioFileReader(path: alone).readAll() == batch.readAll(), "\(id)")
        }
    }

    /// A cache folder that cannot be used costs only speed, and says so.
    @Test func unusableSpeechCacheIsAWarningNotAFailure() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("rest.wav")
        let result = try SootheCLI.run(
            ["render", "grounding-5-4-3-2-1", "-o", path] + Self.small, cache: "/proc/soothe-cannot-be-here")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("warning: SOOTHE_CACHE"), "\(result)")
        #expect(FileManager.default.fileExists(atPath: path))
    }

    /// The speech cache changes nothing but speed: the same file with it cold, warm or off.
    @Test func speechCacheIsInvisibleInTheFile() throws {
        let folder = try TemporaryFolder()
        let cache = folder.file("cache")
        var files: [Data] = []
        for (name, setting) in [("cold", cache), ("warm", cache), ("off", "off")] {
            let path = folder.file("\(name).wav")
            let result = try SootheCLI.run(["render", "grounding-5-4-3-2-1", "-o", path] + Self.small, cache: setting)
            #expect(result.status == 0, "\(result)")
            files.append(try Data(contentsOf: URL(fileURLWithPath: path)))
            if name == "cold" {
                let clips = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(".clip") }
                #expect(!clips.isEmpty, "the cold render filled the cache")
            }
        }
        #expect(files[0] == files[1])
        #expect(files[0] == files[2])
    }

    /// Without guidance or chimes a breathing track is exactly cycles × the cycle's length.
    @Test(arguments: BreathPattern.presetNames)
    func breatheEachPresetHasItsLength(_ preset: String) throws {
        let folder = try TemporaryFolder()
        let pattern = try #require(BreathPattern.presets[preset])
        let path = folder.file("\(preset).wav")
        let result = try SootheCLI.run(
            ["breathe", "--pattern", preset, "--cycles", "1", "--no-guidance", "--chime", "none", "-o", path] + Self.small)
        #expect(result.status == 0, "\(result)")
        let (reader, lufs, peak) = try Self.loudness(path)
        #expect(reader.frames == Int((pattern.cycleLength * 22050).rounded()), "\(preset): \(reader.frames) frames")
        #expect(abs(lufs - -16) <= 0.5, "\(preset): \(lufs) LUFS")
        #expect(peak <= -1, "\(preset): \(peak) dBTP")
    }

    /// With its defaults (chimes, spoken guidance), a breathing track speaks every phrase of the
    /// script it stands for, and its file is as long as that script's timeline (whose chapters
    /// tile it).
    @Test func breatheWithGuidanceMatchesItsScript() throws {
        let folder = try TemporaryFolder()
        let track = try #require(BreathingTrack(pattern: "coherent", cycles: 2))
        let loader = SessionLoader(voices: VoiceLibrary(profiles: ["gentle": .fallback]), timing: EstimatedSpeechTiming())
        let timeline = try #require(loader.build(track.script(voice: .fallback)).timeline)
        let result = try SootheCLI.run(
            ["breathe", "--pattern", "coherent", "--cycles", "2", "--captions", "--chapters"] + Self.small, in: folder.path)
        #expect(result.status == 0, "\(result)")
        let vtt = try String(contentsOfFile: folder.file("out/\(track.id).vtt"), encoding: .utf8)
        let captions = try #require(Self.parseVTT(vtt))
        #expect(captions.map(\.text) == CueSheet.speechCues(timeline).compactMap { $0.speech?.words })
        #expect(captions.count >= 4, "intro, prompts and closing are spoken")
        let chapterText = try String(contentsOfFile: folder.file("out/\(track.id).chapters.vtt"), encoding: .utf8)
        let end = try #require(Self.parseVTT(chapterText)?.last?.end)
        let frames = try AudioFileReader(path: folder.file("out/\(track.id).wav")).frames
        #expect(frames == Int((Double(end) / 1000 * 22050).rounded()))
    }
}
