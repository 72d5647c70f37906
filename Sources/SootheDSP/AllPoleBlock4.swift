/// A fourth-order all-pole filter 1/(1 + d1·z⁻¹ + … + d4·z⁻⁴), four frames at a time, as
/// `AllPoleBlock`: the block's inputs through the first four taps of the impulse response plus
/// the previous block's four outputs carried forward. Used for two equal low-pass sections in
/// series (a double pole pair, well inside the unit circle for the corners it serves), which
/// costs little more than one of them.
struct AllPoleBlock4: Sendable {
    typealias V = SIMD4<Float>
    let c0: V, c1: V, c2: V, c3: V
    /// Weights of the outputs one, two, three and four frames before the block.
    let f1: V, f2: V, f3: V, f4: V

    /// The square of the second-order denominator 1 + a1·z⁻¹ + a2·z⁻² (no heap: redesigned at
    /// control rate).
    // Not inlined: the optimiser would otherwise see the matrix's zeros and ones and trade the
    // plain broadcast-multiply-adds for a tangle of shuffles (twice the instructions).
    @inline(never)
    init(squareOf a1: Double, _ a2: Double) {
        let d1 = 2 * a1, d2 = a1 * a1 + 2 * a2, d3 = 2 * a1 * a2, d4 = a2 * a2
        let h1 = -d1
        let h2 = -d1 * h1 - d2
        let h3 = -d1 * h2 - d2 * h1 - d3
        // The block's outputs for past outputs (p4 … p1 frames before it) and no input.
        func response(_ p4: Double, _ p3: Double, _ p2: Double, _ p1: Double) -> V {
            let y0 = -(d1 * p1 + d2 * p2 + d3 * p3 + d4 * p4)
            let y1 = -(d1 * y0 + d2 * p1 + d3 * p2 + d4 * p3)
            let y2 = -(d1 * y1 + d2 * y0 + d3 * p1 + d4 * p2)
            let y3 = -(d1 * y2 + d2 * y1 + d3 * y0 + d4 * p1)
            return V(Float(y0), Float(y1), Float(y2), Float(y3))
        }
        c0 = V(1, Float(h1), Float(h2), Float(h3))
        c1 = V(0, 1, Float(h1), Float(h2))
        c2 = V(0, 0, 1, Float(h1))
        c3 = V(0, 0, 0, 1)
        f1 = response(0, 0, 0, 1)
        f2 = response(0, 0, 1, 0)
        f3 = response(0, 1, 0, 0)
        f4 = response(1, 0, 0, 0)
    }

    /// Outputs for inputs `u`, given the previous block's outputs `last`.
    @inline(__always)
    func block(_ u: V, last: V) -> V {
        // M·u as u plus its lane shifts (zero-filled) times h1…h3: shifts, not broadcasts.
        let zero = V()
        var w: V = u + c0.y * V(zero.x, u.x, u.y, u.z)
        w += c0.z * V(zero.x, zero.y, u.x, u.y)
        w += c0.w * V(zero.x, zero.y, zero.z, u.x)
        w += last.x * f4 + last.y * f3
        w += last.z * f2
        return w + last.w * f1
    }
}
