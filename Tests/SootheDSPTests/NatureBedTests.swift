import SootheDSP
import SootheModel
import SootheTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The nature beds tested by what makes each one what it is named: its spectrum and its events.
/// (Level, decorrelation, fades and determinism are `AmbienceBedTests`', for every bed.)
@Suite("Nature beds")
struct NatureBedTests {
    static let rate = 48_000.0
    static let window = 4_096

    /// Energy per window of `window` frames (no overlap) in each band, from FFTs.
    static func bandEnergies(_ x: [Float], bands: [ClosedRange<Double>]) -> [[Double]] {
        let size = window
        var out = Array(repeating: [Double](), count: bands.count)
        var start = 0
        while start + size <= x.count {
            var re = x[start..<(start + size)].map(Double.init), im = [Double](repeating: 0, count: size)
            Measure.fft(&re, &im)
            for (b, band) in bands.enumerated() {
                let lo = max(1, Int(band.lowerBound / rate * Double(size))), hi = min(size / 2 - 1, Int(band.upperBound / rate * Double(size)))
                var e = 0.0
                for k in lo...hi { e += re[k] * re[k] + im[k] * im[k] }
                out[b].append(e)
            }
            start += size
        }
        return out
    }

    /// Spectral centroid (Hz) of a Welch spectrum.
    static func centroid(_ x: [Float]) -> Double {
        let size = 4_096
        let psd = Measure.psd(x, size: size)
        var weighted = 0.0, total = 0.0
        for (k, p) in psd.enumerated() {
            weighted += Double(k) * rate / Double(size) * p
            total += p
        }
        return weighted / total
    }

    /// Share of the spectrum's power in `band`.
    static func share(_ x: [Float], _ band: ClosedRange<Double>) -> Double {
        let size = 4_096
        let psd = Measure.psd(x, size: size)
        var inside = 0.0, total = 0.0
        for (k, p) in psd.enumerated() {
            if band.contains(Double(k) * rate / Double(size)) { inside += p }
            total += p
        }
        return inside / total
    }

    static func kurtosis(_ x: ArraySlice<Float>) -> Double {
        let n = Double(x.count)
        let mean = x.reduce(0.0) { $0 + Double($1) } / n
        var m2 = 0.0, m4 = 0.0
        for v in x {
            let d = Double(v) - mean
            m2 += d * d
            m4 += d * d * d * d
        }
        m2 /= n
        m4 /= n
        return m4 / (m2 * m2)
    }

    static func correlation(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(min(a.count, b.count))
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var ab = 0.0, aa = 0.0, bb = 0.0
        for (x, y) in zip(a, b) {
            ab += (x - ma) * (y - mb)
            aa += (x - ma) * (x - ma)
            bb += (y - mb) * (y - mb)
        }
        return ab / (aa * bb).squareRoot()
    }

    /// Upward crossings of the median per minute in a series sampled every `step` seconds.
    static func crossingsPerMinute(_ series: [Double], step: Double) -> Double {
        let median = series.sorted()[series.count / 2]
        let up = zip(series, series.dropFirst()).filter { $0.0 < median && $0.1 >= median }.count
        return Double(up) / (Double(series.count) * step / 60)
    }

    /// The largest ratio of a 2 ms window's peak to the RMS of the 200 ms around it: a click stands
    /// out of what surrounds it, noise (however it swells) does not.
    static func worstClick(_ x: [Float]) -> Double {
        let short = Int(0.002 * rate), long = Int(0.2 * rate)
        var worst = 0.0
        var start = long
        while start + long < x.count {
            let peak = Double(Measure.peak(x[start..<(start + short)]))
            let around = Measure.rms(x[(start - long / 2)..<(start + long / 2)])
            worst = max(worst, peak / max(around, 1e-9))
            start += short
        }
        return worst
    }

    @Test("stream: bright running water, centroid 1–3.5 kHz, almost nothing under 150 Hz")
    func streamSpectrum() {
        let bed = Measure.bed(.stream, duration: 40, rate: Self.rate, fadeIn: 0, fadeOut: 0)
        let centroid = Self.centroid(bed.left)
        #expect(centroid > 1_000 && centroid < 3_500, "centroid \(centroid) Hz")
        let low = Self.share(bed.left, 0...150), body = Self.share(bed.left, 400...4_000)
        #expect(low < 0.02, "under 150 Hz: \(low)")
        #expect(body > 0.75, "400 Hz–4 kHz: \(body)")
    }

    @Test("stream: bubbles make it peaky (kurtosis well over noise's 3), and it babbles but never swells")
    func streamBubbles() {
        let bed = Measure.bed(.stream, duration: 60, rate: Self.rate, fadeIn: 0, fadeOut: 0)
        let k = Self.kurtosis(bed.left[...])
        #expect(k > 4, "kurtosis \(k)")
        // A brook is steady: its level over seconds stays within a few dB…
        let second = Int(Self.rate)
        let levels = stride(from: 0, to: bed.left.count - second, by: second).map { Measure.dB(Measure.rms(bed.left[$0..<($0 + second)])) }
        let sorted = levels.sorted()
        #expect(sorted.last! - sorted.first! < 4, "1 s levels span \(sorted.last! - sorted.first!) dB")
        // …while within a second it babbles: 50 ms levels wander by several dB.
        let short = Int(0.05 * Self.rate)
        let fast = stride(from: 0, to: bed.left.count - short, by: short).map { Measure.dB(Measure.rms(bed.left[$0..<($0 + short)])) }
        let mean = fast.reduce(0, +) / Double(fast.count)
        let spread = (fast.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(fast.count)).squareRoot()
        #expect(spread > 1.2, "50 ms level spread \(spread) dB")
    }

