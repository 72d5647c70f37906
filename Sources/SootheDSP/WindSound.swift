/// The `wind` bed, both channels: wind in trees. Gusts rise and fall every 4–10 seconds
/// (their strength drifting over a minute or two); each gust is a roar of pink noise through a
/// resonant band whose corner opens from 300 Hz to 1 kHz as it blows, with leaves rustling on
/// top: the same pink noise's 2.5–8 kHz (apart from the roar's band, so unrelated to it) that swells with the gusts and flutters (a new
/// random level every 20–100 ms, each channel on its own).
struct WindSound: Sendable {
    private let sampleRate: Double
    private var rng: SplitMix64
    private var pink: PinkNoise
    private var roarLeft: BlockBandPass
    private var roarRight: BlockBandPass
    private var leavesLeft: BlockBandPass
    private var leavesRight: BlockBandPass
    private var gust: SmoothRandomCurve
    private var strength: SmoothRandomCurve
    private var pan: SmoothRandomCurve
    private var flutterLeft: SmoothRandomCurve
    private var flutterRight: SmoothRandomCurve
    /// The leaves' amplitudes at the end of the last control interval, and at the end of the next.
    private var leavesFrom = SIMD2<Float>()
    private var leavesTo = SIMD2<Float>()
    /// Control steps since the roar's corner last moved: it moves every `cornerSteps`.
    private var sinceCorner = 0
    /// The corner glides over seconds, so a new design every 4 control steps (5 ms at 48 kHz)
    /// is as smooth to the ear as one every step, at a quarter of the cost.
    static let cornerSteps = 4

    static let roarQ = 1.4
    /// The leaves' level at full gust, against the roar's 1.
    static let leaves: Float = 1.5

    init(sampleRate: Double, seed: UInt64) {
        self.sampleRate = sampleRate
        rng = SplitMix64(seed: SplitMix64.derive(seed, 1))
        pink = PinkNoise(sampleRate: sampleRate)
        roarLeft = BlockBandPass(highPass: 90, highQ: 0.7, lowPass: 300, lowQ: Self.roarQ, sampleRate: sampleRate)
        roarRight = roarLeft
        leavesLeft = BlockBandPass(
            highPass: 2_500, highQ: 0.7, lowPass: min(8_000, 0.45 * sampleRate), lowQ: 0.7, sampleRate: sampleRate)
        leavesRight = leavesLeft
        gust = SmoothRandomCurve(range: 0.0...1.0, durations: 4...10, alternate: true, seed: SplitMix64.derive(seed, 20))
        strength = SmoothRandomCurve(range: 0.6...1.0, durations: 40...120, seed: SplitMix64.derive(seed, 21))
        pan = SmoothRandomCurve(range: -1.0...1.0, durations: 8...25, seed: SplitMix64.derive(seed, 22))
        flutterLeft = SmoothRandomCurve(range: 0.25...1.0, durations: 0.02...0.1, seed: SplitMix64.derive(seed, 23))
        flutterRight = SmoothRandomCurve(range: 0.25...1.0, durations: 0.02...0.1, seed: SplitMix64.derive(seed, 24))
    }

    /// Advances the gusts by `dt` seconds: moves the roar's corner, sets the leaves' next
    /// amplitudes and returns the roar's (left, right).
    mutating func controls(dt: Double) -> SIMD2<Float> {
        let g = gust.advance(by: dt) * strength.advance(by: dt), p = pan.advance(by: dt)
        sinceCorner += 1
        if sinceCorner >= Self.cornerSteps {
            sinceCorner = 0
            roarLeft.setLowPass(300 + 700 * g, q: Self.roarQ, sampleRate: sampleRate)
            roarRight.setLowPass(like: roarLeft)
        }
        let rustle = Float(g * g) * Self.leaves
        leavesFrom = leavesTo
        leavesTo = SIMD2(
            rustle * Float(flutterLeft.advance(by: dt) * (1 + 0.3 * p)),
            rustle * Float(flutterRight.advance(by: dt) * (1 - 0.3 * p)))
        let roar = 0.2 + 0.8 * g * g
        return SIMD2(Float(roar * (1 + 0.15 * p)), Float(roar * (1 - 0.15 * p)))
    }

    /// Writes `count` frames (a multiple of 4) of both channels, the roar's amplitude ramping
    /// from `from` to `to` (the leaves' from the last two calls of `controls`).
    mutating func render(
        left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int,
        from: SIMD2<Float>, to: SIMD2<Float>
    ) {
        let l = UnsafeMutableRawPointer(left), r = UnsafeMutableRawPointer(right)
        var rng = rng, pink = pink
        var rl = roarLeft.start(count: count, from: from.x, to: to.x)
        var rr = roarRight.start(count: count, from: from.y, to: to.y)
        var ll = leavesLeft.start(count: count, from: leavesFrom.x, to: leavesTo.x)
        var lr = leavesRight.start(count: count, from: leavesFrom.y, to: leavesTo.y)
        for n in stride(from: 0, to: 4 * count, by: 16) {
            let (x, y) = AmbienceChannel.pinkFrames(&pink, &rng)
            l.storeBytes(of: rl.next(x) + ll.next(x), toByteOffset: n, as: SIMD4<Float>.self)
            r.storeBytes(of: rr.next(y) + lr.next(y), toByteOffset: n, as: SIMD4<Float>.self)
        }
        self.rng = rng
        self.pink = pink
        roarLeft.end(rl)
        roarRight.end(rr)
        leavesLeft.end(ll)
        leavesRight.end(lr)
    }
}
