/// Pink (1/f, −3 dB/octave) noise with unit variance for both channels of a bed.
///
/// Paul Kellet's "economy" filter: white noise through three one-pole low-passes (corners at
/// 16.5, 265 and 3945 Hz) summed with a little of the white itself; within ±0.6 dB of 1/f from
/// 20 Hz up at 44.1 and 48 kHz. Corners stay fixed in hertz at other rates, and the gains follow
/// so the spectral density in hertz is the same. The three poles and the white term of both
/// channels are the eight lanes of one SIMD vector (left and right interleaved): a multiply-add
/// and two folding adds a frame.
struct PinkNoise: Sendable {
    private var state = SIMD8<Float>()
    private let poles: SIMD8<Float>
    private let gains: SIMD8<Float>

    /// Kellet's corners (from his coefficients at 44.1 kHz) and gains (white input, 44.1 kHz).
    static let corners: [Double] = [16.51, 264.6, 3_945]
    static let kelletGains: [Double] = [0.099_046_0, 0.296_516_4, 1.052_691_3]
    static let kelletWhite = 0.1848

    init(sampleRate: Double) {
        let (a, g) = Self.design(sampleRate: sampleRate)
        // Interleaved: (L0, R0, L1, R1 | L2, R2, L3, R3).
        poles = SIMD8((0..<8).map { Float(a[$0 / 2]) })
        gains = SIMD8((0..<8).map { Float(g[$0 / 2]) })
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

    /// The next frame, from uniform white noise in [−1, 1) (one value per channel).
    @inline(__always)
    mutating func next(white: SIMD2<Float>) -> SIMD2<Float> {
        let pair = SIMD4(lowHalf: white, highHalf: white)
        state = poles * state + gains * SIMD8(lowHalf: pair, highHalf: pair)
        let folded = state.lowHalf + state.highHalf
        return folded.lowHalf + folded.highHalf
    }
}
