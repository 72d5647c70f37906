import Foundation
import SootheTestSupport
import Testing

/// `soothe render` writes chapters and a phone's tags into every format: read back by ffprobe.
@Suite struct EmbeddedMetadataCLITests {
    static let script = """
        title: Chapter Check
        summary: Three chapters.
        steps:
          - chime: soft-chime
          - say: Welcome. Sit comfortably and let your shoulders drop.
          - breathe: {pattern: 2-0-3-0, cycles: 1}
          - say: Now notice the ground.
            chapter: Grounding
          - pause: 1s

        """

    static func cover(in folder: TemporaryFolder) throws -> String {
        let path = folder.file("cover.png")
        try Data(FFprobe.png).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The chapters of the `--chapters` list, (title, start in ms).
    static func chapterList(_ path: String) throws -> [(String, Int)] {
        let cues = try #require(RenderCommandTests.parseVTT(try String(contentsOfFile: path, encoding: .utf8)))
        return cues.map { ($0.text, $0.start) }
    }

    @Test func everyFormatCarriesTheChapterListAndTheTags() throws {
        let folder = try TemporaryFolder()
        let script = try folder.write("check.yaml", Self.script)
        let cover = try Self.cover(in: folder)
        let wav = try SootheCLI.run(["render", script, "-o", folder.file("wav/"), "--chapters"] + RenderCommandTests.small)
        try #require(wav.status == 0, "\(wav)")
        let expected = try Self.chapterList(folder.file("wav/check.chapters.vtt"))
        #expect(expected.map(\.0) == ["Welcome. Sit comfortably and let your…", "Breathe in two, breathe out three", "Grounding"])
        for format in ["wav", "flac", "ogg", "opus", "mp3"] {
            let path = folder.file("check.\(format)")
            // Opus is 48 kHz only.
            let rate = format == "opus" ? ["--sample-rate", "48000", "--channels", "1", "--quiet"] : RenderCommandTests.small
            let result = try SootheCLI.run(["render", script, "-o", path, "--album", "Calm", "--artist", "Someone", "--cover", cover] + rate)
            try #require(result.status == 0, "\(result)")
            let probe = try FFprobe.probe(path)
            #expect(probe.chapters.map(\.title) == expected.map(\.0), "\(format)")
            for (read, (_, start)) in zip(probe.chapters, expected) {
                #expect(abs(read.start * 1000 - Double(start)) < 2, "\(format): \(read.start) for \(start) ms")
            }
            #expect(probe.tags["album"] == "Calm" && probe.tags["artist"] == "Someone" && probe.tags["title"] == "Chapter Check", "\(format): \(probe.tags)")
            #expect(probe.streams.filter(\.attachedPicture).map(\.codec) == (format == "wav" ? [] : ["png"]), "\(format)")
            if format != "wav" {
                #expect(probe.tags["language"] == (format == "mp3" ? "eng" : "en-US"), "\(format): \(probe.tags)")
            }
        }
    }

    /// Track numbers follow the batch as named, not the order the sessions finish in.
    @Test func aBatchNumbersItsTracks() throws {
        let folder = try TemporaryFolder()
        let first = try folder.write("zeta.yaml", "title: Zeta\nsteps:\n  - say: One.\n")
        let second = try folder.write("alpha.yaml", "title: Alpha\nsteps:\n  - say: Two.\n  - pause: 2s\n")
        let result = try SootheCLI.run(["render", first, second, "--format", "ogg", "-o", folder.file("out/")] + RenderCommandTests.small)
        try #require(result.status == 0, "\(result)")
        let zeta = try FFprobe.probe(folder.file("out/zeta.ogg")).tags, alpha = try FFprobe.probe(folder.file("out/alpha.ogg")).tags
        #expect(zeta["track"] == "1" && alpha["track"] == "2", "\(zeta) \(alpha)")
        #expect(zeta["tracktotal"] == "2" && alpha["tracktotal"] == "2")
        #expect(zeta["album"] == "soothe" && zeta["artist"] == "soothe")
    }

    @Test func aCoverThatCannotBeUsedStopsBeforeRendering() throws {
        let folder = try TemporaryFolder()
        let script = try folder.write("check.yaml", Self.script)
        let missing = try SootheCLI.run(["render", script, "-o", folder.file("out/a.mp3"), "--cover", folder.file("none.png")] + RenderCommandTests.small)
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("--cover \(folder.file("none.png")): no such file"), "\(missing)")
        let notImage = try SootheCLI.run(["render", script, "-o", folder.file("out/a.mp3"), "--cover", script] + RenderCommandTests.small)
        #expect(notImage.status == 65)
        #expect(notImage.stderr.contains("not a PNG or JPEG image"), "\(notImage)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("out")))
        let empty = try SootheCLI.run(["render", script, "-o", folder.file("a.mp3"), "--album", " "] + RenderCommandTests.small)
        #expect(empty.status == 64 && empty.stderr.contains("--album is empty"), "\(empty)")
    }

    /// `-o -`: the file reaches standard output whole, chapters and tags included.
    @Test func standardOutputCarriesTheMetadataToo() throws {
        let folder = try TemporaryFolder()
        let script = try folder.write("check.yaml", Self.script)
        let out = folder.file("stdout.mp3")
        let result = try SootheCLI.run(
            ["render", script, "-o", "-", "--format", "mp3", "--album", "Piped"] + RenderCommandTests.small,
            wrapper: ["/bin/sh", "-c", "exec \"$0\" \"$@\" > '\(out)'"])
        try #require(result.status == 0, "\(result)")
        let probe = try FFprobe.probe(out)
        #expect(probe.chapters.map(\.title) == ["Welcome. Sit comfortably and let your…", "Breathe in two, breathe out three", "Grounding"])
        #expect(probe.tags["album"] == "Piped")
    }
}
