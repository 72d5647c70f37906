import SootheDSP
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The limiter and meter on smooth, low-passed signals, where both skip whole runs by the
/// smooth-signal bound: the skipped runs must be exactly those that could not matter.
@Suite("True peak of smooth signals")
struct TruePeakSmoothTests {
    static let rate = 48_000.0

    /// A 2-1-2 breath cycle with a rest, scaled so its sample peak is `peakDB`.
    static func breath(peakDB: Double) -> [Float] {
        typealias S = BreathTone.Segment
        let cycle = [S(phase: .inhale, duration: 2), S(phase: .hold, duration: 1), S(phase: .exhale, duration: 2), S(phase: .rest, duration: 0.5)]
        let x = Measure.breath(cycle, rate: rate, seed: 5)
        let scale = Float(pow(10, peakDB / 20)) / Measure.peak(x)
        return x.map { $0 * scale }
    }

    /// A sum of two low sines, scaled so its sample peak is `peakDB`.
    static func lowSines(peakDB: Double, frames: Int = 24_000) -> [Float] {
        let x = (0..<frames).map { k in
            let t = Double(k) / rate
            return Float(0.7 * sin(2 * Double.pi * 110 * t) + 0.3 * sin(2 * Double.pi * 331 * t + 1))
        }
        let scale = Float(pow(10, peakDB / 20)) / Measure.peak(x)
        return x.map { $0 * scale }
    }

    @Test("a breath tone under the ceiling passes unchanged, only delayed", arguments: [-4.0, -1.0])
    func breathUnchanged(underDB: Double) {
        let ceilingDB = -1.5
        let input = Self.breath(peakDB: ceilingDB + underDB)
        // Its true peak really is under the limiter's target (ceiling − 0.3 dB), so nothing limits.
        #expect(Measure.dB(Double(Measure.truePeak(input))) < ceilingDB - 0.4)
        let output = TruePeakLimiterTests.limit(input, channels: 1, ceilingDB: ceilingDB, block: 1_000)
        #expect(output == input)
    }

    @Test("smooth signals just over the ceiling are limited to it", arguments: [0.1, 0.5, 2.0])
    func smoothOver(overDB: Double) {
        let ceilingDB = -1.5
        let ceiling = Float(pow(10, ceilingDB / 20))
        for input in [Self.breath(peakDB: ceilingDB + overDB), Self.lowSines(peakDB: ceilingDB + overDB)] {
            let output = TruePeakLimiterTests.limit(input, channels: 1, ceilingDB: ceilingDB)
            let peak = Measure.truePeak(output)
            #expect(peak <= ceiling, "\(Measure.dB(Double(peak))) dBTP")
            // Limited by no more than the margin and the lookahead's smoothing need.
            #expect(peak > ceiling * 0.9, "over-limited: \(Measure.dB(Double(peak))) dBTP")
        }
    }

    @Test("the meter reads smooth signals within 0.02 dB of a long-sinc interpolator", arguments: [-20.0, -4.0, 0.0])
    func meterSmooth(peakDB: Double) {
        for x in [Self.breath(peakDB: peakDB), Self.lowSines(peakDB: peakDB)] {
            let reference = Measure.dB(Double(Measure.truePeak(x)))
            let reading = TruePeakMeterTests.measure(x, block: 777)
            #expect(abs(reading - reference) < 0.02, "meter \(reading), reference \(reference) dBTP")
            #expect(reading >= Measure.dB(Double(Measure.peak(x))) - 1e-9)
        }
    }
}
