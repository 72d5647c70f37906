/// The 4× oversampling used to estimate true peaks: a Kaiser-windowed sinc, 48 taps per phase,
/// each phase normalised to unit DC gain.
struct TruePeakInterpolator: Sendable {
    /// Input samples each interpolated value depends on.
    static let taps = 48
    /// Taps after the interval's left sample (x[m+1] … x[m+8] for the interval [m, m+1)).
    static let lookahead = taps / 2
    /// Coefficients for the offsets 1/4, 2/4, 3/4: phase p's tap i multiplies x[m − taps/2 + 1 + i].
    let coefficients: [Float]

    init() {
        var c: [Float] = []
        let half = Double(Self.taps / 2)
        for phase in 1...3 {
            let offset = Double(phase) / 4
            var row: [Double] = []
            for i in 0..<Self.taps {
                let t = offset - Double(i - (Self.taps / 2 - 1))  // distance to x[m − taps/2 + 1 + i]
                let sinc = t == 0 ? 1 : DSPMath.sine(Double.pi * t) / (Double.pi * t)
                row.append(sinc * Self.kaiser(t / (half + 0.5), beta: 6))
            }
            let sum = row.reduce(0, +)
            c += row.map { Float($0 / sum) }
        }
        coefficients = c
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
