/// Brown (1/f², −6 dB/octave) noise with unit variance, independent of the sample rate:
/// white noise through a leaky integrator (a one-pole low-pass with its corner at 20 Hz,
/// so it cannot drift away, and nothing below it rumbles).
struct BrownNoise: Sendable {
    private var integrator: OnePole
    private let inputGain: Float
    private var rng: SplitMix64

    /// The corner below which the spectrum flattens instead of rising further.
    static let corner = 20.0

    init(sampleRate: Double, seed: UInt64) {
        rng = SplitMix64(seed: seed)
        integrator = OnePole(cutoff: Self.corner, sampleRate: sampleRate)
        inputGain = Float((3 / integrator.whiteNoiseVarianceGain).squareRoot())
    }

    /// The next sample.
    @inline(__always)
    mutating func next() -> Float {
        integrator.process(inputGain * rng.nextBipolar())
    }
}
