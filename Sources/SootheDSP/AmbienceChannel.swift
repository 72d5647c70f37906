/// The sound of one channel of an ambience bed, before fades and level. Every kind keeps its
/// state here; the channels of a bed differ only by their seeds (decorrelated noise).
struct AmbienceChannel: Sendable {
    private let kind: AmbienceKind
    private let sampleRate: Double
    private var brown: BrownNoise
    private var pink: PinkNoise
    private var low: Biquad
    private var high: Biquad
    private var drops: RainDrops
    /// Linear normalisation that brings this kind to unit RMS (measured over minutes).
    let normalisation: Float

    init(kind: AmbienceKind, sampleRate: Double, seed: UInt64) {
        self.kind = kind
        self.sampleRate = sampleRate
        brown = BrownNoise(sampleRate: sampleRate, seed: SplitMix64.derive(seed, 1))
        pink = PinkNoise(sampleRate: sampleRate, seed: SplitMix64.derive(seed, 2))
        drops = RainDrops(sampleRate: sampleRate, seed: SplitMix64.derive(seed, 3))
        switch kind {
        case .rain:
            high = Biquad(.highPass, frequency: 500, q: 0.7, sampleRate: sampleRate)
            low = Biquad(.lowPass, frequency: 6_000, q: 0.7, sampleRate: sampleRate)
        default:
            high = Biquad(.highPass, frequency: 25, q: 0.7, sampleRate: sampleRate)
            low = Biquad(.lowPass, frequency: 600, q: 0.6, sampleRate: sampleRate)
        }
        switch kind {
        case .brownNoise: normalisation = 1
        case .pinkNoise: normalisation = Float(1 / pink.variance.squareRoot())
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

    /// Writes (not adds) `count` raw frames; `amplitude` ramps linearly by `step` per frame
    /// (the swell for the ocean, the intensity for rain; 1 for plain noise).
    mutating func render(into out: UnsafeMutablePointer<Float>, count: Int, amplitude: Float, step: Float, intensity: Double) {
        var a = amplitude
        switch kind {
        case .brownNoise:
            for n in 0..<count { out[n] = brown.next() }
        case .pinkNoise:
            for n in 0..<count { out[n] = pink.next() }
        case .rain:
            for n in 0..<count {
                out[n] = a * 0.5 * low.process(high.process(pink.next()))
                a += step
            }
            drops.render(adding: out, count: count, intensity: intensity)
        case .ocean:
            for n in 0..<count {
                let surf = 0.75 * brown.next() + 0.5 * pink.next()
                out[n] = a * low.process(high.process(surf))
                a += step
            }
        }
    }
}
