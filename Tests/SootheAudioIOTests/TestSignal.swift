import Foundation
import SootheAudioIO

/// Test signals, interleaved.
enum TestSignal {
    /// A sine on every channel; channel `c` is scaled by `gains[c]` (default 1).
    static func sine(
        frequency: Double, amplitude: Double, sampleRate: Int, frames: Int, channels: Int,
        phase: Double = 0, gains: [Double]? = nil
    ) -> [Float] {
        var out = [Float](repeating: 0, count: frames * channels)
        let step = 2 * Double.pi * frequency / Double(sampleRate)
        for i in 0..<frames {
            let value = amplitude * sin(step * Double(i) + phase)
            for c in 0..<channels { out[i * channels + c] = Float(value * (gains?[c] ?? 1)) }
        }
        return out
    }

    /// Speech-like test material: a few harmonics under a slow amplitude envelope plus seeded noise.
    static func voiceLike(sampleRate: Int, frames: Int, channels: Int) -> [Float] {
        var out = [Float](repeating: 0, count: frames * channels)
        var seed: UInt32 = 12345
        for i in 0..<frames {
            let t = Double(i) / Double(sampleRate)
            let envelope = 0.5 + 0.5 * sin(2 * .pi * 3 * t)
            var v = 0.0
            for (k, f) in [180.0, 360, 540, 1100, 2500].enumerated() { v += sin(2 * .pi * f * t) / Double(k + 2) }
            seed = seed &* 1_664_525 &+ 1_013_904_223
            let noise = Double(Int32(bitPattern: seed)) / Double(Int32.max)
            let value = 0.3 * envelope * v + 0.02 * noise
            for c in 0..<channels { out[i * channels + c] = Float(value) }
        }
        return out
    }

    /// Root mean square of channel `channel`.
    static func rms(_ samples: [Float], channels: Int, channel: Int) -> Double {
        var sum = 0.0
        var count = 0
        var i = channel
        while i < samples.count {
            sum += Double(samples[i]) * Double(samples[i])
            count += 1
            i += channels
        }
        return count == 0 ? 0 : (sum / Double(count)).squareRoot()
    }
}

/// Writes `samples` through an `AudioFileWriter` and finishes it.
@discardableResult
func writeAudio(_ path: String, _ settings: AudioFileSettings, _ samples: [Float]) throws -> AudioFileWriter {
    let writer = try AudioFileWriter(path: path, settings: settings)
    try samples.withUnsafeBufferPointer { try writer.write(interleaved: $0) }
    try writer.finish()
    return writer
}
