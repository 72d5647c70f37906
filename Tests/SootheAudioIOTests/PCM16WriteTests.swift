import Foundation
import SootheAudioIO
import Testing

extension AudioIOTests {
    /// soothe converts 16-bit PCM itself (vectorised) rather than through libsndfile: these pin
    /// the rounding, the clipping and the mono-to-every-channel path.
    @Suite struct PCM16WriteTests {
        /// What a sample must become: × 32768, nearest integer (ties to even), clamped.
        static func expected(_ x: Float) -> Int {
            Int(min(max((Double(x) * 32_768).rounded(.toNearestOrEven), -32_768), 32_767))
        }

        /// Samples covering every path: ties, tiny values, ±1, beyond ±1, and random ones.
        static func samples(count: Int) -> [Float] {
            var values: [Float] = [0, 1, -1, 1.0001, -1.0001, 2, -2, 0.99999, -0.99999, 1e-9, -1e-9]
            for k in -8...8 { values.append(Float(k) / 65_536) }  // ties: …, -0.5, 0.5, 1.5, … steps
            for k in [32_766, 32_767, 32_768] { values.append((Float(k) - 0.5) / 32_768) }
            var state: UInt64 = 0x5EED
            while values.count < count {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                values.append(Float(Int64(bitPattern: state) >> 11) / Float(1 << 52) * 1.2)
            }
            return values
        }

        static func write(_ path: String, format: AudioFileFormat, channels: Int, mono: [Float]?, interleaved: [Float]?) throws {
            let settings = AudioFileSettings(format: format, sampleRate: 48_000, channels: channels, encoding: .pcm16)
            let writer = try AudioFileWriter(path: path, settings: settings)
            if let mono { try mono.withUnsafeBufferPointer { try writer.write(mono: $0) } }
            if let interleaved { try interleaved.withUnsafeBufferPointer { try writer.write(interleaved: $0) } }
            try writer.finish()
        }

        @Test(arguments: [AudioFileFormat.wav, .flac])
        func roundsToNearestAndClamps(_ format: AudioFileFormat) throws {
            let folder = try TestFolder()
            // Not a multiple of 8 or of the per-call chunk: the scalar tail runs too.
            let source = Self.samples(count: 20_011)
            let path = folder.file("a.\(format.rawValue)")
            try Self.write(path, format: format, channels: 1, mono: nil, interleaved: source)
            let read = try AudioFileReader(path: path).readAll()
            #expect(read.count == source.count)
            let wrong = zip(source, read).filter { Int(($1 * 32_768).rounded()) != Self.expected($0) }
            #expect(wrong.isEmpty, "first: \(wrong.prefix(3))")
        }

        @Test(arguments: [(AudioFileFormat.wav, SampleEncoding.pcm16), (.flac, .pcm16), (.wav, .float), (.wav, .pcm24)])
        func monoFillsEveryChannelLikeInterleaved(_ format: AudioFileFormat, _ encoding: SampleEncoding) throws {
            let folder = try TestFolder()
            let mono = Self.samples(count: 9_003)
            let stereo = mono.flatMap { [$0, $0] }
            let settings = AudioFileSettings(format: format, sampleRate: 48_000, channels: 2, encoding: encoding)
            for (name, useMono) in [("m", true), ("s", false)] {
                let writer = try AudioFileWriter(path: folder.file("\(name).\(format.rawValue)"), settings: settings)
                if useMono {
                    // Split unevenly: chunking must not matter.
                    try mono.withUnsafeBufferPointer { all in
                        try writer.write(mono: UnsafeBufferPointer(rebasing: all[0..<5]))
                        try writer.write(mono: UnsafeBufferPointer(rebasing: all[5...]))
                    }
                } else {
                    try stereo.withUnsafeBufferPointer { try writer.write(interleaved: $0) }
                }
                #expect(writer.framesWritten == mono.count)
                try writer.finish()
            }
            #expect(try folder.bytes("m.\(format.rawValue)") == folder.bytes("s.\(format.rawValue)"))
            let read = try AudioFileReader(path: folder.file("m.\(format.rawValue)")).readAll()
            #expect(read.count == 2 * mono.count)
            #expect((0..<mono.count).allSatisfy { read[2 * $0] == read[2 * $0 + 1] })
        }
    }
}
