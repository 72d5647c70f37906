/// A small, fast, deterministic pseudo-random generator (SplitMix64, Steele et al. 2014).
///
/// Every generator in SootheDSP draws from one of these, seeded from the caller's seed, so the
/// same seed always gives the same samples on every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator whose whole sequence is fixed by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1).
    @inline(__always)
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform value in [-1, 1): white noise with variance 1/3.
    @inline(__always)
    public mutating func nextBipolar() -> Float {
        Float(Int32(truncatingIfNeeded: next() >> 32)) * 0x1.0p-31
    }

    /// A uniform value in `range`.
    @inline(__always)
    public mutating func next(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * nextUnit()
    }

    /// Derives an independent seed for a sub-generator (a channel, a strike, a layer).
    public static func derive(_ seed: UInt64, _ stream: UInt64) -> UInt64 {
        var g = SplitMix64(seed: seed ^ (stream &* 0xD6E8_FEB8_6659_FD93))
        _ = g.next()
        return g.next()
    }
}
