/// The `fire` bed, both channels: a fireplace. A low rumble (brown noise low-passed at
/// 300 Hz) flickering in level, under crackles, sharp ticks of 1.5–6 kHz lasting a millisecond
/// or so, arriving at random (a Poisson process, about 5 a second in each channel, most of
/// them small), and now and then a deeper pop.
struct FireSound: Sendable {
    private var rng: SplitMix64
    private var brown: BrownNoise
    private var rumbleLeft: BlockBandPass
    private var rumbleRight: BlockBandPass
    private var cracklesLeft: ResonantEvents
    private var cracklesRight: ResonantEvents
    private var popsLeft: ResonantEvents
    private var popsRight: ResonantEvents
    private var flickerLeft: SmoothRandomCurve
    private var flickerRight: SmoothRandomCurve

    /// Crackles: very short ticks, a few loud among many faint.
    static let crackles = ResonantEvents.Shape(
        rate: 5, lowest: 1_500, ratio: 4, tau: 0.000_4, tauSpan: 0.001_4, amplitude: 0.4, amplitudeSpan: 3, power: 3,
        silence: 1e-10, capacity: 8)
    /// Pops: rarer, deeper and longer.
    static let pops = ResonantEvents.Shape(
        rate: 0.6, lowest: 180, ratio: 4, tau: 0.003, tauSpan: 0.008, amplitude: 0.2, amplitudeSpan: 0.6, power: 1,
        silence: 1e-10, capacity: 4)
    /// The rumble's level under the crackles.
    static let rumble: Float = 0.5

    init(sampleRate: Double, seed: UInt64) {
        rng = SplitMix64(seed: SplitMix64.derive(seed, 1))
        brown = BrownNoise(sampleRate: sampleRate)
        rumbleLeft = BlockBandPass(highPass: 35, highQ: 0.7, lowPass: 300, lowQ: 0.7, sampleRate: sampleRate)
        rumbleRight = rumbleLeft
        cracklesLeft = ResonantEvents(Self.crackles, sampleRate: sampleRate, seed: SplitMix64.derive(seed, 3))
        cracklesRight = ResonantEvents(Self.crackles, sampleRate: sampleRate, seed: SplitMix64.derive(seed, 4))
        popsLeft = ResonantEvents(Self.pops, sampleRate: sampleRate, seed: SplitMix64.derive(seed, 5))
        popsRight = ResonantEvents(Self.pops, sampleRate: sampleRate, seed: SplitMix64.derive(seed, 6))
        flickerLeft = SmoothRandomCurve(range: 0.6...1.0, durations: 0.3...1.5, seed: SplitMix64.derive(seed, 7))
        flickerRight = SmoothRandomCurve(range: 0.6...1.0, durations: 0.3...1.5, seed: SplitMix64.derive(seed, 8))
    }

    /// Advances the flicker by `dt` seconds; the rumble's amplitudes (left, right) there.
    mutating func controls(dt: Double) -> SIMD2<Float> {
        SIMD2(Float(flickerLeft.advance(by: dt)), Float(flickerRight.advance(by: dt))) * Self.rumble
    }

    /// Crackles started so far in the left channel (for tests of their rate).
    var cracklesStarted: Int { cracklesLeft.started }

    /// Writes `count` frames (a multiple of 4) of both channels, the rumble's amplitude ramping
    /// from `from` to `to`.
    mutating func render(
        left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int,
        from: SIMD2<Float>, to: SIMD2<Float>
    ) {
        let l = UnsafeMutableRawPointer(left), r = UnsafeMutableRawPointer(right)
        var rng = rng, brown = brown
        var bl = rumbleLeft.start(count: count, from: from.x, to: to.x)
        var br = rumbleRight.start(count: count, from: from.y, to: to.y)
        for n in stride(from: 0, to: 4 * count, by: 16) {
            let w0 = AmbienceChannel.white(&rng), w1 = AmbienceChannel.white(&rng)
            let f0 = brown.next(white: w0.lowHalf), f1 = brown.next(white: w0.highHalf)
            let f2 = brown.next(white: w1.lowHalf), f3 = brown.next(white: w1.highHalf)
            l.storeBytes(of: bl.next(SIMD4(f0.x, f1.x, f2.x, f3.x)), toByteOffset: n, as: SIMD4<Float>.self)
            r.storeBytes(of: br.next(SIMD4(f0.y, f1.y, f2.y, f3.y)), toByteOffset: n, as: SIMD4<Float>.self)
        }
        self.rng = rng
        self.brown = brown
        rumbleLeft.end(bl)
        rumbleRight.end(br)
        cracklesLeft.render(adding: left, count: count, intensity: 1)
        cracklesRight.render(adding: right, count: count, intensity: 1)
        popsLeft.render(adding: left, count: count, intensity: 1)
        popsRight.render(adding: right, count: count, intensity: 1)
    }
}
