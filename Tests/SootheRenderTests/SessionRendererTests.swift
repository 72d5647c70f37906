import Foundation
import SootheAudioIO
import SootheCore
import SootheRender
import Testing

@Suite struct SessionRendererTests {
    /// The true-peak ceiling every file must respect, in dBTP.
    static let ceiling = -1.0
    /// Lossy decoders may overshoot the samples that were encoded; allowed overshoot, in dB.
    static let lossyPeakAllowance = 0.5

    @Test(arguments: RenderCase.all)
    func fileHasShapeLoudnessPeakAndTags(_ testCase: RenderCase) throws {
        let folder = try ScratchFolder()
        let timeline = try Sessions.timeline(Sessions.everything)
        let path = folder.file("render-check.\(testCase.format.fileExtension)")
        let renderer = SessionRenderer(options: testCase.options, speech: Sessions.voice)
        let report = try renderer.render(timeline, to: path)

        let audio = try Measure.read(path)
        let expected = Sessions.expectedFrames(timeline, rate: testCase.sampleRate)
        #expect(audio.format == testCase.format)
        #expect(audio.sampleRate == testCase.sampleRate)
        #expect(audio.channels == testCase.channels)
        #expect(audio.frames == expected)
        #expect(audio.samples.count == expected * testCase.channels)
        #expect(report.frames == expected)
        #expect(abs(report.duration - Timeline.milliseconds(timeline.duration)) <= 0.5 / Double(testCase.sampleRate))

        let (lufs, peak) = try Measure.loudness(audio)
        #expect(abs(lufs - testCase.loudness) <= 0.5, "measured \(lufs) LUFS for a \(testCase.loudness) LUFS target")
        let allowance = testCase.format.isLossy ? Self.lossyPeakAllowance : 0
        #expect(peak <= Self.ceiling + allowance, "true peak \(peak) dBTP")
        // What the renderer measured before encoding must respect the ceiling exactly.
        #expect(report.truePeak <= Self.ceiling)
        #expect(abs(report.loudness - testCase.loudness) <= 0.5)
        if !testCase.format.isLossy {
            // The renderer's own meter reads the written samples as libebur128 reads the file.
            #expect(abs(report.loudness - lufs) <= 0.01, "report \(report.loudness), libebur128 \(lufs)")
        }

        #expect(audio.tags.title == "Render Check")
        #expect(audio.tags.artist == "soothe")
        #expect(audio.tags.comment == "A short session that uses every layer.\nLanguage: \(SpeechLanguage(espeak: timeline.voice.espeak).tag)")
        #expect(audio.tags.date == "2025-03-14")
        // FLAC and Vorbis carry it as ENCODER, which libsndfile does not read (ffprobe does).
        if testCase.format != .flac && testCase.format != .ogg {
            #expect(audio.tags.software?.hasPrefix("soothe ") == true)
        }
    }

    @Test func wavCuePointsAreTheChapterStarts() throws {
        let folder = try ScratchFolder()
        let timeline = try Sessions.timeline(Sessions.everything)
        let options = RenderOptions(format: .wav, sampleRate: 22050, channels: 2)
        let renderer = SessionRenderer(options: options, speech: Sessions.voice)
        let path = folder.file("cues.wav")
        _ = try renderer.render(timeline, to: path)

        let chapterStarts = timeline.chapters.map { Int((Timeline.milliseconds($0.start) * 22050).rounded()) }
        #expect(timeline.chapters.count >= 2)
        let read = try AudioFileReader(path: path).cuePoints
        #expect(read == chapterStarts)
        #expect(read == renderer.cuePoints(for: timeline))
        #expect(read.first == 0)
        #expect(read.allSatisfy { $0 < Sessions.expectedFrames(timeline, rate: 22050) })
    }

    @Test(arguments: [AudioFileFormat.wav, .flac, .ogg, .opus, .mp3])
    func twoRendersAreByteIdentical(_ format: AudioFileFormat) throws {
        let folder = try ScratchFolder()
        let timeline = try Sessions.timeline(Sessions.everything)
        let options = RenderOptions(format: format, sampleRate: format == .opus ? 48000 : 22050, channels: 2, date: "2025-03-14")
        let renderer = SessionRenderer(options: options, speech: Sessions.voice)
        let first = folder.file("a.\(format.fileExtension)"), second = folder.file("b.\(format.fileExtension)")
        _ = try renderer.render(timeline, to: first)
        _ = try renderer.render(timeline, to: second)
        let a = try Data(contentsOf: URL(fileURLWithPath: first))
        let b = try Data(contentsOf: URL(fileURLWithPath: second))
        #expect(a.count > 1000)
        #expect(a == b)
    }

