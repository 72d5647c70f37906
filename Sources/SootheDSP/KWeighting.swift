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
/// The shelf runs first (its biquad in blocks of four: its poles sit well inside the unit
/// circle), then the high-pass's all-pole part, and last the high-pass's double zero at DC (a
/// second difference): every rounding error then reaches the output through the double zero,
/// which removes what the all-pole part raises (up to 100 dB, at DC). Made after the zeros,
/// errors that a block of four makes differently from lane to lane would fold a quarter of the
/// rate down to DC, there to be raised by those 100 dB (0.3 dB off on white noise at 96 kHz).
///
/// The high-pass's near-double pole sits 0.005 from 1 at 48 kHz, where single-precision
/// direct-form coefficients would move it a long way; its all-pole part runs in a "delta"
/// form instead: the state is the last output y and the last step e (y less the output before),
/// e[n] = (1 − beta)·e[n−1] − (alpha − beta)·y[n−1] + u[n] with a1 = −2 + alpha and
/// a2 = 1 − beta, and the block's coefficients are kept apart from the ones they add to, so
/// every stored coefficient keeps its relative precision. The steps are the all-pole output's
/// first difference: the output is their first difference.
///
/// Within a block, each section's outputs are sums of its inputs, each in every lane
/// (a broadcast), times a column of the block's matrix (the impulse response from that frame
/// on, zeros before it), plus its memory, likewise broadcast, times the memory's columns: only
/// broadcasts, multiplies and adds, no lane shifts (which the optimiser turned into a tangle
/// of shuffles). The memory's terms are added last, so each feedback path through a block is
/// one multiply, two adds and a broadcast long.
struct KWeighting: Sendable {
    typealias V = SIMD4<Float>

    /// The shelf, four frames at a time: its outputs for an input of 1 in the block's first,
    /// second, third and fourth frame, for the inputs one and two frames before the block and
    /// for its outputs one and two frames before it.
    let shelf0: V, shelf1: V, shelf2: V, shelf3: V, xp1: V, xp2: V, wp1: V, wp2: V
    /// The high-pass's all-pole part in delta form, four frames at a time: its steps (each
    /// output less the one before) for an input of 1 in the block's first, second, third and
    /// fourth frame, for a last output of 1 and for a last step of 1 (less that 1, as the last
    /// step is added apart).
    let step0: V, step1: V, step2: V, step3: V, fromY: V, fromE: V
    /// The sum of a block's four steps, which advances the all-pole output, from its parts: the
    /// lanes of `step0` … `step3`, of `fromY`, and of `fromE` plus the last step itself, each in
    /// every lane. Summing from the parts keeps the output's feedback path as short as the
    /// step's (a multiply and two adds) instead of waiting for the four steps to be added up.
    let sum0: V, sum1: V, sum2: V, sum3: V, sumY: V, sumE: V

    /// The filter's memory between blocks.
    struct State: Sendable {
        /// The last input and the one before, in every lane.
        var x1 = V(), x2 = V()
        /// The shelf's last output and the one before, in every lane.
        var w1 = V(), w2 = V()
        /// The all-pole part's last output and last step (that output less the one before), in
        /// every lane.
        var y = V(), e = V()

