/// The ocean's raw surf for both channels of a bed: 0.75 × brown noise + 0.5 × pink noise
/// (each of unit variance, from its own white noise), as one SIMD vector a frame.
///
/// Both are sums of one-pole low-passes, so the pink's three sections and the brown's leaky
/// integrator share the lanes (left and right interleaved) and only the pink's white term is
/// added apart: the same sound as `BrownNoise` plus `PinkNoise`, at the cost of one of them.
struct OceanSurf: Sendable {
    private var state = SIMD8<Float>()
    private let poles: SIMD8<Float>
    private let gains: SIMD8<Float>
    private let white: Float

    init(sampleRate: Double) {
        let pink = PinkNoise.design(sampleRate: sampleRate)
        let integrator = OnePole(cutoff: BrownNoise.corner, sampleRate: sampleRate)
        let brownGain = (3 / integrator.whiteNoiseVarianceGain).squareRoot() * (1 - Double(integrator.a))
        // Lanes: pink 0, pink 1 | pink 2, brown (each for left and right).
        let a = [pink.poles[0], pink.poles[1], pink.poles[2], Double(integrator.a)]
        let g = [0.5 * pink.gains[0], 0.5 * pink.gains[1], 0.5 * pink.gains[2], 0.75 * brownGain]
        poles = SIMD8((0..<8).map { Float(a[$0 / 2]) })
        gains = SIMD8((0..<8).map { Float(g[$0 / 2]) })
        white = Float(0.5 * pink.gains[3])
    }

    /// The next frame from four uniform white values in [−1, 1): (pink left, pink right,
    /// brown left, brown right).
    @inline(__always)
    mutating func next(white w: SIMD4<Float>) -> SIMD2<Float> {
        let pink = w.lowHalf
        state = poles * state + gains * SIMD8(lowHalf: SIMD4(lowHalf: pink, highHalf: pink), highHalf: w)
        let folded = state.lowHalf + state.highHalf
        return folded.lowHalf + folded.highHalf + white * pink
    }
}
