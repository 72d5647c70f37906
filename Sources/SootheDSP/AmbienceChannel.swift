import SootheModel

/// The sound of both channels of an ambience bed, before fades and level: the left and right
/// channels are the two lanes of SIMD vectors, every lane drawing its own noise (decorrelated).
/// Every kind keeps its state here.
struct AmbienceChannel: Sendable {
    private let kind: AmbienceSound
    private let sampleRate: Double
    private var rng: SplitMix64
    private var brown: BrownNoise
    private var pink: PinkNoise
    private var surf: OceanSurf
    private var bandLeft: BlockBandPass
    private var bandRight: BlockBandPass
    private var dropsLeft: RainDrops
    private var dropsRight: RainDrops
    /// Linear normalisation that brings this kind to unit RMS (measured over minutes).
    let normalisation: Float

    init(kind: AmbienceSound, sampleRate: Double, seed: UInt64) {
        self.kind = kind
        self.sampleRate = sampleRate
        rng = SplitMix64(seed: SplitMix64.derive(seed, 1))
        brown = BrownNoise(sampleRate: sampleRate)
        pink = PinkNoise(sampleRate: sampleRate)
        surf = OceanSurf(sampleRate: sampleRate)
        dropsLeft = RainDrops(sampleRate: sampleRate, seed: SplitMix64.derive(seed, 3))
        dropsRight = RainDrops(sampleRate: sampleRate, seed: SplitMix64.derive(seed, 4))
        switch kind {
        case .rain:
            bandLeft = BlockBandPass(highPass: 500, highQ: 0.7, lowPass: 6_000, lowQ: 0.7, sampleRate: sampleRate)
        default:
            bandLeft = BlockBandPass(highPass: 25, highQ: 0.7, lowPass: 600, lowQ: Self.oceanQ, sampleRate: sampleRate)
        }
        bandRight = bandLeft
        switch kind {
        case .brownNoise, .pinkNoise: normalisation = 1
        case .rain: normalisation = Self.rainNormalisation
        case .ocean: normalisation = Self.oceanNormalisation
        }
    }

    static let rainNormalisation: Float = 3.67
    static let oceanNormalisation: Float = 5.19
    static let oceanQ = 0.6

    /// Sets the ocean's low-pass corner (called at control rate).
    mutating func setOceanCutoff(_ hertz: Double) {
        bandLeft.setLowPass(hertz, q: Self.oceanQ, sampleRate: sampleRate)
        bandRight.setLowPass(like: bandLeft)
    }

    /// Pink noise into both channels (decorrelated), two frames a step.
    @inline(__always)
    private mutating func renderPink(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int) {
        for n in stride(from: 0, to: count, by: 2) {
            let w = white()
            let x = pink.next(white: w.lowHalf), y = pink.next(white: w.highHalf)
            left[n] = x.x; right[n] = x.y
            left[n + 1] = y.x; right[n + 1] = y.y
        }
    }

    /// Four uniform white values in [−1, 1) from one 64-bit draw (16 bits each: plenty for noise).
    @inline(__always)
    private mutating func white() -> SIMD4<Float> {
        let lanes = unsafeBitCast(rng.next(), to: SIMD4<Int16>.self)
        return SIMD4<Float>(SIMD4<Int32>(truncatingIfNeeded: lanes)) * 0x1.0p-15
    }

    /// Writes (not adds) `count` raw frames (a multiple of 4) of both channels; the amplitude (the swell
    /// for the ocean, the intensity for rain, 1 for plain noise) ramps linearly from `from` to
    /// `to` over them.
    mutating func render(
        left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int,
        from: SIMD2<Float>, to: SIMD2<Float>, intensity: Double
    ) {
        switch kind {
        case .brownNoise:
            for n in stride(from: 0, to: count, by: 2) {
                let w = white()
                let x = brown.next(white: w.lowHalf), y = brown.next(white: w.highHalf)
                left[n] = x.x; right[n] = x.y
                left[n + 1] = y.x; right[n + 1] = y.y
            }
        case .pinkNoise:
            renderPink(left: left, right: right, count: count)
        case .rain:
            // Rain is pink noise band-passed, with drops on top.
            renderPink(left: left, right: right, count: count)
            bandLeft.process(left, count: count, from: 0.5 * from.x, to: 0.5 * to.x)
            bandRight.process(right, count: count, from: 0.5 * from.y, to: 0.5 * to.y)
            dropsLeft.render(adding: left, count: count, intensity: intensity)
            dropsRight.render(adding: right, count: count, intensity: intensity)
        case .ocean:
            for n in 0..<count {
                let w = white()
                let x = surf.next(white: w)
                left[n] = x.x; right[n] = x.y
            }
            bandLeft.process(left, count: count, from: from.x, to: to.x)
            bandRight.process(right, count: count, from: from.y, to: to.y)
        }
    }
}
