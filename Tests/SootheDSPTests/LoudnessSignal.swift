import SootheDSP

#if canImport(Glibc)
    import Glibc
#endif

/// Test programmes for the loudness meter: each one channel of `frames` samples, seeded.
enum LoudnessSignal: String, CaseIterable, CustomStringConvertible, Sendable {
    case sine20, sine40, sine100, sine997, sine5k, sine20k
    case whiteNoise, pinkishNoise, brownishNoise
    /// Syllables of band-limited noise with silent gaps: both gates matter.
    case speechBursts
    /// A tone stepping through levels around −70 LUFS: blocks straddle the absolute gate.
    case aroundAbsoluteGate
    /// A loud tone half the time (1.1 s steps) and quieter ones 11–16 dB under it: blocks straddle the
    /// relative gate (about 12 dB under the loud tone).
    case aroundRelativeGate

    var description: String { rawValue }

    /// Sine frequency, if this is a steady sine.
    var frequency: Double? {
        switch self {
        case .sine20: 20
        case .sine40: 40
        case .sine100: 100
        case .sine997: 997
        case .sine5k: 5_000
        case .sine20k: 20_000
        default: nil
        }
    }

    /// Whether the signal exists at `rate` (sines below 0.45 × rate).
    func fits(rate: Int) -> Bool { (frequency ?? 0) < 0.45 * Double(rate) }

    static func sine(_ frequency: Double, amplitude: Double, rate: Int, frames: Int, phase: Double = 0) -> [Float] {
        let step = 2 * Double.pi * frequency / Double(rate)
        return (0..<frames).map { Float(amplitude * sin(step * Double($0) + phase)) }
    }

    func samples(rate: Int, frames: Int, seed: UInt64 = 1) -> [Float] {
        var rng = SplitMix64(seed: seed)
        if let frequency { return Self.sine(frequency, amplitude: 0.3, rate: rate, frames: frames, phase: Double(seed)) }
        switch self {
        case .whiteNoise:
            return (0..<frames).map { _ in 0.4 * rng.nextBipolar() }
        case .pinkishNoise:
            // Three one-pole low-passes spread over the band (Kellet-style): roughly −3 dB/octave.
            var p0: Float = 0, p1: Float = 0, p2: Float = 0
            return (0..<frames).map { _ in
                let w = rng.nextBipolar()
                p0 = 0.99765 * p0 + w * 0.0990460
                p1 = 0.96300 * p1 + w * 0.2965164
                p2 = 0.57000 * p2 + w * 1.0526913
                return 0.1 * (p0 + p1 + p2 + w * 0.1848)
            }
        case .brownishNoise:
            var b: Float = 0
            return (0..<frames).map { _ in
                b = 0.998 * b + 0.02 * rng.nextBipolar()
                return b
            }
        case .speechBursts:
            var out = [Float](repeating: 0, count: frames)
            var band: Float = 0, low: Float = 0
            var n = 0, syllable = 0
            while n < frames {
                let length = Int(rng.next(in: 0.12...0.3) * Double(rate))
                let gap = syllable % 5 == 4 ? Int(rng.next(in: 0.5...1.5) * Double(rate)) : Int(0.04 * Double(rate))
                let loud = Float(rng.next(in: 0.05...0.6))
                for k in 0..<length where n + k < frames {
                    band += 0.3 * (rng.nextBipolar() - band)
                    low += 0.5 * (band - low)
                    out[n + k] = 3 * loud * Float(sin(Double.pi * Double(k) / Double(length))) * low
                }
                n += length + gap
                syllable += 1
            }
            return out
        case .aroundAbsoluteGate:
            // 250 ms steps (not aligned with the 100 ms grid) from −64 to −77 dBFS and back.
            let levels: [Double] = [-64, -66, -67, -68, -69, -70, -71, -72, -74, -77, -72, -69, -66]
            let step = rate / 4
            let tone = Self.sine(997, amplitude: 1, rate: rate, frames: frames)
            return (0..<frames).map { tone[$0] * Float(pow(10, levels[($0 / step) % levels.count] / 20)) }
        case .aroundRelativeGate:
            let levels: [Double] = [-20, -34, -20, -31, -20, -36, -20, -33]
            let step = rate * 11 / 10 + 7
            let tone = Self.sine(440, amplitude: 1, rate: rate, frames: frames)
            return (0..<frames).map { tone[$0] * Float(pow(10, levels[($0 / step) % levels.count] / 20)) }
        default:
            preconditionFailure("unreachable: sines are handled above")
        }
    }

    /// Two channels interleaved.
    static func interleave(_ left: [Float], _ right: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: 2 * left.count)
        for i in left.indices {
            out[2 * i] = left[i]
            out[2 * i + 1] = right[i]
        }
        return out
    }
}
