/// A one-pole low-pass filter, `y += (1 - a)·(x − y)`: smoothing and gentle 6 dB/octave slopes.
struct OnePole: Sendable {
    /// Feedback coefficient `a = exp(−2π·fc/fs)`.
    var a: Float
    var y: Float = 0

    /// A low-pass with its −3 dB corner at `cutoff` Hz.
    init(cutoff: Double, sampleRate: Double) {
        a = Float(DSPMath.exponential(-2 * Double.pi * cutoff / sampleRate))
    }

    /// Moves the corner without resetting the state.
    mutating func setCutoff(_ cutoff: Double, sampleRate: Double) {
        a = Float(DSPMath.exponential(-2 * Double.pi * cutoff / sampleRate))
    }

    /// Output variance of this filter for unit-variance white input: (1 − a)/(1 + a).
    var whiteNoiseVarianceGain: Double { Double((1 - a) / (1 + a)) }

    @inline(__always)
    mutating func process(_ x: Float) -> Float {
        y = x + a * (y - x)
        return y
    }
}
