#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif

/// The BS.1770 K-weighting filter (high shelf, then 38 Hz high-pass), designed for any rate
/// exactly as libebur128 1.2.6 designs it (`ebur128_init_filter`), run four frames at a time
/// in single precision.
///
/// The filter runs as the shelf (its three-tap numerator, then its all-pole part as an
/// `AllPoleBlock`: its poles sit well inside the unit circle), the high-pass's double zero at DC
/// (a second difference) and the high-pass's all-pole part, in that order: rounding errors made
/// before the second difference reach the output through the whole high-pass (gain at most 1),
/// whereas after it the all-pole part would raise their low frequencies by up to 100 dB (the
/// shelf first: 0.3 dB off on white noise at 96 kHz). The high-pass's all-pole part has a
/// near-double pole 0.005 from 1 at 48 kHz, where single-precision direct-form coefficients
/// would move it a long way; it runs in a "delta" form instead: its state is the last output y and the last step e (y minus the output before),
/// and a block's outputs are y plus a small correction, `y·dy + e·ce` plus the block's inputs
/// through the impulse response. `dy` is computed apart from the 1 it adds to, so every
/// stored coefficient keeps its relative precision and the block's characteristic polynomial
/// is accurate where it is small (near DC).
struct KWeighting: Sendable {
    typealias V = SIMD4<Float>

    /// The shelf's numerator.
    let b0: Float, b1: Float, b2: Float
    /// The shelf's denominator, four frames at a time.
    let shelf: AllPoleBlock
    /// The high-pass all-pole part's impulse-response taps h1…h3 (h0 = 1).
    let h1: Float, h2: Float, h3: Float
    /// A block's outputs for a last output of 1 (less that 1) and for a last step of 1.
    let dy: V, ce: V

    /// The filter's memory between blocks.
    struct State: Sendable {
        /// The last two inputs (one and two frames back).
        var x1: Float = 0, x2: Float = 0
        /// The shelf's last four outputs, oldest first.
        var w = V()
        /// The last first difference of the shelf's output.
        var d1: Float = 0
        /// The last output and the last step (the last output less the one before).
        var y: Float = 0, e: Float = 0

        /// Zeroes the memory of either section once it has decayed below any audible trace
        /// (1e-15, −300 dB), so that silence after a sound never reaches subnormal numbers
        /// (a hundred times slower on x86; libebur128 flushes them to zero for the same
        /// reason). Called every 128 frames at most, over which a tail at that level cannot
        /// decay below the normal range (the shelf's poles, the fastest, decay 1e-19 at 22 kHz).
        mutating func flushTiny() {
            let tiny: Float = 1e-15
            let m = max(max(abs(w.x), abs(w.y)), max(abs(w.z), abs(w.w)))
            if m < tiny && abs(d1) < tiny && abs(x1) < tiny && abs(x2) < tiny {
                w = V()
                d1 = 0
                x1 = 0
                x2 = 0
            }
            if abs(y) < tiny && abs(e) < tiny {
                y = 0
                e = 0
            }
        }
    }

    /// libebur128's coefficients: the shelf's biquad, and the high-pass's denominator
    /// 1 + a1·z⁻¹ + a2·z⁻² as a1 = −2 + alpha, a2 = 1 − beta, with gap = alpha − beta
    /// (= 1 + a1 + a2) from libebur128's formulas rearranged, not by subtraction.
    struct Design {
        let shelf: (b0: Double, b1: Double, b2: Double, a1: Double, a2: Double)
        let alpha: Double, beta: Double, gap: Double
    }

    /// libebur128's design for `sampleRate` (its constants, its formulas).
    static func design(sampleRate: Int) -> Design {
        let rate = Double(sampleRate)
        var f0 = 1681.974450955533
        let g = 3.999843853973347
        var q = 0.7071752369554196
        var k = tan(Double.pi * f0 / rate)
        let vh = pow(10.0, g / 20.0)
        let vb = pow(vh, 0.4996667741545416)
        let a0 = 1.0 + k / q + k * k
        let pb0 = (vh + vb * k / q + k * k) / a0
        let pb1 = 2.0 * (k * k - vh) / a0
        let pb2 = (vh - vb * k / q + k * k) / a0
        let pa1 = 2.0 * (k * k - 1.0) / a0
        let pa2 = (1.0 - k / q + k * k) / a0

        f0 = 38.13547087602444
        q = 0.5003270373238773
        k = tan(Double.pi * f0 / rate)
        // a1 = 2(k² − 1)/den and a2 = (1 − k/q + k²)/den, so 2 + a1 and 1 − a2 are:
        let den = 1.0 + k / q + k * k
        return Design(
            shelf: (pb0, pb1, pb2, pa1, pa2),
            alpha: (2 * k / q + 4 * k * k) / den, beta: 2 * k / q / den, gap: 4 * k * k / den)
    }

    // Not inlined: the optimiser would otherwise see the matrix's zeros and ones and trade the
    // plain broadcast-multiply-adds for shuffles (as in `AllPoleBlock4`).
    @inline(never)
    init(sampleRate: Int) {
        let design = Self.design(sampleRate: sampleRate)
        b0 = Float(design.shelf.b0)
        b1 = Float(design.shelf.b1)
        b2 = Float(design.shelf.b2)
        shelf = AllPoleBlock(a1: design.shelf.a1, a2: design.shelf.a2)
        let (alpha, beta, gap) = (design.alpha, design.beta, design.gap)
        // In delta form: e[n] = (1 − beta)·e[n−1] − gap·y[n−1] + u[n], y[n] = y[n−1] + e[n].
        // Four steps from a state (y, e) with no input, y kept as its change from the start.
        func response(y: Double, e: Double) -> V {
            var e = e, change = 0.0
            var out = [Double]()
            for _ in 0..<4 {
                e = (1 - beta) * e - gap * (y + change)
                change += e
                out.append(change)
            }
            return V(Float(out[0]), Float(out[1]), Float(out[2]), Float(out[3]))
        }
        dy = response(y: 1, e: 0)
        ce = response(y: 0, e: 1)
        // The impulse response of 1/(1 + a1·z⁻¹ + a2·z⁻²) = the response to e = 1 from rest.
        let a1 = -2 + alpha, a2 = 1 - beta
        let h1 = -a1
        let h2 = -a1 * h1 - a2
        (self.h1, self.h2, self.h3) = (Float(h1), Float(h2), Float(-a1 * h2 - a2 * h1))
    }

    /// The next four outputs for inputs `x`, advancing `s`.
    @inline(__always)
    func block(_ x: V, _ s: inout State) -> V {
        let u = b0 * x + b1 * V(s.x1, x.x, x.y, x.z) + b2 * V(s.x2, s.x1, x.x, x.y)
        let w = shelf.block(u, last: s.w)
        let d = w - V(s.w.w, w.x, w.y, w.z)
        let e = d - V(s.d1, d.x, d.y, d.z)
        // The high-pass's correction to its last output: the block's inputs through h0…h3
        // (lane shifts), and the state's weights.
        var t = e + h1 * V(0, e.x, e.y, e.z)
        t += h2 * V(0, 0, e.x, e.y) + h3 * V(0, 0, 0, e.x)
        t += s.y * dy + s.e * ce
        let y = s.y + t
        s.x1 = x.w
        s.x2 = x.z
        s.w = w
        s.d1 = d.w
        s.e = t.w - t.z
        s.y = y.w
        return y
    }
}
