/// A second-order IIR section (RBJ cookbook designs), transposed direct form II.
struct Biquad: Sendable {
    private var b0: Float = 1, b1: Float = 0, b2: Float = 0, a1: Float = 0, a2: Float = 0
    private var s1: Float = 0, s2: Float = 0

    /// The kinds of response this section can take.
    enum Response: Sendable { case lowPass, highPass, bandPass }

    init(_ response: Response, frequency: Double, q: Double, sampleRate: Double) {
        set(response, frequency: frequency, q: q, sampleRate: sampleRate)
    }

    /// Redesigns the section in place, keeping its state (for slowly moving filters).
    mutating func set(_ response: Response, frequency: Double, q: Double, sampleRate: Double) {
        (b0, b1, b2, a1, a2) = Self.coefficients(response, frequency: frequency, q: q, sampleRate: sampleRate)
    }

    /// The normalised coefficients (b0, b1, b2, a1, a2) of an RBJ design.
    static func coefficients(
        _ response: Response, frequency: Double, q: Double, sampleRate: Double
    ) -> (Float, Float, Float, Float, Float) {
        let f = min(max(frequency, 1), 0.45 * sampleRate)
        // Polynomial sine and cosine: moving filters are redesigned at control rate.
        let (sw, cw) = DSPMath.sinCos(turns: f / sampleRate)
        let alpha = sw / (2 * q)
        let inverse = 1 / (1 + alpha)
        var nb0: Double, nb1: Double, nb2: Double
        switch response {
        case .lowPass:
            nb1 = 1 - cw
            nb0 = nb1 / 2
            nb2 = nb0
        case .highPass:
            nb1 = -(1 + cw)
            nb0 = -nb1 / 2
            nb2 = nb0
        case .bandPass:  // constant 0 dB peak gain
            nb0 = alpha
            nb1 = 0
            nb2 = -alpha
        }
        return (
            Float(nb0 * inverse), Float(nb1 * inverse), Float(nb2 * inverse), Float(-2 * cw * inverse),
            Float((1 - alpha) * inverse)
        )
    }

    @inline(__always)
    mutating func process(_ x: Float) -> Float {
        let y = b0 * x + s1
        s1 = b1 * x - a1 * y + s2
        s2 = b2 * x - a2 * y
        return y
    }
}
