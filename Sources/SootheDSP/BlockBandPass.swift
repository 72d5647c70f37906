/// A 12 dB/octave high-pass and low-pass in series (RBJ designs) on a mono buffer, four frames
/// to a SIMD step: their numerators, (1 − z⁻¹)²·(1 + z⁻¹)² = (1 − z⁻²)², are one FIR, their
/// denominators `AllPoleBlock`s, and their gains go into a linear ramp at the output.
struct BlockBandPass: Sendable {
    typealias V = SIMD4<Float>
    private var high: AllPoleBlock
    private var low: AllPoleBlock
    private var highGain: Float
    private var lowGain: Float
    /// Output gain at the end of the last buffer, where the next one ramps from.
    private var scale: Float = .nan
    /// The last four inputs and each section's last four outputs.
    private var history = V()
    private var highLast = V()
    private var lowLast = V()

    init(highPass: Double, highQ: Double, lowPass: Double, lowQ: Double, sampleRate: Double) {
        let h = Biquad.coefficients(.highPass, frequency: highPass, q: highQ, sampleRate: sampleRate)
        high = AllPoleBlock(a1: Double(h.3), a2: Double(h.4))
        highGain = h.0
        let l = Biquad.coefficients(.lowPass, frequency: lowPass, q: lowQ, sampleRate: sampleRate)
        low = AllPoleBlock(a1: Double(l.3), a2: Double(l.4))
        lowGain = l.0
    }

    /// Moves the low-pass corner, keeping the state.
    mutating func setLowPass(_ frequency: Double, q: Double, sampleRate: Double) {
        let l = Biquad.coefficients(.lowPass, frequency: frequency, q: q, sampleRate: sampleRate)
        low = AllPoleBlock(a1: Double(l.3), a2: Double(l.4))
        lowGain = l.0
    }

    /// Takes `other`'s low-pass (the other channel of a bed: one design for both).
    mutating func setLowPass(like other: BlockBandPass) {
        low = other.low
        lowGain = other.lowGain
    }

    /// Filters `count` samples (a multiple of 4) in place, times a gain ramping linearly from
    /// `from` to `to`.
    @inline(__always)
    mutating func process(_ x: UnsafeMutablePointer<Float>, count: Int, from: Float, to: Float) {
        let newScale = highGain * lowGain
        if scale.isNaN { scale = newScale }
        let g0 = from * scale, g1 = to * newScale
        scale = newScale
        let step = (g1 - g0) / Float(count)
        var g = g0 + step * V(0, 1, 2, 3)
        let high = high, low = low
        var previous = history, h = highLast, l = lowLast
        let raw = UnsafeMutableRawPointer(x)
        for n in stride(from: 0, to: count, by: 4) {
            let input = raw.loadUnaligned(fromByteOffset: 4 * n, as: V.self)
            let twoBack = V(previous.z, previous.w, input.x, input.y)
            let u: V = input - 2 * twoBack + previous
            h = high.block(u, last: h)
            l = low.block(h, last: l)
            raw.storeBytes(of: g * l, toByteOffset: 4 * n, as: V.self)
            g += 4 * step
            previous = input
        }
        history = previous
        highLast = h
        lowLast = l
    }
}
