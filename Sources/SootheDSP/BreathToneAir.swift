/// The breath noise of a `BreathTone`: white noise through a 250 Hz high-pass and two equal
/// low-passes at a moving corner (24 dB/octave above it: air, not hiss).
///
/// Direct form I with the RBJ designs' symmetric numerators (b1 = ±2·b0, b2 = b0): three
/// multiplies a section, and each section's feedback chain is one multiply and one add long,
/// so the three sections overlap in the pipeline. The corner is redesigned at control rate
/// with polynomial sine and cosine (no libm).
struct BreathToneAir: Sendable {
    private var rng: SplitMix64
    private let hb0: Float, ha1: Float, ha2: Float
    private var lb0: Float = 0, la1: Float = 0, la2: Float = 0
    private var hx1: Float = 0, hx2: Float = 0, hy1: Float = 0, hy2: Float = 0
    private var ay1: Float = 0, ay2: Float = 0
    private var by1: Float = 0, by2: Float = 0
    private let sampleRate: Double
    static let q = 0.7

    init(sampleRate: Double, seed: UInt64) {
        rng = SplitMix64(seed: seed)
        self.sampleRate = sampleRate
        let high = Self.design(frequency: 250, sampleRate: sampleRate)
        hb0 = Float((1 + high.cw) / 2 / high.a0)
        ha1 = Float(-2 * high.cw / high.a0)
        ha2 = Float((1 - high.alpha) / high.a0)
        setCorner(900)
    }

    private static func design(frequency: Double, sampleRate: Double) -> (cw: Double, alpha: Double, a0: Double) {
        let f = min(max(frequency, 1), 0.45 * sampleRate)
        let (sw, cw) = DSPMath.sinCos(turns: f / sampleRate)
        let alpha = sw / (2 * q)
        return (cw, alpha, 1 + alpha)
    }

    /// Moves both low-passes' corner to `hertz`, keeping their state.
    mutating func setCorner(_ hertz: Double) {
        let d = Self.design(frequency: hertz, sampleRate: sampleRate)
        lb0 = Float((1 - d.cw) / 2 / d.a0)
        la1 = Float(-2 * d.cw / d.a0)
        la2 = Float((1 - d.alpha) / d.a0)
    }

    /// Adds `count` samples of filtered noise (uniform white input in [−1, 1)), scaled by a gain
    /// that ramps linearly from `gain` by `step` per sample.
    @inline(__always)
    mutating func render(adding out: UnsafeMutablePointer<Float>, count: Int, gain: Float, step: Float) {
        var hx1 = hx1, hx2 = hx2, hy1 = hy1, hy2 = hy2, ay1 = ay1, ay2 = ay2, by1 = by1, by2 = by2
        var g = gain
        for n in 0..<count {
            let x = rng.nextBipolar()
            // Feedback terms last, so each section's loop-carried chain is short.
            let h = (hb0 * ((x + hx2) - 2 * hx1) - ha2 * hy2) - ha1 * hy1
            let a = (lb0 * ((h + hy2) + 2 * hy1) - la2 * ay2) - la1 * ay1
            let b = (lb0 * ((a + ay2) + 2 * ay1) - la2 * by2) - la1 * by1
            hx2 = hx1
            hx1 = x
            hy2 = hy1
            hy1 = h
            ay2 = ay1
            ay1 = a
            by2 = by1
            by1 = b
            out[n] += g * b
            g += step
        }
        self.hx1 = hx1
        self.hx2 = hx2
        self.hy1 = hy1
        self.hy2 = hy2
        self.ay1 = ay1
        self.ay2 = ay2
        self.by1 = by1
        self.by2 = by2
    }
}
