import Foundation
import SootheAudioIO
import SootheTestSupport

/// Measurements of rendered files, read back through libsndfile and libebur128.
enum Measure {
    /// A file read back: its shape and interleaved samples.
    struct Audio {
        var sampleRate: Int
        var channels: Int
        var frames: Int
        var samples: [Float]
        var tags: AudioTags
        var cuePoints: [Int]
        var format: AudioFileFormat?

        /// Channel `channel` of frame `frame`.
        subscript(frame: Int, channel: Int) -> Float { samples[frame * channels + channel] }
    }

    static func read(_ path: String) throws -> Audio {
        let reader = try AudioFileReader(path: path)
        let samples = try reader.readAll()
        return Audio(
            sampleRate: reader.sampleRate, channels: reader.channels, frames: reader.frames, samples: samples,
            tags: reader.tags, cuePoints: reader.cuePoints, format: reader.format)
    }

    /// Integrated loudness (LUFS, mono as dual mono) and true peak (dBTP) of `audio`.
    static func loudness(_ audio: Audio) throws -> (lufs: Double, truePeak: Double) {
        let meter = try LoudnessMeter(channels: audio.channels, sampleRate: audio.sampleRate)
        audio.samples.withUnsafeBufferPointer { meter.add(interleaved: $0) }
        return (meter.integratedLoudness, meter.truePeakDB)
    }

    /// RMS in dBFS of every channel over `frames`.
    static func rmsDB(_ audio: Audio, frames: Range<Int>) -> Double {
        var sum = 0.0
        for frame in frames {
            for channel in 0..<audio.channels {
                let x = Double(audio[frame, channel])
                sum += x * x
            }
        }
        return 10 * log10(max(sum / Double(frames.count * audio.channels), 1e-30))
    }

    /// The first frame at or after `start` where any channel is not exactly zero, or nil.
    static func firstSound(_ audio: Audio, from start: Int = 0) -> Int? {
        (start..<audio.frames).first { frame in (0..<audio.channels).contains { audio[frame, $0] != 0 } }
    }

    /// The last frame before `end` where any channel is not exactly zero, or nil.
    static func lastSound(_ audio: Audio, before end: Int) -> Int? {
        (0..<end).reversed().first { frame in (0..<audio.channels).contains { audio[frame, $0] != 0 } }
    }

    /// Seconds `body` took.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = Date()
        try body()
        return Date().timeIntervalSince(start)
    }
}
