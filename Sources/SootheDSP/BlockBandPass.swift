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
        var stream = start(count: count, from: from, to: to)
        let raw = UnsafeMutableRawPointer(x)
        for n in stride(from: 0, to: count, by: 4) {
            let input = raw.loadUnaligned(fromByteOffset: 4 * n, as: V.self)
            raw.storeBytes(of: stream.next(input), toByteOffset: 4 * n, as: V.self)
        }
        end(stream)
    }

    /// Starts filtering the next `count` frames four at a time (`Stream.next`), times a gain
    /// ramping linearly from `from` to `to` over them; `end` takes the stream's state back.
    @inline(__always)
    mutating func start(count: Int, from: Float, to: Float) -> Stream {
        let newScale = highGain * lowGain
        if scale.isNaN { scale = newScale }
        let g0 = from * scale, g1 = to * newScale
        scale = newScale
        let step = (g1 - g0) / Float(count)
        return Stream(
            high: high, low: low, previous: history, h: highLast, l: lowLast, g: g0 + step * V(0, 1, 2, 3), step: step)
    }

    /// Keeps the state a stream reached.
    @inline(__always)
    mutating func end(_ stream: Stream) {
        history = stream.previous
        highLast = stream.h
        lowLast = stream.l
    }

    /// The filter's state while frames stream through it (held in registers, not in the filter).
    struct Stream {
        let high: AllPoleBlock, low: AllPoleBlock
        /// The last four inputs and each section's last four outputs.
        var previous: V, h: V, l: V
        /// The gain of the next four frames, and the step from one frame to the next.
        var g: V
        let step: Float

        /// The filtered, scaled outputs for the next four inputs.
        @inline(__always)
        mutating func next(_ input: V) -> V {
            let twoBack = V(previous.z, previous.w, input.x, input.y)
            let u = vadd(vsub(input, vmul(V(repeating: 2), twoBack)), previous)
            h = high.block(u, last: h)
            l = low.block(h, last: l)
            let out = vmul(g, l)
            g = vadd(g, V(repeating: 4 * step))
            previous = input
            return out
        }
    }
}
