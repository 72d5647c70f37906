/// The `stream` bed, both channels: a babbling brook. Pink noise band-passed to the bright
/// middle of the spectrum (350 Hz–4.5 kHz), its level babbling (gliding to a new random level
/// every 80–400 ms, each channel on its own), with many small bubbles on top: short decaying
/// resonances between 400 Hz and 2.4 kHz, about 45 a second in each channel.
struct StreamSound: Sendable {
    private var rng: SplitMix64
    private var pink: PinkNoise
    private var bandLeft: BlockBandPass
    private var bandRight: BlockBandPass
    private var bubblesLeft: ResonantEvents
    private var bubblesRight: ResonantEvents
    private var babbleLeft: SmoothRandomCurve
    private var babbleRight: SmoothRandomCurve

    /// Bubbles: short resonances (3–12 ms), mostly small.
    static let bubbles = ResonantEvents.Shape(
        rate: 45, lowest: 400, ratio: 6, tau: 0.003, tauSpan: 0.009, amplitude: 0.1, amplitudeSpan: 0.6, power: 2,
        silence: 1e-6)
    /// The running water's level under the bubbles.
    static let water: Float = 0.3

    init(sampleRate: Double, seed: UInt64) {
        rng = SplitMix64(seed: SplitMix64.derive(seed, 1))
        pink = PinkNoise(sampleRate: sampleRate)
        bandLeft = BlockBandPass(
            highPass: 350, highQ: 0.7, lowPass: min(4_500, 0.45 * sampleRate), lowQ: 0.7, sampleRate: sampleRate)
        bandRight = bandLeft
        bubblesLeft = ResonantEvents(Self.bubbles, sampleRate: sampleRate, seed: SplitMix64.derive(seed, 3))
        bubblesRight = ResonantEvents(Self.bubbles, sampleRate: sampleRate, seed: SplitMix64.derive(seed, 4))
        babbleLeft = SmoothRandomCurve(range: 0.55...1.0, durations: 0.08...0.4, seed: SplitMix64.derive(seed, 5))
        babbleRight = SmoothRandomCurve(range: 0.55...1.0, durations: 0.08...0.4, seed: SplitMix64.derive(seed, 6))
    }

    /// Advances the babble by `dt` seconds; the water's amplitudes (left, right) there.
    mutating func controls(dt: Double) -> SIMD2<Float> {
        SIMD2(Float(babbleLeft.advance(by: dt)), Float(babbleRight.advance(by: dt)))
    }

    /// Writes `count` frames (a multiple of 4) of both channels, the water's amplitude ramping
    /// from `from` to `to`.
    mutating func render(
        left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int,
        from: SIMD2<Float>, to: SIMD2<Float>
    ) {
        let l = UnsafeMutableRawPointer(left), r = UnsafeMutableRawPointer(right)
        var rng = rng, pink = pink
        var bl = bandLeft.start(count: count, from: Self.water * from.x, to: Self.water * to.x)
        var br = bandRight.start(count: count, from: Self.water * from.y, to: Self.water * to.y)
        for n in stride(from: 0, to: 4 * count, by: 16) {
            let (x, y) = AmbienceChannel.pinkFrames(&pink, &rng)
            l.storeBytes(of: bl.next(x), toByteOffset: n, as: SIMD4<Float>.self)
            r.storeBytes(of: br.next(y), toByteOffset: n, as: SIMD4<Float>.self)
        }
        self.rng = rng
        self.pink = pink
        bandLeft.end(bl)
        bandRight.end(br)
        bubblesLeft.render(adding: left, count: count, intensity: 1)
        bubblesRight.render(adding: right, count: count, intensity: 1)
    }
}
