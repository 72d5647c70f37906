/// Pink (1/f, −3 dB/octave) noise with unit variance for both channels of a bed.
///
/// Paul Kellet's "economy" filter: white noise through three one-pole low-passes (corners at
/// 16.5, 265 and 3945 Hz) summed with a little of the white itself; within ±0.6 dB of 1/f from
/// 20 Hz up at 44.1 and 48 kHz. Corners stay fixed in hertz at other rates, and the gains follow
/// so the spectral density in hertz is the same. The three poles and the white term of both
/// channels are the lanes of two SIMD vectors (left and right interleaved: the first two poles,
/// then the third and the white term): two multiply-adds and two folding adds a frame.
struct PinkNoise: Sendable {
    typealias V = SIMD4<Float>
    private var low = V(), high = V()
    private let lowPoles: V, highPoles: V
    private let lowGains: V, highGains: V

    /// Kellet's corners (from his coefficients at 44.1 kHz) and gains (white input, 44.1 kHz).
    static let corners: [Double] = [16.51, 264.6, 3_945]
    static let kelletGains: [Double] = [0.099_046_0, 0.296_516_4, 1.052_691_3]
    static let kelletWhite = 0.1848

    init(sampleRate: Double) {
        let (a, g) = Self.design(sampleRate: sampleRate)
        // (L0, R0, L1, R1) and (L2, R2, Lwhite, Rwhite).
        lowPoles = V(Float(a[0]), Float(a[0]), Float(a[1]), Float(a[1]))
        highPoles = V(Float(a[2]), Float(a[2]), Float(a[3]), Float(a[3]))
        lowGains = V(Float(g[0]), Float(g[0]), Float(g[1]), Float(g[1]))
        highGains = V(Float(g[2]), Float(g[2]), Float(g[3]), Float(g[3]))
    }

    /// Poles and gains of the three sections and the white term (a pole at 0), scaled to unit
    /// output variance for uniform white input in [−1, 1).
    static func design(sampleRate: Double) -> (poles: [Double], gains: [Double]) {
        let a = corners.map { DSPMath.exponential(-2 * Double.pi * $0 / sampleRate) } + [0]
        // Same density per hertz: one-pole plateaus scale with 1/√fs, white with √fs.
        let g = kelletGains.map { $0 * (44_100 / sampleRate).squareRoot() } + [kelletWhite * (sampleRate / 44_100).squareRoot()]
        // Variance of Σ gₖ·(one-pole aₖ) on one white input of variance 1/3.
        var v = 0.0
        for j in 0..<4 { for k in 0..<4 { v += g[j] * g[k] / (1 - a[j] * a[k]) } }
        let norm = 1 / (v / 3).squareRoot()
        return (a, g.map { $0 * norm })
    }

    /// The next frame, from uniform white noise in [−1, 1) given as (left, right, left, right):
    /// the frame's (left, right) in lanes x and y (z and w hold nothing of use).
    @inline(__always)
    mutating func next(white pair: V) -> V {
        low = vadd(vmul(lowPoles, low), vmul(lowGains, pair))
        high = vadd(vmul(highPoles, high), vmul(highGains, pair))
        let folded = vadd(low, high)
        return vadd(folded, V(folded.z, folded.w, folded.z, folded.w))
    }
}
