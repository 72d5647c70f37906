import Foundation
import Testing
import SootheAudioIO

/// One format × channel count × encoding to write and read back.
struct FormatCase: Sendable, CustomStringConvertible {
    var format: AudioFileFormat
    var channels: Int
    var encoding: SampleEncoding
    var sampleRate: Int

    var description: String { "\(format.rawValue) \(channels)ch \(encoding.rawValue) \(sampleRate) Hz" }

    static let all: [FormatCase] = {
        var cases: [FormatCase] = []
        for channels in [1, 2] {
            for encoding in SampleEncoding.allCases {
                cases.append(FormatCase(format: .wav, channels: channels, encoding: encoding, sampleRate: 48000))
            }
            for encoding in [SampleEncoding.pcm16, .pcm24] {
                cases.append(FormatCase(format: .flac, channels: channels, encoding: encoding, sampleRate: 44100))
            }
            for format in [AudioFileFormat.ogg, .opus, .mp3] {
                cases.append(FormatCase(format: format, channels: channels, encoding: .pcm16, sampleRate: 48000))
            }
            cases.append(FormatCase(format: .ogg, channels: channels, encoding: .pcm16, sampleRate: 44100))
            cases.append(FormatCase(format: .mp3, channels: channels, encoding: .pcm16, sampleRate: 44100))
        }
        return cases
    }()
}

extension AudioIOTests {
    @Suite struct RoundTripTests {
        /// Lossy codecs: libsndfile trims encoder delay and padding, so the frame count comes back
        /// exactly; this is the tolerance the test allows (measured difference: 0 frames).
        static let lossyFrameTolerance = 0

        @Test(arguments: FormatCase.all)
        func opensBackWithRateChannelsFramesAndLevels(_ testCase: FormatCase) throws {
            let folder = try TestFolder()
            let path = folder.file("out.\(testCase.format.fileExtension)")
            let frames = testCase.sampleRate + 12345  // not a multiple of any block size
            // Channel 2 at half the level of channel 1, to catch channel mix-ups.
            let samples = TestSignal.sine(
                frequency: 440, amplitude: 0.5, sampleRate: testCase.sampleRate, frames: frames,
                channels: testCase.channels, gains: [1, 0.5])
            let settings = AudioFileSettings(
                format: testCase.format, sampleRate: testCase.sampleRate, channels: testCase.channels,
                encoding: testCase.encoding)
            let writer = try writeAudio(path, settings, samples)
            #expect(writer.framesWritten == frames)

            let reader = try AudioFileReader(path: path)
            #expect(reader.format == testCase.format)
            #expect(reader.sampleRate == testCase.sampleRate)
            #expect(reader.channels == testCase.channels)
            let tolerance = testCase.format.isLossy ? Self.lossyFrameTolerance : 0
            #expect(abs(reader.frames - frames) <= tolerance)
            let read = try reader.readAll()
            #expect(abs(read.count / testCase.channels - frames) <= tolerance)

            if testCase.format.isLossy {
                // RMS per channel within 0.5 dB of the source.
                for channel in 0..<testCase.channels {
                    let source = TestSignal.rms(samples, channels: testCase.channels, channel: channel)
                    let decoded = TestSignal.rms(read, channels: testCase.channels, channel: channel)
                    #expect(abs(20 * log10(decoded / source)) < 0.5, "channel \(channel)")
                }
            } else {
                let step: Float =
                    switch testCase.encoding {
                    case .pcm16: 1.0 / 32768
                    case .pcm24: 1.0 / 8_388_608
                    case .float: 0
                    }
                let maxError = zip(samples, read).map { abs($0 - $1) }.max() ?? 1
                #expect(maxError <= step)
            }
        }

        @Test(arguments: [
            (AudioFileFormat.wav, 22050), (.flac, 96000), (.ogg, 22050), (.opus, 8000), (.opus, 16000), (.opus, 24000),
            (.mp3, 22050), (.mp3, 32000),
        ])
        func otherSampleRatesRoundTrip(_ format: AudioFileFormat, _ rate: Int) throws {
            let folder = try TestFolder()
            let path = folder.file("out.\(format.fileExtension)")
            let frames = rate * 2 + 7
            let samples = TestSignal.sine(frequency: 300, amplitude: 0.4, sampleRate: rate, frames: frames, channels: 1)
            try writeAudio(path, AudioFileSettings(format: format, sampleRate: rate, channels: 1), samples)
            let reader = try AudioFileReader(path: path)
            #expect(reader.sampleRate == rate)
            #expect(reader.frames == frames)
        }

