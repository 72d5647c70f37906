import SootheDSP
import SootheModel

#if canImport(Glibc)
    import Glibc
#endif

/// Measurements the DSP tests share: rendering helpers, spectra, levels and a click detector.
enum Measure {
    /// Renders a mono generator in blocks of `block` frames.
    static func render(frames: Int, block: Int, _ body: (UnsafeMutableBufferPointer<Float>) -> Void) -> [Float] {
        var out = [Float](repeating: 0, count: frames)
        out.withUnsafeMutableBufferPointer { all in
            var start = 0
            while start < frames {
                let n = min(block, frames - start)
                body(UnsafeMutableBufferPointer(rebasing: all[start..<(start + n)]))
                start += n
            }
        }
        return out
    }

    static func chime(_ kind: ChimeKind, strikes: Int = 1, levelDB: Double = 0, rate: Double, seed: UInt64 = 7, block: Int = 4096, extra: Int = 0) -> [Float] {
        var voice = ChimeVoice(kind: kind, levelDB: levelDB, strikes: strikes, sampleRate: rate, seed: seed)
        return render(frames: voice.frameCount + extra, block: block) { voice.render(adding: $0, gain: 1) }
    }

    static func breath(_ segments: [BreathTone.Segment], rate: Double, seed: UInt64 = 3, block: Int = 4096, extra: Int = 0) -> [Float] {
        var tone = BreathTone(segments: segments, sampleRate: rate, seed: seed)
        return render(frames: tone.frameCount + extra, block: block) { tone.render(adding: $0, gain: 1) }
    }

    static func bed(
        _ kind: AmbienceSound, duration: Double, rate: Double, seed: UInt64 = 11, block: Int = 4096, fadeIn: Double = 4, fadeOut: Double = 6,
        extra: Int = 0, music: MusicSettings = MusicSettings(), tones: ToneBedSettings = ToneBedSettings()
    ) -> (left: [Float], right: [Float]) {
        var bed = AmbienceBed(
            kind: kind, duration: duration, sampleRate: rate, seed: seed, fadeIn: fadeIn, fadeOut: fadeOut, music: music, tones: tones)
        let frames = bed.frameCount + extra
        var left = [Float](repeating: 0, count: frames)
        var right = left
        left.withUnsafeMutableBufferPointer { l in
            right.withUnsafeMutableBufferPointer { r in
                var start = 0
                while start < frames {
                    let n = min(block, frames - start)
                    bed.render(
                        addingLeft: UnsafeMutableBufferPointer(rebasing: l[start..<(start + n)]),
                        right: UnsafeMutableBufferPointer(rebasing: r[start..<(start + n)]), gain: 1)
                    start += n
                }
            }
        }
        return (left, right)
    }

    static func rms<C: Collection>(_ x: C) -> Double where C.Element == Float {
        guard !x.isEmpty else { return 0 }
        return (x.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(x.count)).squareRoot()
    }

    static func dB(_ x: Double) -> Double { 20 * log10(max(x, 1e-20)) }

    static func peak<C: Collection>(_ x: C) -> Float where C.Element == Float { x.reduce(0) { max($0, abs($1)) } }

    /// In-place radix-2 FFT.
    static func fft(_ re: inout [Double], _ im: inout [Double]) {
        let n = re.count
        var j = 0
        for i in 1..<n {
            var bit = n >> 1
            while j & bit != 0 { j ^= bit; bit >>= 1 }
            j |= bit
            if i < j { re.swapAt(i, j); im.swapAt(i, j) }
        }
        var len = 2
        while len <= n {
            let angle = -2 * Double.pi / Double(len)
            for start in stride(from: 0, to: n, by: len) {
                for k in 0..<(len / 2) {
                    let wr = cos(angle * Double(k)), wi = sin(angle * Double(k))
                    let a = start + k, b = a + len / 2
                    let tr = re[b] * wr - im[b] * wi, ti = re[b] * wi + im[b] * wr
                    re[b] = re[a] - tr; im[b] = im[a] - ti
                    re[a] += tr; im[a] += ti
                }
            }
            len <<= 1
        }
    }

