/// The all-pole part 1/(1 + a1·z⁻¹ + a2·z⁻²) of a biquad, four frames at a time.
///
/// Each block of outputs is its four inputs through the first four taps of the impulse
/// response, plus the previous block's last two outputs carried forward: the feedback chain
/// is one multiply and two adds per four frames instead of one multiply and add per frame,
/// so a cascade of these runs at the SIMD units' throughput rather than their latency.
struct AllPoleBlock: Sendable {
    typealias V = SIMD4<Float>
    // Columns of the block's input matrix (the impulse response h0…h3, shifted down) and the
    // weights of the previous two outputs.
    let c0: V, c1: V, c2: V, c3: V
    let fromLast: V
    let fromSecondLast: V

    // Not inlined: the optimiser would otherwise see the matrix's zeros and ones and trade the
    // plain broadcast-multiply-adds for a tangle of shuffles (twice the instructions).
    @inline(never)
    init(a1: Double, a2: Double) {
        let h1 = -a1
        let h2 = -a1 * h1 - a2
        let h3 = -a1 * h2 - a2 * h1
        let h4 = -a1 * h3 - a2 * h2
        c0 = V(1, Float(h1), Float(h2), Float(h3))
        c1 = V(0, 1, Float(h1), Float(h2))
        c2 = V(0, 0, 1, Float(h1))
        c3 = V(0, 0, 0, 1)
        fromLast = V(Float(h1), Float(h2), Float(h3), Float(h4))
        fromSecondLast = V(Float(-a2), Float(-a2 * h1), Float(-a2 * h2), Float(-a2 * h3))
    }

    /// Outputs for inputs `u`, given the previous block's outputs `last`.
    @inline(__always)
    func block(_ u: V, last: V) -> V {
        // M·u as u plus its lane shifts (zero-filled) times h1…h3: shifts, not broadcasts.
        let zero = V()
        var w = vadd(u, vmul(V(repeating: c0.y), V(zero.x, u.x, u.y, u.z)))
        w = vadd(w, vmul(V(repeating: c0.z), V(zero.x, zero.y, u.x, u.y)))
        w = vadd(w, vmul(V(repeating: c0.w), V(zero.x, zero.y, zero.z, u.x)))
        w = vadd(w, vmul(V(repeating: last.z), fromSecondLast))
        return vadd(w, vmul(V(repeating: last.w), fromLast))
    }
}
