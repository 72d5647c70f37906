/// The 4× oversampling used to estimate true peaks: a Kaiser-windowed sinc, 48 taps per phase,
/// each phase normalised to unit DC gain.
///
/// Shared by `TruePeakLimiter` and `TruePeakMeter`. Both keep each channel's samples in a
/// mirrored ring (every sample written at `slot` and `slot + size`), so the 48 samples an
/// interval depends on are always contiguous and the kernel runs as three 16-wide SIMD products.
struct TruePeakInterpolator: Sendable {
    /// Input samples each interpolated value depends on.
    static let taps = 48
    /// Taps after the interval's left sample (x[m+1] … x[m+24] for the interval [m, m+1)).
    static let lookahead = taps / 2
    /// Coefficients for the offsets 1/4, 2/4, 3/4: phase p's tap i multiplies x[m − taps/2 + 1 + i].
    let coefficients: [Float]
    /// For any 48 samples x, no interpolated value exceeds `bound × max |x|` (the largest sum of
    /// |taps| over the phases, 2.75, plus slack for Float rounding in the products). Where that
    /// is under a threshold, the interpolation cannot cross it and need not be computed.
    let bound: Float

    /// Like `bound`, for the 32 outer taps only (0–15 and 32–47), with the same slack: the
    /// middle 16 taps computed exactly plus `outerBound × max |x|` bound an interpolated value
    /// much more tightly (see `interpolatedPeakBound`).
    let outerBound: Float

    /// With `smoothCurvature`, a bound that is tight for smooth signals: no interpolated value of
    /// 48 samples exceeds `smoothLevel × max |x| + smoothCurvature × max |x[k−1] − 2x[k] + x[k+1]|`
    /// (see `peakBound`).
    let smoothLevel: Float
    /// See `smoothLevel`: the weight of the largest second difference.
    let smoothCurvature: Float

    // The three phases as SIMD vectors (taps 0–15, 16–31, 32–47).
    private let p1: Row
    private let p2: Row
    private let p3: Row

    /// One phase of the kernel.
    private struct Row: Sendable {
        var a: SIMD16<Float>, b: SIMD16<Float>, c: SIMD16<Float>
        init(_ coefficients: ArraySlice<Float>) {
            let s = coefficients.startIndex
            a = SIMD16(coefficients[s..<(s + 16)])
            b = SIMD16(coefficients[(s + 16)..<(s + 32)])
            c = SIMD16(coefficients[(s + 32)..<(s + 48)])
        }
    }

    init() {
        var c: [Float] = []
        let half = Double(Self.taps / 2)
        var largest = 0.0, outer = 0.0, level = 0.0, curvature = 0.0
        for phase in 1...3 {
            let offset = Double(phase) / 4
            var row: [Double] = []
            for i in 0..<Self.taps {
                let t = offset - Double(i - (Self.taps / 2 - 1))  // distance to x[m − taps/2 + 1 + i]
                let sinc = t == 0 ? 1 : DSPMath.sine(Double.pi * t) / (Double.pi * t)
                row.append(sinc * Self.kaiser(t / (half + 0.5), beta: 6))
            }
            let sum = row.reduce(0, +)
            let normalised = row.map { Float($0 / sum) }
            largest = max(largest, normalised.reduce(0.0) { $0 + Double(abs($1)) })
            let sides = normalised[0..<16] + normalised[32..<48]
            outer = max(outer, sides.reduce(0.0) { $0 + Double(abs($1)) })
            c += normalised
            // Summation by parts: the phase minus linear interpolation between x[m] and x[m+1],
            // e, is rewritten as Σ E2[i]·Δ²x[i+1] + E1[47]·x[47] − E2[46]·(x[47] − x[46]), where E1
            // and E2 are e's running sums. So |y| ≤ max |x| (the linear part) + Σ|E2| × max |Δ²x|
            // + (|E1[47]| + 2|E2[46]|) × max |x|; the last two are ≈ 0 (unit DC gain, near-linear phase).
            var e = normalised.map { Double($0) }
            e[Self.taps / 2 - 1] -= 1 - offset
            e[Self.taps / 2] -= offset
            var e1 = 0.0, e2 = 0.0, sumE2 = 0.0
            for i in 0..<(Self.taps - 1) {
                e1 += e[i]
                e2 += e1
                if i < Self.taps - 2 { sumE2 += abs(e2) }
            }
            let lastE1 = e1 + e[Self.taps - 1]
            level = max(level, abs(lastE1) + 2 * abs(e2))
            curvature = max(curvature, sumE2)
        }
        coefficients = c
        // 1e-4 relative slack covers the rounding of 48 Float products and sums many times over.
        bound = Float(largest * (1 + 1e-4))
        outerBound = Float(outer + largest * 1e-4)
        // The same rounding slack, plus 1e-5 for the rounding of the second differences (each
        // within a few ulps of 4 max |x|, weighted by `curvature` ≈ 0.53).
        smoothLevel = Float(1 + level + largest * 1e-4 + 1e-5)
        smoothCurvature = Float(curvature * (1 + 1e-4))
        p1 = Row(c[0..<48])
        p2 = Row(c[48..<96])
        p3 = Row(c[96..<144])
    }

