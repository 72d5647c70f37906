#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif

/// The BS.1770 K-weighting filter (high shelf, then 38 Hz high-pass), designed for any rate
/// exactly as libebur128 1.2.6 designs it (`ebur128_init_filter`), run four frames at a time.
///
/// The fourth-order filter is the high-pass's double zero at DC (a second difference), the
/// shelf's three-tap numerator, then the combined fourth-order all-pole part in blocks of four
/// (as `AllPoleBlock4`): the feedback chain is one step per four frames. Double precision: the
/// high-pass poles sit 0.005 from 1 at 48 kHz, where single-precision block coefficients would
/// move them by several times that distance's square root.
struct KWeighting: Sendable {
    typealias V = SIMD4<Double>

    /// The shelf's numerator (the high-pass's 1 − 2z⁻¹ + z⁻² is the second difference).
    let b0: Double, b1: Double, b2: Double
    /// The all-pole block: impulse-response taps h1…h3 and the weights of the outputs one to
    /// four frames before the block.
    let h1: Double, h2: Double, h3: Double
    let f1: V, f2: V, f3: V, f4: V

    /// The filter's memory between blocks.
    struct State: Sendable {
        /// The last input.
        var x1 = 0.0
        /// The last first difference.
        var d1 = 0.0
        /// The last two second differences (one and two frames back).
        var e1 = 0.0, e2 = 0.0
        /// The last four outputs, oldest first.
        var y = V()

        /// Zeroes a memory that has decayed below any audible trace (1e-30, −600 dB), so that
        /// silence after a sound never reaches subnormal numbers (a hundred times slower on x86;
        /// libebur128 flushes them to zero for the same reason).
        mutating func flushTiny() {
            let tiny = 1e-30
            let m = max(max(abs(y.x), abs(y.y)), max(abs(y.z), abs(y.w)))
            if m < tiny && abs(d1) < tiny && abs(e1) < tiny && abs(e2) < tiny {
                y = V()
                d1 = 0
                e1 = 0
                e2 = 0
            }
        }
    }

    /// libebur128's coefficients: the shelf's numerator (its b0…b4 are this times
    /// 1 − 2z⁻¹ + z⁻²) and the combined denominator 1 + a1·z⁻¹ + … + a4·z⁻⁴.
    struct Design {
        let shelf: (Double, Double, Double)
        let a: (Double, Double, Double, Double)
    }

    /// libebur128's design for `sampleRate` (its constants, its formulas, its order of operations).
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
        let ra1 = 2.0 * (k * k - 1.0) / (1.0 + k / q + k * k)
        let ra2 = (1.0 - k / q + k * k) / (1.0 + k / q + k * k)

        return Design(
            shelf: (pb0, pb1, pb2),
            a: (ra1 + pa1, ra2 + pa1 * ra1 + pa2, pa1 * ra2 + pa2 * ra1, pa2 * ra2))
    }

    // Not inlined: the optimiser would otherwise see the matrix's zeros and ones and trade the
    // plain broadcast-multiply-adds for shuffles (as in `AllPoleBlock4`).
    @inline(never)
    init(sampleRate: Int) {
        let design = Self.design(sampleRate: sampleRate)
        (b0, b1, b2) = design.shelf
        let (d1, d2, d3, d4) = design.a
        let h1 = -d1
        let h2 = -d1 * h1 - d2
        (self.h1, self.h2, self.h3) = (h1, h2, -d1 * h2 - d2 * h1 - d3)
        // The block's outputs for past outputs (p4 … p1 frames before it) and no input.
        func response(_ p4: Double, _ p3: Double, _ p2: Double, _ p1: Double) -> V {
            let y0 = -(d1 * p1 + d2 * p2 + d3 * p3 + d4 * p4)
            let y1 = -(d1 * y0 + d2 * p1 + d3 * p2 + d4 * p3)
            let y2 = -(d1 * y1 + d2 * y0 + d3 * p1 + d4 * p2)
            let y3 = -(d1 * y2 + d2 * y1 + d3 * y0 + d4 * p1)
            return V(y0, y1, y2, y3)
        }
        f1 = response(0, 0, 0, 1)
        f2 = response(0, 0, 1, 0)
        f3 = response(0, 1, 0, 0)
        f4 = response(1, 0, 0, 0)
    }

    /// The next four outputs for inputs `x`, advancing `s`.
    @inline(__always)
    func block(_ x: V, _ s: inout State) -> V {
        let d1 = x - V(s.x1, x.x, x.y, x.z)
        let e = d1 - V(s.d1, d1.x, d1.y, d1.z)
        let u = b0 * e + b1 * V(s.e1, e.x, e.y, e.z) + b2 * V(s.e2, s.e1, e.x, e.y)
        // The block's own inputs through h0…h3 (lane shifts), then the feedback as a tree of
        // two pairs, so the chain from one block to the next is one multiply and three adds.
        var w = u + h1 * V(0, u.x, u.y, u.z)
        w += h2 * V(0, 0, u.x, u.y) + h3 * V(0, 0, 0, u.x)
        let last = s.y
        let y = w + ((last.x * f4 + last.y * f3) + (last.z * f2 + last.w * f1))
        s.x1 = x.w
        s.d1 = d1.w
        s.e1 = e.w
        s.e2 = e.z
        s.y = y
        return y
    }
}
