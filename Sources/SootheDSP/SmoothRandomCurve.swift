/// A slow, never-repeating control curve: it glides (smoothstep) from one random target to the
/// next over random durations. Seeded, so deterministic; not periodic, so beds have no loops.
struct SmoothRandomCurve: Sendable {
    private var rng: SplitMix64
    private let range: ClosedRange<Double>
    private let durations: ClosedRange<Double>
    private var from: Double
    private var to: Double
    private var length: Double
    private var elapsed = 0.0
    /// With `alternate`, targets alternate between the upper and lower half of the range
    /// (rise, fall, rise…): the swells of the sea.
    private let alternate: Bool
    private var rising = true

    init(range: ClosedRange<Double>, durations: ClosedRange<Double>, alternate: Bool = false, seed: UInt64) {
        rng = SplitMix64(seed: seed)
        self.range = range
        self.durations = durations
        self.alternate = alternate
        from = range.lowerBound + (range.upperBound - range.lowerBound) * (alternate ? 0.1 : 0.5)
        to = from
        length = 1
        elapsed = 1
    }

    /// Advances by `dt` seconds and returns the value there.
    mutating func advance(by dt: Double) -> Double {
        elapsed += dt
        while elapsed >= length {
            elapsed -= length
            from = to
            let span = range.upperBound - range.lowerBound
            if alternate {
                let u = rng.nextUnit()
                to = rising ? range.lowerBound + span * (0.55 + 0.45 * u) : range.lowerBound + span * 0.35 * u
                // Waves rise faster than they fall back.
                length = rng.next(in: durations) * (rising ? 0.4 : 0.6)
                rising.toggle()
            } else {
                to = rng.next(in: range)
                length = rng.next(in: durations)
            }
        }
        return from + (to - from) * DSPMath.smoothstep(elapsed / length)
    }
}