    /// Magnitude spectrum (Hann window, zero-padded to `size`, a power of two).
    static func spectrum(_ x: ArraySlice<Float>, size: Int) -> [Double] {
        var re = [Double](repeating: 0, count: size), im = re
        let n = min(x.count, size)
        for k in 0..<n {
            let w = 0.5 - 0.5 * cos(2 * Double.pi * Double(k) / Double(n))
            re[k] = Double(x[x.startIndex + k]) * w
        }
        fft(&re, &im)
        return (0..<(size / 2)).map { (re[$0] * re[$0] + im[$0] * im[$0]).squareRoot() }
    }

    /// Welch power spectral density (Hann, 50 % overlap), bins of rate/size.
    static func psd(_ x: [Float], size: Int) -> [Double] {
        var sum = [Double](repeating: 0, count: size / 2)
        var count = 0
        var start = 0
        while start + size <= x.count {
            let s = spectrum(x[start..<(start + size)], size: size)
            for k in sum.indices { sum[k] += s[k] * s[k] }
            count += 1
            start += size / 2
        }
        return sum.map { $0 / Double(max(count, 1)) }
    }

    /// Frequency of the largest spectral peak between `low` and `high` Hz (parabolic refinement).
    static func peakFrequency(_ spectrum: [Double], rate: Double, size: Int, low: Double, high: Double) -> (frequency: Double, magnitude: Double) {
        let binHz = rate / Double(size)
        let a = max(1, Int(low / binHz)), b = min(spectrum.count - 2, Int(high / binHz))
        var best = a
        for k in a...b where spectrum[k] > spectrum[best] { best = k }
        let l = spectrum[best - 1], c = spectrum[best], r = spectrum[best + 1]
        let denominator = l - 2 * c + r
        let delta = denominator == 0 ? 0 : 0.5 * (l - r) / denominator
        return ((Double(best) + delta) * binHz, c)
    }

    /// The true peak of a signal as BS.1770 defines it (4× oversampled), measured independently
    /// of the limiter's own estimate: a 48-tap-per-side Blackman-windowed sinc.
    static func truePeak(_ x: [Float]) -> Float {
        let half = 48, factor = 4
        var peak = Self.peak(x)
        var kernels: [Double] = []
        for p in 1..<factor {
            let offset = Double(p) / Double(factor)
            for i in (-half + 1)...half {
                let t = offset - Double(i)
                let sinc = sin(Double.pi * t) / (Double.pi * t)
                let u = (t + Double(half)) / Double(2 * half)
                kernels.append(sinc * (0.42 - 0.5 * cos(2 * Double.pi * u) + 0.08 * cos(4 * Double.pi * u)))
            }
        }
        let padded = [Double](repeating: 0, count: half) + x.map(Double.init) + [Double](repeating: 0, count: half)
        let width = 2 * half
        kernels.withUnsafeBufferPointer { k in
            padded.withUnsafeBufferPointer { y in
                for m in 0..<x.count {
                    for p in 0..<(factor - 1) {
                        var acc = 0.0
                        // padded[m + half + i] for i in −half+1 … half
                        for j in 0..<width { acc += k[p * width + j] * y[m + 1 + j] }
                        peak = max(peak, Float(abs(acc)))
                    }
                }
            }
        }
        return peak
    }

    /// Least-squares slope (dB per octave) of the PSD between `low` and `high` Hz.
    static func slopePerOctave(_ psd: [Double], rate: Double, size: Int, low: Double, high: Double) -> Double {
        let binHz = rate / Double(size)
        var xs: [Double] = [], ys: [Double] = []
        // Average over third-octave bands so every octave weighs the same.
        var f = low
        while f * 1.26 <= high {
            let a = Int(f / binHz), b = Int(f * 1.26 / binHz)
            let mean = psd[a...b].reduce(0, +) / Double(b - a + 1)
            xs.append(log2(f * 1.12))
            ys.append(10 * log10(mean))
            f *= 1.26
        }
        let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
        var num = 0.0, den = 0.0
        for k in xs.indices { num += (xs[k] - mx) * (ys[k] - my); den += (xs[k] - mx) * (xs[k] - mx) }
        return num / den
    }
}
