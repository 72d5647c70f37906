import SootheDSP
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("True-peak meter")
struct TruePeakMeterTests {
    /// The meter's reading of `x` (interleaved) added in blocks of `block` frames.
    static func measure(_ x: [Float], channels: Int = 1, block: Int = 4_096) -> Double {
        var meter = TruePeakMeter(channels: channels)
        x.withUnsafeBufferPointer { all in
            var start = 0
            while start < all.count {
                let n = min(block * channels, all.count - start)
                meter.add(UnsafeBufferPointer(rebasing: all[start..<(start + n)]))
                start += n
            }
        }
        return meter.peakDB
    }

    @Test("a sine at fs/4 with 45° phase reads 3 dB over its sample peak, at its amplitude", arguments: [0.05, 0.5, 0.9])
    func interSamplePeak(amplitude: Double) {
        let x = (0..<4_800).map { Float(amplitude * sin(Double.pi / 2 * Double($0) + Double.pi / 4)) }
        let samplePeak = Measure.dB(Double(Measure.peak(x)))
        let truePeak = Self.measure(x)
        #expect(abs(truePeak - samplePeak - 3.01) < 0.1, "true \(truePeak), sample \(samplePeak)")
        #expect(abs(truePeak - Measure.dB(amplitude)) < 0.1, "true \(truePeak) dBTP for amplitude \(amplitude)")
    }

    @Test("on noise, within 0.2 dB of an independent long-sinc interpolator", arguments: [1, 2, 3])
    func noise(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        // Noise with a few louder moments, so the peak falls in one short stretch; white noise
        // through a two-tap average (a gentle roll-off to a null at Nyquist, as any resampled
        // audio has: the last few hundred hertz are where a 48-tap kernel is least exact).
        var previous: Float = 0
        let x = (0..<24_000).map { k in
            let white = Float(k % 7_919 < 40 ? 0.9 : 0.3) * rng.nextBipolar()
            defer { previous = white }
            return 0.5 * (white + previous)
        }
        let reference = Measure.dB(Double(Measure.truePeak(x)))
        let reading = Self.measure(x)
        #expect(abs(reading - reference) < 0.2, "meter \(reading), reference \(reference) dBTP")
        #expect(reading >= Measure.dB(Double(Measure.peak(x))) - 1e-9)
    }

    @Test("the reading does not depend on how the stream is cut", arguments: [1, 7, 63, 64, 65, 1_000])
    func blockIndependent(block: Int) {
        var rng = SplitMix64(seed: 8)
        let x = (0..<(2 * 9_000)).map { k in Float(k > 10_000 && k < 10_060 ? 0.8 : 0.1) * rng.nextBipolar() }
        #expect(Self.measure(x, channels: 2, block: block) == Self.measure(x, channels: 2, block: 4_096))
    }

    @Test("stereo: the louder channel decides, whichever it is", arguments: [0, 1])
    func stereo(loud: Int) {
        var x = [Float](repeating: 0, count: 2 * 4_800)
        for n in 0..<4_800 {
            x[2 * n + loud] = Float(0.7 * sin(Double.pi / 2 * Double(n) + Double.pi / 4))
            x[2 * n + 1 - loud] = Float(0.1 * sin(2 * Double.pi * 440 * Double(n) / 48_000))
        }
        #expect(abs(Self.measure(x, channels: 2) - Measure.dB(0.7)) < 0.1)
    }

    @Test("a peak in the last samples counts, as if silence followed")
    func peakAtTheEnd() {
        // 20 samples of a 45° fs/4 sine after quiet noise: its peak lies within the last 24.
        var rng = SplitMix64(seed: 4)
        var x = (0..<1_000).map { _ in 0.01 * rng.nextBipolar() }
        x += (0..<20).map { Float(0.6 * sin(Double.pi / 2 * Double($0) + Double.pi / 4)) }
        let reference = Measure.dB(Double(Measure.truePeak(x)))
        #expect(reference > Measure.dB(Double(Measure.peak(x))) + 2)
        #expect(abs(Self.measure(x, block: 64) - reference) < 0.2)
    }

    @Test("silence reads −infinity; nothing added reads −infinity")
    func silence() {
        #expect(Self.measure([Float](repeating: 0, count: 1_000)) == -.infinity)
        #expect(TruePeakMeter(channels: 2).peakDB == -.infinity)
    }
}
