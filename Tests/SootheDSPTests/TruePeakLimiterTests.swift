import SootheDSP
import SootheTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("True-peak limiter")
struct TruePeakLimiterTests {
    static let rate = 48_000.0

    /// Runs `input` (interleaved) through a limiter in blocks, flushes it, and drops the latency.
    static func limit(_ input: [Float], channels: Int, ceilingDB: Double = -1.2, block: Int = 4_096) -> [Float] {
        var limiter = TruePeakLimiter(channels: channels, sampleRate: rate, ceilingDB: ceilingDB)
        var io = input + [Float](repeating: 0, count: limiter.latencyFrames * channels)
        let latency = limiter.latencyFrames
        io.withUnsafeMutableBufferPointer { all in
            let body = input.count
            var start = 0
            while start < body {
                let n = min(block * channels, body - start)
                limiter.process(UnsafeMutableBufferPointer(rebasing: all[start..<(start + n)]))
                start += n
            }
            limiter.flush(UnsafeMutableBufferPointer(rebasing: all[body...]))
        }
        return Array(io[(latency * channels)...])
    }

    @Test("a sine at fs/4 with 45° phase (inter-sample peaks 3 dB over its samples) stays under the ceiling")
    func interSamplePeaks() {
        let frames = 9_600
        let input = (0..<frames).map { Float(1.4 * sin(Double.pi / 2 * Double($0) + Double.pi / 4)) }
        #expect(Measure.truePeak(input) > 1.35)  // the test signal really peaks between samples
        let output = Self.limit(input, channels: 1)
        #expect(output.count == frames)
        let ceiling = Float(pow(10, -1.2 / 20))
        let peak = Measure.truePeak(output)
        #expect(peak <= ceiling, "true peak \(Measure.dB(Double(peak))) dBTP")
        #expect(peak > ceiling * 0.93, "not over-limited: \(Measure.dB(Double(peak))) dBTP")
    }

    @Test("loud stereo noise stays under the ceiling", arguments: [-1.2, -3.0])
    func loudNoise(ceilingDB: Double) {
        var rng = SplitMix64(seed: 42)
        let frames = 6_000
        let input = (0..<(2 * frames)).map { _ in 1.8 * rng.nextBipolar() }
        let output = Self.limit(input, channels: 2, ceilingDB: ceilingDB)
        let ceiling = Float(pow(10, ceilingDB / 20))
        for c in 0..<2 {
            let channel = stride(from: c, to: output.count, by: 2).map { output[$0] }
            let peak = Measure.truePeak(channel)
            #expect(peak <= ceiling, "channel \(c): \(Measure.dB(Double(peak))) dBTP")
        }
    }

    @Test("signals under the ceiling pass unchanged, only delayed")
    func transparent() {
        let frames = 20_000
        let step = 2 * Double.pi * 997 / Self.rate
        var input = [Float](repeating: 0, count: 2 * frames)
        for n in 0..<frames {
            input[2 * n] = Float(0.5 * sin(step * Double(n)))
            input[2 * n + 1] = Float(0.5 * sin(step * Double(n) + 1))
        }
        let output = Self.limit(input, channels: 2)
        #expect(output == input)
    }

    @Test("blocks of 64 and 4096 frames give the same output")
    func blockIndependent() {
        var rng = SplitMix64(seed: 1)
        let input = (0..<20_000).map { k in Float(k % 5_000 < 2_500 ? 1.5 : 0.3) * rng.nextBipolar() }
        #expect(Self.limit(input, channels: 1, block: 64) == Self.limit(input, channels: 1, block: 4_096))
    }

    @Test("the gain recovers after a loud burst, without steps")
    func release() {
        let frames = 48_000
        let input = (0..<frames).map { k in Float((k >= 4_800 && k < 9_600 ? 2.0 : 0.25) * sin(2 * Double.pi * 440 * Double(k) / Self.rate)) }
        let output = Self.limit(input, channels: 1)
        // Half a second after the burst (release 80 ms) the quiet tone is back to unity.
        let late = 40_000..<frames
        let error = late.reduce(Float(0)) { max($0, abs(output[$1] - input[$1])) }
        #expect(error < 1e-4)
        #expect(ClickDetector.largestStep(output) <= ClickDetector.largestStep(input))
    }
}

/// Whatever reaches the limiter, what leaves it is a number.
@Suite struct LimiterFiniteTests {
    @Test func nonFiniteInputLeavesAsSilence() {
        var limiter = TruePeakLimiter(channels: 1, sampleRate: 48000, ceilingDB: -1)
        var block = (0..<4800).map { Float(sin(Double($0) / 7) * 0.5) }
        block[100] = .nan
        block[200] = .infinity
        block[300] = -.infinity
        var out: [Float] = []
        for _ in 0..<3 {
            var copy = block
            copy.withUnsafeMutableBufferPointer { limiter.process($0) }
            out += copy
        }
        var tail = [Float](repeating: 0, count: limiter.latencyFrames)
        tail.withUnsafeMutableBufferPointer { limiter.flush($0) }
        out += tail
        #expect(out.allSatisfy { $0.isFinite })
        #expect(out.map { abs($0) }.max()! > 0.3, "the sound around the bad samples is kept")
    }
}
