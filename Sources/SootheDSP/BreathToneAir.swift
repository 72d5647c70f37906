/// The breath noise of a `BreathTone`: white noise through a 250 Hz high-pass and two equal
/// low-passes at a moving corner (24 dB/octave above it: air, not hiss), RBJ designs.
///
/// Rendered 64 frames at a time, four frames to a SIMD step. The three sections' numerators
/// ((1 − z⁻¹)² and (1 + z⁻¹)⁴) are one 7-tap FIR on the white noise; their denominators are
/// all-pole filters run in blocks of four (`AllPoleBlock` for the high-pass, `AllPoleBlock4`
/// for the two low-passes together), so the feedback chain is paid once per four frames.
struct BreathToneAir: Sendable {
    typealias V = SIMD4<Float>

    private var rng: SplitMix64
    private let sampleRate: Double
    private let high: AllPoleBlock
    private var low: AllPoleBlock4
    private var highGain: Float
    private var lowGain: Float = 0
    /// The last outputs (lanes 2, 3: two frames ago, one frame ago) of each section.
    private var highLast = V()
    private var lowLast = V()
    /// The last six white-noise samples (lanes 2…7), the FIR's history.
    private var history = SIMD8<Float>()
    /// The overall numerator gain at the end of the last interval, where the next ramps from.
    private var scale: Float
    private var corner = 0.0

    static let q = 0.7
    static let frames = 64

    init(sampleRate: Double, seed: UInt64) {
        rng = SplitMix64(seed: seed)
        self.sampleRate = sampleRate
        let h = Self.design(frequency: 250, sampleRate: sampleRate)
        high = AllPoleBlock(a1: -2 * h.cw / h.a0, a2: (1 - h.alpha) / h.a0)
        highGain = Float((1 + h.cw) / 2 / h.a0)
        low = AllPoleBlock4(squareOf: 0, 0)
        scale = 0
        setCorner(900)
        scale = highGain * lowGain * lowGain
    }

    private static func design(frequency: Double, sampleRate: Double) -> (cw: Double, alpha: Double, a0: Double) {
        let f = min(max(frequency, 1), 0.45 * sampleRate)
        let (sw, cw) = DSPMath.sinCos(turns: f / sampleRate)
        let alpha = sw * (0.5 / q)
        return (cw, alpha, 1 + alpha)
    }

    /// Moves both low-passes' corner to `hertz`, keeping their state.
    mutating func setCorner(_ hertz: Double) {
        if hertz == corner { return }  // holds and rests: nothing moves
        corner = hertz
        let d = Self.design(frequency: hertz, sampleRate: sampleRate)
        let inverse = 1 / d.a0
        low = AllPoleBlock4(squareOf: -2 * d.cw * inverse, (1 - d.alpha) * inverse)
        lowGain = Float((1 - d.cw) * 0.5 * inverse)
    }

    /// Adds the next 64 frames of filtered noise (uniform white input in [−1, 1)), scaled by a
    /// gain that ramps linearly from `from` to `to` over them.
    mutating func render(adding out: UnsafeMutablePointer<Float>, from: Float, to: Float) {
        let count = Self.frames
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * count + 8) { scratch in
            let white = scratch.baseAddress!
            let raw = UnsafeMutableRawPointer(white)
            raw.storeBytes(of: history, as: SIMD8<Float>.self)
            // Four 16-bit samples from every 64 random bits: for noise, 16 bits are plenty.
            for n in stride(from: 0, to: count, by: 4) {
                let lanes = unsafeBitCast(rng.next(), to: SIMD4<Int16>.self)
                let x = V(SIMD4<Int32>(truncatingIfNeeded: lanes)) * 0x1.0p-15
                UnsafeMutableRawPointer(white + 8 + n).storeBytes(of: x, as: V.self)
            }
            history = raw.loadUnaligned(fromByteOffset: count * 4, as: SIMD8<Float>.self)
            // (1 − z⁻¹)²(1 + z⁻¹)⁴ = 1 + 2z⁻¹ − z⁻² − 4z⁻³ − z⁻⁴ + 2z⁻⁵ + z⁻⁶.
            let fir = white + count + 8
            for n in stride(from: 0, to: count, by: 8) {
                @inline(__always) func tap(_ k: Int) -> SIMD8<Float> {
                    raw.loadUnaligned(fromByteOffset: (8 + n - k) * 4, as: SIMD8<Float>.self)
                }
                var u: SIMD8<Float> = tap(0) + tap(6)
                u += 2 * (tap(1) + tap(5))
                u -= tap(2) + tap(4)
                u -= 4 * tap(3)
                UnsafeMutableRawPointer(fir + n).storeBytes(of: u, as: SIMD8<Float>.self)
            }
            // The gain ramps from the last interval's scale, so a moving corner never steps.
            let newScale = highGain * lowGain * lowGain
            let g0 = from * scale, g1 = to * newScale
            scale = newScale
            let gStep = (g1 - g0) / Float(count)
            var g = g0 + gStep * V(0, 1, 2, 3)
            let high = high, low = low
            var h = highLast, b = lowLast
            let firRaw = UnsafeRawPointer(fir)
            for n in stride(from: 0, to: count, by: 4) {
                let u = firRaw.loadUnaligned(fromByteOffset: n * 4, as: V.self)
                h = high.block(u, last: h)
                b = low.block(h, last: b)
                let o = UnsafeMutableRawPointer(out + n)
                let sum: V = o.loadUnaligned(as: V.self) + g * b
                o.storeBytes(of: sum, as: V.self)
                g += 4 * gStep
            }
            highLast = h
            lowLast = b
        }
    }
}