    @Test func anotherSeedChangesTheAmbienceOnly() throws {
        let folder = try ScratchFolder()
        let timeline = try Sessions.timeline(Sessions.everything)
        var options = RenderOptions(format: .wav, sampleRate: 22050, channels: 1)
        _ = try SessionRenderer(options: options, speech: Sessions.voice).render(timeline, to: folder.file("a.wav"))
        options.seed &+= 1
        _ = try SessionRenderer(options: options, speech: Sessions.voice).render(timeline, to: folder.file("b.wav"))
        let a = try Measure.read(folder.file("a.wav")), b = try Measure.read(folder.file("b.wav"))
        #expect(a.frames == b.frames)
        #expect(a.samples != b.samples)
        // Same loudness target, same length: the seed varies the texture, not the level.
        #expect(abs(try Measure.loudness(a).lufs - Measure.loudness(b).lufs) < 0.5)
    }

    @Test func unwritableFolderThrowsCannotCreateAndLeavesNothing() throws {
        let folder = try ScratchFolder()
        let timeline = try Sessions.timeline(Sessions.speechOnly, timing: MarkerSpeech(signal: .silence))
        // A regular file where a folder should be: not even root can create files inside it.
        try Data("in the way".utf8).write(to: URL(fileURLWithPath: folder.file("blocker")))
        let existing = Data("an earlier render".utf8)
        try existing.write(to: URL(fileURLWithPath: folder.file("keep.wav")))
        let renderer = SessionRenderer(
            options: RenderOptions(format: .wav, sampleRate: 22050, channels: 1), speech: MarkerSpeech(signal: .silence))
        #expect {
            _ = try renderer.render(timeline, to: folder.file("blocker/out.wav"))
        } throws: { error in
            (error as? RenderError)?.kind == .cannotCreate
        }
        #expect(try folder.contents() == ["blocker", "keep.wav"])
        #expect(try folder.bytes("blocker") == Data("in the way".utf8))
        #expect(try folder.bytes("keep.wav") == existing)
    }

    @Test func successfulRenderReplacesAnExistingFileAndLeavesNoTemporaryFile() throws {
        let folder = try ScratchFolder()
        let timing = MarkerSpeech(signal: .cosine(frequency: 440, amplitude: 0.3))
        let timeline = try Sessions.timeline(Sessions.speechOnly, timing: timing)
        try Data("an earlier render".utf8).write(to: URL(fileURLWithPath: folder.file("out.wav")))
        let renderer = SessionRenderer(options: RenderOptions(format: .wav, sampleRate: 22050, channels: 1), speech: timing)
        _ = try renderer.render(timeline, to: folder.file("out.wav"))
        #expect(try folder.contents() == ["out.wav"])
        #expect(try Measure.read(folder.file("out.wav")).frames == Sessions.expectedFrames(timeline, rate: 22050))
    }

    @Test func opusAt44100IsRejectedBeforeAnyFileIsMade() throws {
        let folder = try ScratchFolder()
        let timing = MarkerSpeech(signal: .silence)
        let timeline = try Sessions.timeline(Sessions.speechOnly, timing: timing)
        let options = RenderOptions(format: .opus, sampleRate: 44100, channels: 2)
        #expect {
            try options.validate()
        } throws: { error in
            guard let error = error as? RenderError else { return false }
            return error.kind == .invalidOptions && error.message.contains("48000")
        }
        #expect(throws: RenderError.self) {
            _ = try SessionRenderer(options: options, speech: timing).render(timeline, to: folder.file("x.opus"))
        }
        #expect(try folder.contents().isEmpty)
    }

    @Test(arguments: [(22050, 1), (96000, 2), (21000, 2), (48000, 3)])
    func optionLimits(_ rate: Int, _ channels: Int) {
        let options = RenderOptions(format: .wav, sampleRate: rate, channels: channels)
        let valid = (22050...96000).contains(rate) && (1...2).contains(channels)
        if valid {
            #expect(throws: Never.self) { try options.validate() }
        } else {
            #expect(throws: RenderError.self) { try options.validate() }
        }
    }
}
