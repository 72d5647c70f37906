/// A second-order IIR section (RBJ designs, as `Biquad`) filtering both channels of a bed at
/// once, one per lane. Direct form I, with the feedback terms added last so each frame's
/// loop-carried chain is one multiply and one subtraction.
struct StereoBiquad: Sendable {
    private var b0: Float = 1, b1: Float = 0, b2: Float = 0, a1: Float = 0, a2: Float = 0
    private var x1 = SIMD2<Float>(), x2 = SIMD2<Float>(), y1 = SIMD2<Float>(), y2 = SIMD2<Float>()

    init(_ response: Biquad.Response, frequency: Double, q: Double, sampleRate: Double) {
        set(response, frequency: frequency, q: q, sampleRate: sampleRate)
    }

    /// Redesigns the section in place, keeping its state (for slowly moving filters).
    mutating func set(_ response: Biquad.Response, frequency: Double, q: Double, sampleRate: Double) {
        (b0, b1, b2, a1, a2) = Biquad.coefficients(response, frequency: frequency, q: q, sampleRate: sampleRate)
    }

    @inline(__always)
    mutating func process(_ x: SIMD2<Float>) -> SIMD2<Float> {
        var y: SIMD2<Float> = b0 * x + b1 * x1
        y += b2 * x2 - a2 * y2
        y -= a1 * y1
        x2 = x1
        x1 = x
        y2 = y1
        y1 = y
        return y
    }
}
