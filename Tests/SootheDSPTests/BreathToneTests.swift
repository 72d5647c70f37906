import SootheDSP
import SootheTestSupport
import Testing

@Suite("Breath tone")
struct BreathToneTests {
    typealias S = BreathTone.Segment
    static let rate = 22_050.0
    static let box: [S] = [
        S(phase: .inhale, duration: 4), S(phase: .hold, duration: 4), S(phase: .exhale, duration: 4), S(phase: .rest, duration: 1),
    ]
    static let sigh: [S] = [
        S(phase: .inhale, duration: 2.5), S(phase: .topUp, duration: 1), S(phase: .exhale, duration: 7.5), S(phase: .hold, duration: 0),
    ]

    @Test("the level rises through the inhale, sustains softer on a hold, falls through the exhale and rests quietly")
    func followsThePhases() {
        let x = Measure.breath(Self.box, rate: Self.rate)
        let second = Int(Self.rate)
        let quarters = (0..<4).map { Measure.rms(x[($0 * second)..<(($0 + 1) * second)]) }
        for k in 1..<4 { #expect(quarters[k] > quarters[k - 1] * 1.2, "inhale quarter \(k): \(quarters)") }
        let hold = Measure.rms(x[(6 * second)..<(8 * second)])
        #expect(hold < 0.6 * quarters[3] && hold > 0.2 * quarters[3], "hold \(hold) vs top \(quarters[3])")
        let exhale = (0..<4).map { Measure.rms(x[((8 + $0) * second)..<((9 + $0) * second)]) }
        for k in 1..<4 { #expect(exhale[k] < exhale[k - 1], "exhale: \(exhale)") }
        let rest = Measure.rms(x[(12 * second + second / 2)..<(13 * second)])
        #expect(rest < 0.3 * quarters[3] && rest > 0.1 * quarters[3], "rest \(rest) vs top \(quarters[3])")
        #expect(rest < hold)
    }

    @Test("the sigh's top-up lifts the level again after the first inhale")
    func topUp() {
        let x = Measure.breath(Self.sigh, rate: Self.rate)
        let r = Self.rate
        let endOfInhale = Measure.rms(x[Int(2.0 * r)..<Int(2.5 * r)])
        let endOfTopUp = Measure.rms(x[Int(3.0 * r)..<Int(3.5 * r)])
        #expect(endOfTopUp > endOfInhale * 1.1)
    }

    @Test("full lungs raise the soft pad a fourth: sub-octave, root, its harmonics and the fifth (48 kHz)")
    func pitchAtFullLungs() {
        let rate = 48_000.0
        let x = Measure.breath([S(phase: .inhale, duration: 3), S(phase: .hold, duration: 8)], rate: rate)
        let size = 131_072
        let spectrum = Measure.spectrum(x[Int(4 * rate)..<(Int(4 * rate) + size)], size: size)
        let root = 220 * 1.334_839_854_170_034_4  // a fourth up
        // The fifth is about 0.35 Hz sharp (a slow beat); every pitch may be nudged by a cent or
        // so, for whole turns over the tone.
        for expected in [0.5 * root, root, 1.5 * root + 0.35, 2 * root, 3 * root] {
            let found = Measure.peakFrequency(spectrum, rate: rate, size: size, low: expected - 4, high: expected + 4)
            #expect(abs(found.frequency - expected) < 0.002 * expected, "\(expected) Hz found at \(found.frequency) Hz")
        }
    }

    @Test("frame count is the sum of the phases, rounded once per boundary: no drift")
    func noDrift() {
        let segments = (0..<3_000).map { S(phase: $0 % 2 == 0 ? .inhale : .exhale, duration: 0.123_457) }
        let tone = BreathTone(segments: segments, sampleRate: 44_100, seed: 1)
        let exact = 3_000 * 0.123_457 * 44_100
        #expect(abs(Double(tone.frameCount) - exact) <= 1)
        #expect(tone.segmentStarts.count == 3_000)
        #expect(abs(Double(tone.segmentStarts[1_500]) - 1_500 * 0.123_457 * 44_100) <= 1)
    }

    @Test("no clicks at joins, zero-length and very short phases, changing lengths, edges (48 kHz)")
    func clickFree() {
        var segments = Self.sigh + Self.box
        segments += [S(phase: .inhale, duration: 0.01), S(phase: .hold, duration: 0.003), S(phase: .exhale, duration: 0.02)]
        for k in 0..<4 {  // gradually lengthening phases
            segments += [S(phase: .inhale, duration: 1 + 0.3 * Double(k)), S(phase: .exhale, duration: 1.5 + 0.4 * Double(k))]
        }
        let x = Measure.breath(segments, rate: 48_000, block: 64)
        let step = ClickDetector.largestStep(x)
        #expect(step < 0.005, "largest step \(step)")
        #expect(x.allSatisfy { $0.isFinite && abs($0) <= 1 })
    }

    @Test("starts and ends at silence")
    func silentEdges() throws {
        var tone = BreathTone(segments: Self.box, sampleRate: Self.rate, seed: 2)
        let frames = tone.frameCount
        // End on an inhale, where the tone is loud, to check the closing fade.
        var loud = BreathTone(segments: [S(phase: .inhale, duration: 2)], sampleRate: Self.rate, seed: 2)
        let x = Measure.render(frames: frames + 500, block: 512) { tone.render(adding: $0, gain: 1) }
        let y = Measure.render(frames: loud.frameCount + 500, block: 512) { loud.render(adding: $0, gain: 1) }
        #expect(x[0] == 0 && y[0] == 0)
        #expect(x[frames...].allSatisfy { $0 == 0 })
        let end = loud.frameCount
        #expect(y[end...].allSatisfy { $0 == 0 })
        #expect(abs(y[end - 1]) < 1e-4 * Measure.peak(y))
    }

    @Test("blocks of 64 and 4096 frames give the same samples; seeds decide the noise")
    func determinism() {
        let a = Measure.breath(Self.sigh, rate: Self.rate, seed: 9, block: 64)
        let b = Measure.breath(Self.sigh, rate: Self.rate, seed: 9, block: 4_096)
        let c = Measure.breath(Self.sigh, rate: Self.rate, seed: 10, block: 4_096)
        #expect(a == b)
        #expect(a != c)
        #expect(zip(a, c).reduce(Float(0)) { max($0, abs($1.0 - $1.1)) } > 1e-3)
    }

    @Test("empty and all-zero sections render nothing")
    func empty() {
        let none = BreathTone(segments: [], sampleRate: Self.rate, seed: 1)
        #expect(none.frameCount == 0)
        var zero = BreathTone(segments: [S(phase: .hold, duration: 0), S(phase: .inhale, duration: 0)], sampleRate: Self.rate, seed: 1)
        let x = Measure.render(frames: 256, block: 64) { zero.render(adding: $0, gain: 1) }
        #expect(x.allSatisfy { $0 == 0 })
    }
}
