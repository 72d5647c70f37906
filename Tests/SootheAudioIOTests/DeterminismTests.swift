import Testing
import SootheAudioIO

extension AudioIOTests {
    @Suite struct DeterminismTests {
        static let cases: [(AudioFileFormat, SampleEncoding)] = [
            (.wav, .pcm16), (.wav, .pcm24), (.wav, .float), (.flac, .pcm16), (.flac, .pcm24),
            (.ogg, .pcm16), (.opus, .pcm16), (.mp3, .pcm16),
        ]

        /// libsndfile gives Ogg streams a clock-seeded serial and float WAVs a timestamped PEAK
        /// chunk; the writer removes both, so the same input gives the same bytes.
        @Test(arguments: cases)
        func sameSamplesGiveIdenticalBytes(_ format: AudioFileFormat, _ encoding: SampleEncoding) throws {
            let folder = try TestFolder()
            let samples = TestSignal.voiceLike(sampleRate: 48000, frames: 48000 * 3, channels: 2)
            let settings = AudioFileSettings(
                format: format, sampleRate: 48000, channels: 2, encoding: encoding,
                tags: AudioTags(title: "Same", software: "soothe"), cuePoints: [0, 4800])
            try writeAudio(folder.file("a.\(format.fileExtension)"), settings, samples)
            try writeAudio(folder.file("b.\(format.fileExtension)"), settings, samples)
            let a = try folder.bytes("a.\(format.fileExtension)")
            let b = try folder.bytes("b.\(format.fileExtension)")
            #expect(a.count > 1000)
            #expect(a.count == b.count)
            let firstDifference = (0..<min(a.count, b.count)).first { a[$0] != b[$0] }
            #expect(firstDifference == nil, "first differing byte")
        }

        @Test(arguments: [AudioFileFormat.ogg, .opus])
        func everyOggPageCarriesTheChosenSerialAndStillDecodes(_ format: AudioFileFormat) throws {
            let folder = try TestFolder()
            let samples = TestSignal.voiceLike(sampleRate: 48000, frames: 48000 * 4, channels: 1)
            for serial: UInt32 in [0x1234_5678, AudioFileSettings.defaultOggSerialNumber] {
                let name = "s\(serial).\(format.fileExtension)"
                try writeAudio(folder.file(name), AudioFileSettings(format: format, channels: 1, oggSerialNumber: serial), samples)
                let bytes = try folder.bytes(name)
                var pages = 0
                var otherSerials = 0
                var offset = 0
                while offset + 27 <= bytes.count {
                    #expect(Array(bytes[offset..<(offset + 4)]) == Array("OggS".utf8))
                    let pageSerial = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + 14 + $1]) << (8 * UInt32($1)) }
                    if pageSerial != serial { otherSerials += 1 }
                    let segments = Int(bytes[offset + 26])
                    let body = bytes[(offset + 27)..<(offset + 27 + segments)].reduce(0) { $0 + Int($1) }
                    offset += 27 + segments + body
                    pages += 1
                }
                #expect(otherSerials == 0)
                #expect(offset == bytes.count)
                #expect(pages >= 3)
                // libogg drops pages whose CRC is wrong: a full decode proves the CRCs were rewritten.
                let reader = try AudioFileReader(path: folder.file(name))
                #expect(reader.frames == samples.count)
                #expect(try reader.readAll().count == samples.count)
            }
        }
    }
}
