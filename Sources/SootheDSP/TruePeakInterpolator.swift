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
        var largest = 0.0
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
            c += normalised
        }
        coefficients = c
        // 1e-4 relative slack covers the rounding of 48 Float products and sums many times over.
        bound = Float(largest * (1 + 1e-4))
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
        let y1 = (p1.a * x0 + p1.b * x1 + p1.c * x2).sum()
        let y2 = (p2.a * x0 + p2.b * x1 + p2.c * x2).sum()
        let y3 = (p3.a * x0 + p3.b * x1 + p3.c * x2).sum()
        return max(abs(y1), max(abs(y2), abs(y3)))
    }

    /// The largest |x[k]| for k in 0..<count.
    @inline(__always)
    static func maxMagnitude(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var k = 0
        var wide = SIMD16<Float>()
        let raw = UnsafeRawPointer(x)
        while k + 16 <= count {
            let v = raw.loadUnaligned(fromByteOffset: 4 * k, as: SIMD16<Float>.self)
            wide = pointwiseMax(wide, pointwiseMax(v, -v))
            k += 16
        }
        var m = wide.max()
        while k < count {
            m = max(m, abs(x[k]))
            k += 1
        }
        return m
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