        /// Zeroes the memory of either section once it has decayed below any audible trace
        /// (1e-15, −300 dB), so that silence after a sound never reaches subnormal numbers
        /// (a hundred times slower on x86; libebur128 flushes them to zero for the same
        /// reason). Called every 128 frames at most, over which a tail at that level cannot
        /// decay below the normal range (the shelf's poles, the fastest, decay 1e-19 at 22 kHz).
        mutating func flushTiny() {
            let tiny: Float = 1e-15
            // Squares (at least 1e-30 where it matters, a normal number) for magnitudes.
            let limit = tiny * tiny
            // Every field holds one value in every lane.
            if x1.x * x1.x < limit && x2.x * x2.x < limit && w1.x * w1.x < limit && w2.x * w2.x < limit {
                x1 = V()
                x2 = V()
                w1 = V()
                w2 = V()
            }
            if y.x * y.x < limit && e.x * e.x < limit {
                y = V()
                e = V()
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

    // Not inlined: the optimiser would otherwise see the matrices' zeros and ones and trade
    // the plain broadcast-multiply-adds for shuffles (as in `AllPoleBlock4`).
    @inline(never)
    init(sampleRate: Int) {
        let design = Self.design(sampleRate: sampleRate)
        let (b0, b1, b2, a1, a2) = design.shelf
        // The shelf's four outputs from four inputs, the two inputs and two outputs before.
        func shelf(_ x: [Double], _ xp2: Double, _ xp1: Double, _ wp2: Double, _ wp1: Double) -> V {
            var (xm2, xm1, wm2, wm1) = (xp2, xp1, wp2, wp1)
            var out = V()
            for k in 0..<4 {
                let w = b0 * x[k] + b1 * xm1 + b2 * xm2 - a1 * wm1 - a2 * wm2
                (xm2, xm1, wm2, wm1) = (xm1, x[k], wm1, w)
                out[k] = Float(w)
            }
            return out
        }
        func unit(_ k: Int) -> [Double] { (0..<4).map { $0 == k ? 1 : 0 } }
        let none = [0.0, 0, 0, 0]
        (shelf0, shelf1) = (shelf(unit(0), 0, 0, 0, 0), shelf(unit(1), 0, 0, 0, 0))
        (shelf2, shelf3) = (shelf(unit(2), 0, 0, 0, 0), shelf(unit(3), 0, 0, 0, 0))
        (xp1, xp2) = (shelf(none, 0, 1, 0, 0), shelf(none, 1, 0, 0, 0))
        (wp1, wp2) = (shelf(none, 0, 0, 0, 1), shelf(none, 0, 0, 1, 0))

        let (beta, gap) = (design.beta, design.gap)
        // In delta form: e[n] = (1 − beta)·e[n−1] − gap·y[n−1] + u[n], y[n] = y[n−1] + e[n].
        // The four steps from a state (y, e) and inputs u; `less` is subtracted from each.
        func steps(y: Double, e: Double, _ u: [Double], less: Double = 0) -> V {
            var y = y, e = e
            var out = V()
            for k in 0..<4 {
                e = (1 - beta) * e - gap * y + u[k]
                y += e
                out[k] = Float(e - less)
            }
            return out
        }
        (step0, step1) = (steps(y: 0, e: 0, unit(0)), steps(y: 0, e: 0, unit(1)))
        (step2, step3) = (steps(y: 0, e: 0, unit(2)), steps(y: 0, e: 0, unit(3)))
        fromY = steps(y: 1, e: 0, none)
        fromE = steps(y: 0, e: 1, none, less: 1)
        func total(_ v: V) -> V { V(repeating: (v.x + v.y) + (v.z + v.w)) }
        (sum0, sum1, sum2, sum3) = (total(step0), total(step1), total(step2), total(step3))
        sumY = total(fromY)
        sumE = total(steps(y: 0, e: 1, none))
    }

    /// The next four outputs for inputs `x`, advancing `s`.
    @inline(__always)
    func block(_ x: V, _ s: inout State) -> V {
        let x0 = V(repeating: x.x), x1 = V(repeating: x.y), x2 = V(repeating: x.z), x3 = V(repeating: x.w)
        // The shelf: the block's inputs, the inputs before it, and last the outputs before it.
        let fromX = vadd(vadd(vmul(x0, shelf0), vmul(x1, shelf1)), vadd(vmul(x2, shelf2), vmul(x3, shelf3)))
        let fromPast = vadd(fromX, vadd(vmul(s.x1, xp1), vmul(s.x2, xp2)))
        let w = vadd(fromPast, vadd(vmul(s.w1, wp1), vmul(s.w2, wp2)))
        let w0 = V(repeating: w.x), w1 = V(repeating: w.y), w2 = V(repeating: w.z), w3 = V(repeating: w.w)
        // The high-pass's all-pole part: its steps, the last step plus a correction.
        let fromW = vadd(vadd(vmul(w0, step0), vmul(w1, step1)), vadd(vmul(w2, step2), vmul(w3, step3)))
        let steps = vadd(vadd(s.e, vmul(s.e, fromE)), vadd(fromW, vmul(s.y, fromY)))
        // The output, the second difference of the all-pole part's output: the steps' first
        // difference.
        let y = vsub(steps, V(s.e.x, steps.x, steps.y, steps.z))
        s.x1 = x3
        s.x2 = x2
        s.w1 = w3
        s.w2 = w2
        let fromWTotal = vadd(vadd(vmul(w0, sum0), vmul(w1, sum1)), vadd(vmul(w2, sum2), vmul(w3, sum3)))
        s.y = vadd(s.y, vadd(fromWTotal, vadd(vmul(s.e, sumE), vmul(s.y, sumY))))
        s.e = V(repeating: steps.w)
        return y
    }
}