        @Test(arguments: AudioFileFormat.allCases)
        func tagsReadBack(_ format: AudioFileFormat) throws {
            let folder = try TestFolder()
            let path = folder.file("tagged.\(format.fileExtension)")
            let tags = AudioTags(
                title: "Belly Breathing", artist: "soothe", comment: "A guided session",
                date: "2025-01-31", software: "soothe 1.0")
            let settings = AudioFileSettings(format: format, sampleRate: 48000, channels: 2, tags: tags)
            try writeAudio(path, settings, TestSignal.sine(frequency: 440, amplitude: 0.3, sampleRate: 48000, frames: 48000, channels: 2))

            let read = try AudioFileReader(path: path).tags
            #expect(read.title == tags.title)
            #expect(read.artist == tags.artist)
            #expect(read.comment == tags.comment)
            // MP3's ID3v2.4 tag keeps the whole date (TDRC).
            #expect(read.date == tags.date)
            switch format {
            case .wav:
                // libsndfile appends " (libsndfile-VERSION)".
                #expect(read.software?.hasPrefix("soothe 1.0") == true)
            case .mp3, .opus:
                #expect(read.software == tags.software)
            case .flac, .ogg:
                // Written as ENCODER, the Vorbis comment players read (EmbeddedMetadataTests reads
                // it with ffprobe); libsndfile looks for it under another name in these two.
                #expect(read.software == nil)
            }
        }

        @Test(arguments: [AudioFileFormat.wav, .flac, .ogg, .opus])
        func unicodeTitleReadsBack(_ format: AudioFileFormat) throws {
            let folder = try TestFolder()
            let path = folder.file("u.\(format.fileExtension)")
            let title = "Ruhe · Atem – café"
            let settings = AudioFileSettings(format: format, channels: 1, tags: AudioTags(title: title))
            try writeAudio(path, settings, [Float](repeating: 0.1, count: 4800))
            #expect(try AudioFileReader(path: path).tags.title == title)
        }

        @Test func untaggedFileHasNoTags() throws {
            let folder = try TestFolder()
            let path = folder.file("plain.wav")
            try writeAudio(path, AudioFileSettings(format: .wav, channels: 1), [Float](repeating: 0, count: 100))
            #expect(try AudioFileReader(path: path).tags.isEmpty)
        }

        @Test(arguments: [[0, 48000, 96000, 100_001], Array(stride(from: 0, to: 150 * 1000, by: 1000))])
        func wavCuePointsReadBack(_ cues: [Int]) throws {
            let folder = try TestFolder()
            let path = folder.file("cues.wav")
            let settings = AudioFileSettings(format: .wav, sampleRate: 48000, channels: 2, cuePoints: cues)
            try writeAudio(path, settings, [Float](repeating: 0, count: 2 * 160_000))
            #expect(try AudioFileReader(path: path).cuePoints == cues)
        }

        @Test(arguments: [AudioFileFormat.flac, .ogg, .opus, .mp3])
        func cuePointsAreIgnoredByOtherFormats(_ format: AudioFileFormat) throws {
            let folder = try TestFolder()
            let path = folder.file("cues.\(format.fileExtension)")
            let settings = AudioFileSettings(format: format, channels: 1, cuePoints: [0, 1000])
            try writeAudio(path, settings, [Float](repeating: 0.1, count: 48000))
            let reader = try AudioFileReader(path: path)
            #expect(reader.cuePoints.isEmpty)
            #expect(reader.frames == 48000)
        }

        @Test(arguments: [AudioFileFormat.ogg, .opus, .mp3])
        func higherQualityGivesLargerFiles(_ format: AudioFileFormat) throws {
            let folder = try TestFolder()
            let samples = TestSignal.voiceLike(sampleRate: 48000, frames: 48000 * 5, channels: 1)
            var sizes: [Int] = []
            for quality in [0.2, 0.5, 0.8] {
                let name = "q\(quality).\(format.fileExtension)"
                try writeAudio(folder.file(name), AudioFileSettings(format: format, channels: 1, quality: quality), samples)
                sizes.append(try folder.bytes(name).count)
            }
            #expect(Double(sizes[1]) > 1.2 * Double(sizes[0]), "sizes \(sizes)")
            #expect(Double(sizes[2]) > 1.2 * Double(sizes[1]), "sizes \(sizes)")
        }

        @Test func encodingDescriptionNamesTheSampleFormat() throws {
            let folder = try TestFolder()
            try writeAudio(folder.file("a.wav"), AudioFileSettings(format: .wav, channels: 1, encoding: .pcm24), [0, 0.5])
            let description = try AudioFileReader(path: folder.file("a.wav")).encodingDescription
            #expect(description.contains("24"))
        }
    }
}
