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
    private var dropsLeft: ResonantEvents
    private var dropsRight: ResonantEvents
    // The nature beds keep their own state; only the bed's own kind has one.
    private var stream: StreamSound?
    private var wind: WindSound?
    private var fire: FireSound?
    private var music: MusicSynth?
    private var tones: ToneBedSynth?
    /// Linear normalisation that brings this kind to unit RMS (measured over minutes).
    let normalisation: Float

    /// `music` and `tones` are used only by the beds of those kinds; `frameCount` is the bed's
    /// length (the tone beds change over it).
    init(
        kind: AmbienceSound, sampleRate: Double, seed: UInt64, music: MusicSettings = MusicSettings(),
        tones: ToneBedSettings = ToneBedSettings(), frameCount: Int = 0
    ) {
        self.kind = kind
        self.sampleRate = sampleRate
        rng = SplitMix64(seed: SplitMix64.derive(seed, 1))
        brown = BrownNoise(sampleRate: sampleRate)
        pink = PinkNoise(sampleRate: sampleRate)
        surf = OceanSurf(sampleRate: sampleRate)
        dropsLeft = ResonantEvents(.rain, sampleRate: sampleRate, seed: SplitMix64.derive(seed, 3))
        dropsRight = ResonantEvents(.rain, sampleRate: sampleRate, seed: SplitMix64.derive(seed, 4))
        switch kind {
        case .stream: stream = StreamSound(sampleRate: sampleRate, seed: SplitMix64.derive(seed, 5))
        case .wind: wind = WindSound(sampleRate: sampleRate, seed: SplitMix64.derive(seed, 6))
        case .fire: fire = FireSound(sampleRate: sampleRate, seed: SplitMix64.derive(seed, 7))
        case .brownNoise, .pinkNoise, .rain, .ocean, .music, .binaural, .isochronic: break
        }
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
        case .stream: normalisation = Self.streamNormalisation
        case .wind: normalisation = Self.windNormalisation
        case .fire: normalisation = Self.fireNormalisation
        case .music: normalisation = MusicSynth.normalisation
        case .binaural, .isochronic: normalisation = 1
        }
        switch kind {
        case .music: self.music = MusicSynth(settings: music, sampleRate: sampleRate, seed: SplitMix64.derive(seed, 5))
        case .binaural, .isochronic:
            self.tones = ToneBedSynth(binaural: kind == .binaural, settings: tones, sampleRate: sampleRate, frameCount: frameCount)
        default: break
        }
    }

    /// For the nature beds, which keep their own modulation: advances it by `dt` seconds and
    /// returns the amplitudes (left, right) there; nil for the other kinds.
    mutating func natureControls(dt: Double) -> SIMD2<Float>? {
        if stream != nil { return stream!.controls(dt: dt) }
        if wind != nil { return wind!.controls(dt: dt) }
        if fire != nil { return fire!.controls(dt: dt) }
        return nil
    }

    static let rainNormalisation: Float = 3.67
    static let oceanNormalisation: Float = 5.19
    static let oceanQ = 0.6
    static let streamNormalisation: Float = 5.23
    static let windNormalisation: Float = 4.97
    static let fireNormalisation: Float = 4.40

    /// Sets the ocean's low-pass corner (called at control rate).
    mutating func setOceanCutoff(_ hertz: Double) {
        bandLeft.setLowPass(hertz, q: Self.oceanQ, sampleRate: sampleRate)
        bandRight.setLowPass(like: bandLeft)
    }

    /// Four frames of pink noise in both channels (decorrelated): (left, right), each four
    /// frames in time order.
    @inline(__always)
    static func pinkFrames(_ pink: inout PinkNoise, _ rng: inout SplitMix64) -> (SIMD4<Float>, SIMD4<Float>) {
        let w0 = white(&rng), w1 = white(&rng)
        let f0 = pink.next(white: SIMD4(w0.x, w0.y, w0.x, w0.y)), f1 = pink.next(white: SIMD4(w0.z, w0.w, w0.z, w0.w))
        let f2 = pink.next(white: SIMD4(w1.x, w1.y, w1.x, w1.y)), f3 = pink.next(white: SIMD4(w1.z, w1.w, w1.z, w1.w))
        return (SIMD4(f0.x, f1.x, f2.x, f3.x), SIMD4(f0.y, f1.y, f2.y, f3.y))
    }

    /// Four frames of the ocean's surf in both channels: (left, right), each four frames in
    /// time order.
    @inline(__always)
    private static func surfFrames(_ surf: inout OceanSurf, _ rng: inout SplitMix64) -> (SIMD4<Float>, SIMD4<Float>) {
        let f0 = surf.next(white: white(&rng)), f1 = surf.next(white: white(&rng))
        let f2 = surf.next(white: white(&rng)), f3 = surf.next(white: white(&rng))
        return (SIMD4(f0.x, f1.x, f2.x, f3.x), SIMD4(f0.y, f1.y, f2.y, f3.y))
    }

    /// Four uniform white values in [−1, 1) from one 64-bit draw (16 bits each: plenty for noise).
    @inline(__always)
    static func white(_ rng: inout SplitMix64) -> SIMD4<Float> {
        let lanes = unsafeBitCast(rng.next(), to: SIMD4<Int16>.self)
        return SIMD4<Float>(SIMD4<Int32>(truncatingIfNeeded: lanes)) * 0x1.0p-15
    }

    /// Writes (not adds) `count` raw frames (a multiple of 4) of both channels; the amplitude (the swell
    /// for the ocean, the intensity for rain, 1 for plain noise) ramps linearly from `from` to
    /// `to` over them.
    ///
    /// Each kind is one loop over four frames at a time, noise and filters together, its state
    /// in registers: the noise's feedback (one multiply and add a frame) and the filters'
    /// (per four frames) then overlap instead of waiting for each other.
    mutating func render(
        left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int,
        from: SIMD2<Float>, to: SIMD2<Float>, intensity: Double
    ) {
        let l = UnsafeMutableRawPointer(left), r = UnsafeMutableRawPointer(right)
        var rng = rng
        defer { self.rng = rng }
        switch kind {
        case .brownNoise:
            for n in stride(from: 0, to: count, by: 2) {
                let w = Self.white(&rng)
                let x = brown.next(white: w.lowHalf), y = brown.next(white: w.highHalf)
                left[n] = x.x; right[n] = x.y
                left[n + 1] = y.x; right[n + 1] = y.y
            }
        case .pinkNoise:
            var pink = pink
            for n in stride(from: 0, to: 4 * count, by: 16) {
                let (x, y) = Self.pinkFrames(&pink, &rng)
                l.storeBytes(of: x, toByteOffset: n, as: SIMD4<Float>.self)
                r.storeBytes(of: y, toByteOffset: n, as: SIMD4<Float>.self)
            }
            self.pink = pink
        case .rain:
            // Rain is pink noise band-passed, with drops on top.
            var pink = pink
            var bl = bandLeft.start(count: count, from: 0.5 * from.x, to: 0.5 * to.x)
            var br = bandRight.start(count: count, from: 0.5 * from.y, to: 0.5 * to.y)
            for n in stride(from: 0, to: 4 * count, by: 16) {
                let (x, y) = Self.pinkFrames(&pink, &rng)
                l.storeBytes(of: bl.next(x), toByteOffset: n, as: SIMD4<Float>.self)
                r.storeBytes(of: br.next(y), toByteOffset: n, as: SIMD4<Float>.self)
            }
            self.pink = pink
            bandLeft.end(bl)
            bandRight.end(br)
            dropsLeft.render(adding: left, count: count, intensity: intensity)
            dropsRight.render(adding: right, count: count, intensity: intensity)
        case .ocean:
            var surf = surf
            var bl = bandLeft.start(count: count, from: from.x, to: to.x)
            var br = bandRight.start(count: count, from: from.y, to: to.y)
            for n in stride(from: 0, to: 4 * count, by: 16) {
                let (x, y) = Self.surfFrames(&surf, &rng)
                l.storeBytes(of: bl.next(x), toByteOffset: n, as: SIMD4<Float>.self)
                r.storeBytes(of: br.next(y), toByteOffset: n, as: SIMD4<Float>.self)
            }
            self.surf = surf
            bandLeft.end(bl)
            bandRight.end(br)
        case .music:
            music!.render(left: left, right: right, count: count)
        case .binaural, .isochronic:
            tones!.render(left: left, right: right, count: count)
        case .stream: stream!.render(left: left, right: right, count: count, from: from, to: to)
        case .wind: wind!.render(left: left, right: right, count: count, from: from, to: to)
        case .fire: fire!.render(left: left, right: right, count: count, from: from, to: to)
        }
    }
}