    @Test("wind: gusts every 4–10 s that swing the level by over 10 dB")
    func windGusts() {
        let bed = Measure.bed(.wind, duration: 240, rate: Self.rate, fadeIn: 0, fadeOut: 0)
        let quarter = Int(0.25 * Self.rate)
        let levels = stride(from: 0, to: bed.left.count - quarter, by: quarter).map { Measure.dB(Measure.rms(bed.left[$0..<($0 + quarter)])) }
        let gusts = Self.crossingsPerMinute(levels, step: 0.25)
        #expect(gusts >= 5 && gusts <= 14, "\(gusts) gusts a minute")
        let sorted = levels.sorted()
        let range = sorted[sorted.count * 95 / 100] - sorted[sorted.count * 5 / 100]
        #expect(range > 10, "5–95 % level range \(range) dB")
    }

    @Test("wind: the roar is low (mostly under 1.2 kHz) and the leaves rustle only as it blows")
    func windLeaves() {
        let bed = Measure.bed(.wind, duration: 120, rate: Self.rate, fadeIn: 0, fadeOut: 0)
        let roar = Self.share(bed.left, 60...1_200), leaves = Self.share(bed.left, 2_500...8_000)
        #expect(roar > 0.6, "roar share \(roar)")
        #expect(leaves > 0.03 && leaves < 0.35, "leaves share \(leaves)")
        let bands = Self.bandEnergies(bed.left, bands: [100...1_000, 3_000...7_000])
        let r = Self.correlation(bands[0].map { 10 * log10($0) }, bands[1].map { 10 * log10($0) })
        #expect(r > 0.6, "roar and leaves levels correlate \(r)")
    }

    @Test("stream: no clicks, its bubbles start at phase zero and sound every frame (no step stands out of the water)")
    func streamHasNoClicks() {
        let bed = Measure.bed(.stream, duration: 30, rate: Self.rate, fadeIn: 0, fadeOut: 0)
        // Away from the start, where the bed begins at full level without its fade.
        var body = Array(bed.left[4_800...])
        let rms = Measure.rms(body)
        let step = ClickDetector.largestStep(body)
        // An event whose first group left the lanes before its onset silent for its whole life
        // (as rain's drops once did) reads 11 × the RMS here.
        #expect(step < 1.5 * rms, "a step of \(step / rms) × the RMS")
        // The measure finds a click of that size: one sample pushed by 2 × the RMS.
        body[body.count / 2] += Float(2 * rms)
        #expect(ClickDetector.largestStep(body) > 1.5 * rms)
    }

    @Test("wind: no clicks, nothing stands out of the gusts around it (the fire's crackles do)")
    func windHasNoClicks() {
        let bed = Measure.bed(.wind, duration: 60, rate: Self.rate, fadeIn: 0, fadeOut: 0)
        for channel in [bed.left, bed.right] {
            let worst = Self.worstClick(channel)
            #expect(worst < 6, "a 2 ms peak \(worst) × the RMS around it")
        }
    }

    /// Crackles found in a fire: peaks of its second difference (which keeps the crackles' 1.5–6
    /// kHz and all but removes the rumble) over 6 × its RMS, at least 20 ms apart.
    static func crackleTimes(_ x: [Float]) -> [Int] {
        var d = [Double](repeating: 0, count: x.count)
        for n in 2..<x.count { d[n] = Double(x[n]) - 2 * Double(x[n - 1]) + Double(x[n - 2]) }
        let rms = (d.reduce(0) { $0 + $1 * $1 } / Double(d.count)).squareRoot()
        var times: [Int] = []
        let gap = Int(0.02 * rate)
        for n in 0..<d.count where abs(d[n]) > 6 * rms {
            if let last = times.last, n - last < gap { continue }
            times.append(n)
        }
        return times
    }

    @Test("fire: crackles arrive at random (Poisson-like), 100–400 a minute in a channel")
    func fireCrackles() {
        let bed = Measure.bed(.fire, duration: 120, rate: Self.rate, fadeIn: 0, fadeOut: 0)
        for channel in [bed.left, bed.right] {
            let times = Self.crackleTimes(channel)
            let perMinute = Double(times.count) / 2
            #expect(perMinute >= 100 && perMinute <= 400, "\(perMinute) crackles a minute")
            // Gaps of a Poisson process are exponential: their spread equals their mean.
            let gaps = zip(times, times.dropFirst()).map { Double($0.1 - $0.0) }
            let mean = gaps.reduce(0, +) / Double(gaps.count)
            let sd = (gaps.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(gaps.count)).squareRoot()
            #expect(sd / mean > 0.7 && sd / mean < 1.4, "gap spread / mean \(sd / mean)")
        }
        // The two channels crackle independently.
        let left = Set(Self.crackleTimes(bed.left).map { $0 / 480 }), right = Set(Self.crackleTimes(bed.right).map { $0 / 480 })
        #expect(Double(left.intersection(right).count) < 0.1 * Double(left.count))
    }

    @Test("fire: a low rumble carries most of the power, the crackles stand out of it")
    func fireSpectrum() {
        let bed = Measure.bed(.fire, duration: 40, rate: Self.rate, fadeIn: 0, fadeOut: 0)
        let low = Self.share(bed.left, 0...400), high = Self.share(bed.left, 1_500...8_000)
        #expect(low > 0.6, "under 400 Hz: \(low)")
        #expect(high > 0.02, "1.5–8 kHz: \(high)")
        #expect(Self.worstClick(bed.left) > 6, "crackles stand out (the measure of `windHasNoClicks` finds them)")
    }
}
