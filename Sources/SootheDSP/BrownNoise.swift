/// Brown (1/f², −6 dB/octave) noise with unit variance for both channels of a bed (one per
/// lane), independent of the sample rate: white noise through a leaky integrator (a one-pole
/// low-pass with its corner at 20 Hz, so it cannot drift away, and nothing below it rumbles).
struct BrownNoise: Sendable {
    private var y = SIMD2<Float>()
    private let a: Float
    private let inputGain: Float

    /// The corner below which the spectrum flattens instead of rising further.
    static let corner = 20.0

    init(sampleRate: Double) {
        let integrator = OnePole(cutoff: Self.corner, sampleRate: sampleRate)
        a = integrator.a
        inputGain = Float((3 / integrator.whiteNoiseVarianceGain).squareRoot())
    }

    /// The next frame, from uniform white noise in [−1, 1) (one value per channel).
    @inline(__always)
    mutating func next(white: SIMD2<Float>) -> SIMD2<Float> {
        let x = inputGain * white
        y = x + a * (y - x)
        return y
    }
}
