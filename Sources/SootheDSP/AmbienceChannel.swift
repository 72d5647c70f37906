/// The sound of both channels of an ambience bed, before fades and level: the left and right
/// channels are the two lanes of SIMD vectors, every lane drawing its own noise (decorrelated).
/// Every kind keeps its state here.
struct AmbienceChannel: Sendable {
    private let kind: AmbienceKind
    private let sampleRate: Double
    private var rng: SplitMix64
    private var brown: BrownNoise
    private var pink: PinkNoise
    private var low: StereoBiquad
    private var high: StereoBiquad
    private var dropsLeft: RainDrops
    private var dropsRight: RainDrops
    /// Linear normalisation that brings this kind to unit RMS (measured over minutes).
    let normalisation: Float

    init(kind: AmbienceKind, sampleRate: Double, seed: UInt64) {
        self.kind = kind
        self.sampleRate = sampleRate
        rng = SplitMix64(seed: SplitMix64.derive(seed, 1))
        brown = BrownNoise(sampleRate: sampleRate)
        pink = PinkNoise(sampleRate: sampleRate)
        dropsLeft = RainDrops(sampleRate: sampleRate, seed: SplitMix64.derive(seed, 3))
        dropsRight = RainDrops(sampleRate: sampleRate, seed: SplitMix64.derive(seed, 4))
        switch kind {
        case .rain:
            high = StereoBiquad(.highPass, frequency: 500, q: 0.7, sampleRate: sampleRate)
            low = StereoBiquad(.lowPass, frequency: 6_000, q: 0.7, sampleRate: sampleRate)
        default:
            high = StereoBiquad(.highPass, frequency: 25, q: 0.7, sampleRate: sampleRate)
            low = StereoBiquad(.lowPass, frequency: 600, q: 0.6, sampleRate: sampleRate)
        }
        switch kind {
        case .brownNoise, .pinkNoise: normalisation = 1
        case .rain: normalisation = Self.rainNormalisation
        case .ocean: normalisation = Self.oceanNormalisation
        }
    }

    static let rainNormalisation: Float = 3.67
    static let oceanNormalisation: Float = 5.19

    /// Sets the ocean's low-pass corner (called at control rate).
    mutating func setOceanCutoff(_ hertz: Double) {
        low.set(.lowPass, frequency: hertz, q: 0.6, sampleRate: sampleRate)
    }

    /// Four uniform white values in [−1, 1) from one 64-bit draw (16 bits each: plenty for noise).
    @inline(__always)
    private mutating func white() -> SIMD4<Float> {
        let lanes = unsafeBitCast(rng.next(), to: SIMD4<Int16>.self)
        return SIMD4<Float>(SIMD4<Int32>(truncatingIfNeeded: lanes)) * 0x1.0p-15
    }

    /// Writes (not adds) `count` raw frames (even) of both channels; the amplitude (the swell
    /// for the ocean, the intensity for rain, 1 for plain noise) ramps linearly from `from` to
    /// `to` over them.
    mutating func render(
        left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int,
        from: SIMD2<Float>, to: SIMD2<Float>, intensity: Double
    ) {
        let step = (to - from) / Float(count)
        var a = from
        switch kind {
        case .brownNoise:
            for n in stride(from: 0, to: count, by: 2) {
                let w = white()
                let x = brown.next(white: w.lowHalf), y = brown.next(white: w.highHalf)
                left[n] = x.x; right[n] = x.y
                left[n + 1] = y.x; right[n + 1] = y.y
            }
        case .pinkNoise:
            for n in stride(from: 0, to: count, by: 2) {
                let w = white()
                let x = pink.next(white: w.lowHalf), y = pink.next(white: w.highHalf)
                left[n] = x.x; right[n] = x.y
                left[n + 1] = y.x; right[n + 1] = y.y
            }
        case .rain:
            for n in stride(from: 0, to: count, by: 2) {
                let w = white()
                let x = 0.5 * a * low.process(high.process(pink.next(white: w.lowHalf)))
                a += step
                let y = 0.5 * a * low.process(high.process(pink.next(white: w.highHalf)))
                a += step
                left[n] = x.x; right[n] = x.y
                left[n + 1] = y.x; right[n + 1] = y.y
            }
            dropsLeft.render(adding: left, count: count, intensity: intensity)
            dropsRight.render(adding: right, count: count, intensity: intensity)
        case .ocean:
            for n in 0..<count {
                let w = white()
                let surf = 0.75 * brown.next(white: w.lowHalf) + 0.5 * pink.next(white: w.highHalf)
                let x = a * low.process(high.process(surf))
                a += step
                left[n] = x.x; right[n] = x.y
            }
        }
    }
}