    /// The largest magnitude among the three interpolated values of the interval whose 48
    /// samples start at `x` (x[m − 23] … x[m + 24]); the samples themselves are not included.
    @inline(__always)
    func interpolatedPeak(_ x: UnsafePointer<Float>) -> Float {
        let raw = UnsafeRawPointer(x)
        let x0 = raw.loadUnaligned(as: SIMD16<Float>.self)
        let x1 = raw.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self)
        let x2 = raw.loadUnaligned(fromByteOffset: 128, as: SIMD16<Float>.self)
        let y1 = Self.total(p1.a * x0 + p1.b * x1 + p1.c * x2)
        let y2 = Self.total(p2.a * x0 + p2.b * x1 + p2.c * x2)
        let y3 = Self.total(p3.a * x0 + p3.b * x1 + p3.c * x2)
        return max(abs(y1), max(abs(y2), abs(y3)))
    }

    /// An upper bound of `interpolatedPeak(x)` when no |x[k]| exceeds `loudest`, at a third of
    /// its cost: the middle 16 taps exactly, the others by `outerBound × loudest`.
    @inline(__always)
    func interpolatedPeakBound(_ x: UnsafePointer<Float>, loudest: Float) -> Float {
        let x1 = UnsafeRawPointer(x).loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self)
        let y1 = abs(Self.total(p1.b * x1)), y2 = abs(Self.total(p2.b * x1)), y3 = abs(Self.total(p3.b * x1))
        return max(y1, max(y2, y3)) + outerBound * loudest
    }

    /// An upper bound of every `interpolatedPeak` and every |x[k]| over samples whose magnitudes
    /// stay under `loudest` and whose second differences stay under `curvature`: the lesser of
    /// `bound × loudest` and the smooth-signal bound (far tighter for low-passed content).
    @inline(__always)
    func peakBound(loudest: Float, curvature: Float) -> Float {
        min(bound * loudest, smoothLevel * loudest + smoothCurvature * curvature)
    }

    /// Stores `count` interleaved frames of `channels` channels into mirrored rings: channel c's
    /// samples go to `ring + c × stride` and, mirrored, `size` further on. Stereo moves four
    /// frames per step (one 8-lane load split into even and odd lanes), mono eight.
    @inline(__always)
    static func store(
        _ source: UnsafePointer<Float>, channels: Int, count: Int, into ring: UnsafeMutablePointer<Float>, stride: Int, size: Int
    ) {
        var k = 0
        if channels == 1 {
            let raw = UnsafeRawPointer(source), out = UnsafeMutableRawPointer(ring)
            let mirror = size &* 4
            while k &+ 8 <= count {
                let v = raw.loadUnaligned(fromByteOffset: k &* 4, as: SIMD8<Float>.self)
                out.storeBytes(of: v, toByteOffset: k &* 4, as: SIMD8<Float>.self)
                out.storeBytes(of: v, toByteOffset: k &* 4 &+ mirror, as: SIMD8<Float>.self)
                k &+= 8
            }
        } else if channels == 2 {
            let raw = UnsafeRawPointer(source)
            let left = UnsafeMutableRawPointer(ring), right = UnsafeMutableRawPointer(ring + stride)
            let mirror = size &* 4
            while k &+ 4 <= count {
                let v = raw.loadUnaligned(fromByteOffset: k &* 8, as: SIMD8<Float>.self)
                let l = v.evenHalf, r = v.oddHalf
                left.storeBytes(of: l, toByteOffset: k &* 4, as: SIMD4<Float>.self)
                left.storeBytes(of: l, toByteOffset: k &* 4 &+ mirror, as: SIMD4<Float>.self)
                right.storeBytes(of: r, toByteOffset: k &* 4, as: SIMD4<Float>.self)
                right.storeBytes(of: r, toByteOffset: k &* 4 &+ mirror, as: SIMD4<Float>.self)
                k &+= 4
            }
        }
        for c in 0..<channels {
            let channel = ring + c &* stride
            var at = source + (k &* channels &+ c)
            for j in k..<count {
                let v = at.pointee
                channel[j] = v
                channel[j &+ size] = v
                at += channels
            }
        }
    }

    /// The largest |x[k − 1] − 2x[k] + x[k + 1]| for k in 1..<count − 1 (0 when count < 3).
    @inline(__always)
    static func maxCurvature(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var m0: Float = 0, m1: Float = 0, m2: Float = 0, m3: Float = 0
        var k = 1
        while k &+ 4 < count {
            let d0 = abs(x[k &- 1] - 2 * x[k] + x[k &+ 1])
            let d1 = abs(x[k] - 2 * x[k &+ 1] + x[k &+ 2])
            let d2 = abs(x[k &+ 1] - 2 * x[k &+ 2] + x[k &+ 3])
            let d3 = abs(x[k &+ 2] - 2 * x[k &+ 3] + x[k &+ 4])
            m0 = d0 > m0 ? d0 : m0
            m1 = d1 > m1 ? d1 : m1
            m2 = d2 > m2 ? d2 : m2
            m3 = d3 > m3 ? d3 : m3
            k &+= 4
        }
        while k &+ 1 < count {
            let d = abs(x[k &- 1] - 2 * x[k] + x[k &+ 1])
            m0 = d > m0 ? d : m0
            k &+= 1
        }
        return max(max(m0, m1), max(m2, m3))
    }

    /// The largest |x[k]| for k in 0..<count. Independent scalar maxima: the generic
    /// SIMD `pointwiseMax` compiles to a lane-by-lane loop through memory, far slower.
    @inline(__always)
    static func maxMagnitude(_ x: UnsafePointer<Float>, count: Int) -> Float {
        // Eight accumulators (two vectors once the compiler packs them) halve the chain of
        // dependent maxima; wrapping arithmetic drops the overflow checks from the loop.
        var m0: Float = 0, m1: Float = 0, m2: Float = 0, m3: Float = 0
        var m4: Float = 0, m5: Float = 0, m6: Float = 0, m7: Float = 0
        var k = 0
        // `a > m ? a : m` is one maxss; Swift's max(_:_:) compiles to compare-and-blend.
        while k &+ 8 <= count {
            let a0 = abs(x[k]), a1 = abs(x[k &+ 1]), a2 = abs(x[k &+ 2]), a3 = abs(x[k &+ 3])
            let a4 = abs(x[k &+ 4]), a5 = abs(x[k &+ 5]), a6 = abs(x[k &+ 6]), a7 = abs(x[k &+ 7])
            m0 = a0 > m0 ? a0 : m0
            m1 = a1 > m1 ? a1 : m1
            m2 = a2 > m2 ? a2 : m2
            m3 = a3 > m3 ? a3 : m3
            m4 = a4 > m4 ? a4 : m4
            m5 = a5 > m5 ? a5 : m5
            m6 = a6 > m6 ? a6 : m6
            m7 = a7 > m7 ? a7 : m7
            k &+= 8
        }
        while k < count {
            let a = abs(x[k])
            m0 = a > m0 ? a : m0
            k &+= 1
        }
        return max(max(max(m0, m1), max(m2, m3)), max(max(m4, m5), max(m6, m7)))
    }

    /// The sum of the lanes, as a tree of vector additions.
    @inline(__always)
    static func total(_ v: SIMD16<Float>) -> Float {
        let eight = v.lowHalf + v.highHalf
        let four = eight.lowHalf + eight.highHalf
        return (four[0] + four[2]) + (four[1] + four[3])
    }

    /// Kaiser window at x ∈ [−1, 1].
    static func kaiser(_ x: Double, beta: Double) -> Double {
        let arg = 1 - x * x
        return arg <= 0 ? 0 : besselI0(beta * arg.squareRoot()) / besselI0(beta)
    }

    /// Modified Bessel function of the first kind, order 0 (power series).
    static func besselI0(_ x: Double) -> Double {
        var sum = 1.0, term = 1.0, k = 1.0
        while term > 1e-12 * sum {
            term *= (x / (2 * k)) * (x / (2 * k))
            sum += term
            k += 1
        }
        return sum
    }
}
