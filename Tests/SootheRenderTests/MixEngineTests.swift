import Foundation
import SootheCore
@testable import SootheRender
import Testing

/// The mix streams in blocks; the block size must not change a single sample.
@Suite struct MixEngineTests {
    /// Every frame the engine produces with `blockFrames`, interleaved, before gain and limiting
    /// (one channel when the session has no ambience: see `MixEngine.channels`).
    static func mix(_ timeline: Timeline, channels fileChannels: Int, blockFrames: Int) throws -> [Float] {
        let options = RenderOptions(format: .wav, sampleRate: 22050, channels: fileChannels, blockFrames: blockFrames)
        var engine = try MixEngine(timeline: timeline, options: options, speech: Sessions.voice)
        let channels = engine.channels
        #expect(channels == (timeline.ambience == nil ? 1 : fileChannels))
        var out: [Float] = []
        out.reserveCapacity(engine.totalFrames * channels)
        var buffer = [Float](repeating: 0, count: blockFrames * channels)
        while true {
            let frames = buffer.withUnsafeMutableBufferPointer { engine.renderBlock(into: $0) }
            if frames == 0 { break }
            out.append(contentsOf: buffer[0..<(frames * channels)])
        }
        #expect(engine.isFinished)
        return out
    }

    @Test(arguments: [1, 2])
    func blockSizeDoesNotChangeTheMix(_ channels: Int) throws {
        let timeline = try Sessions.timeline(Sessions.everything)
        let reference = try Self.mix(timeline, channels: channels, blockFrames: 4096)
        #expect(reference.count == Sessions.expectedFrames(timeline, rate: 22050) * channels)
        #expect(timeline.ambience != nil, "the stereo case needs ambience")
        #expect(reference.contains { $0 != 0 })
        for blockFrames in [512, 1000, 8192] {
            let other = try Self.mix(timeline, channels: channels, blockFrames: blockFrames)
            #expect(other.count == reference.count)
            let differing = zip(reference, other).filter { $0 != $1 }.count
            #expect(differing == 0, "\(differing) samples differ with \(blockFrames)-frame blocks")
        }
    }

    @Test func blockSizeDoesNotChangeTheFile() throws {
        let folder = try ScratchFolder()
        let timeline = try Sessions.timeline(Sessions.everything)
        var files: [Data] = []
        for blockFrames in [512, 4096] {
            let options = RenderOptions(format: .wav, sampleRate: 22050, channels: 2, blockFrames: blockFrames)
            let path = folder.file("b\(blockFrames).wav")
            _ = try SessionRenderer(options: options, speech: Sessions.voice).render(timeline, to: path)
            files.append(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        #expect(files[0] == files[1])
    }
}
