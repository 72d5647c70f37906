/// The ocean's raw surf for both channels of a bed: 0.75 × brown noise + 0.5 × pink noise
/// (each of unit variance, from its own white noise), as two SIMD vectors a frame.
///
/// Both are sums of one-pole low-passes, so the pink's three sections and the brown's leaky
/// integrator share the lanes (left and right interleaved) and only the pink's white term is
/// added apart: the same sound as `BrownNoise` plus `PinkNoise`, at the cost of one of them.
struct OceanSurf: Sendable {
    typealias V = SIMD4<Float>
    private var low = V(), high = V()
    private let lowPoles: V, highPoles: V
    private let lowGains: V, highGains: V
    private let white: V

    init(sampleRate: Double) {
        let pink = PinkNoise.design(sampleRate: sampleRate)
        let integrator = OnePole(cutoff: BrownNoise.corner, sampleRate: sampleRate)
        let brownGain = (3 / integrator.whiteNoiseVarianceGain).squareRoot() * (1 - Double(integrator.a))
        // Lanes: pink 0, pink 1 | pink 2, brown (each for left and right).
        let a = [pink.poles[0], pink.poles[1], pink.poles[2], Double(integrator.a)]
        let g = [0.5 * pink.gains[0], 0.5 * pink.gains[1], 0.5 * pink.gains[2], 0.75 * brownGain]
        lowPoles = V(Float(a[0]), Float(a[0]), Float(a[1]), Float(a[1]))
        highPoles = V(Float(a[2]), Float(a[2]), Float(a[3]), Float(a[3]))
        lowGains = V(Float(g[0]), Float(g[0]), Float(g[1]), Float(g[1]))
        highGains = V(Float(g[2]), Float(g[2]), Float(g[3]), Float(g[3]))
        white = V(repeating: Float(0.5 * pink.gains[3]))
    }

    /// The next frame from four uniform white values in [−1, 1): (pink left, pink right,
    /// brown left, brown right); the frame's (left, right) in lanes x and y (z and w hold
    /// nothing of use).
    @inline(__always)
    mutating func next(white w: V) -> V {
        low = vadd(vmul(lowPoles, low), vmul(lowGains, V(w.x, w.y, w.x, w.y)))
        high = vadd(vmul(highPoles, high), vmul(highGains, w))
        let folded = vadd(low, high)
        return vadd(vadd(folded, V(folded.z, folded.w, folded.z, folded.w)), vmul(white, w))
    }
}
