/// Pink (1/f, −3 dB/octave) noise, independent of the sample rate.
///
/// A sum of one-pole low-passed white noises with corners an octave apart (10 Hz … 5.1 kHz),
/// each normalised to the same output variance: equal-variance Lorentzians spaced
/// geometrically sum to a 1/f spectrum. A white term continues the slope above the last corner.
struct PinkNoise: Sendable {
    private var sections: [OnePole]
    private var gains: [Float]
    private let whiteGain: Float
    private var rng: SplitMix64
    /// Output variance (≈ 1; a little more at high rates, which carry more of the top octave).
    let variance: Double

    static let corners: [Double] = (0..<10).map { 10 * Double(1 << $0) }

    init(sampleRate: Double, seed: UInt64) {
        rng = SplitMix64(seed: seed)
        let perSection = 1.0 / Double(Self.corners.count)
        sections = Self.corners.map { OnePole(cutoff: $0, sampleRate: sampleRate) }
        // Uniform white noise has variance 1/3.
        gains = sections.map { Float((perSection / ($0.whiteNoiseVarianceGain / 3)).squareRoot()) }
        // Continuous 1/f density of a section is V·2/(π·fk); match it with white noise at
        // fTop = 2 × the last corner: variance V·fs/(π·fTop).
        let fTop = 2 * Self.corners[Self.corners.count - 1]
        let whiteVariance = perSection * sampleRate / (Double.pi * fTop)
        whiteGain = Float((whiteVariance * 3).squareRoot())
        variance = 1 + whiteVariance
    }

    /// The next sample.
    @inline(__always)
    mutating func next() -> Float {
        var sum: Float = 0
        var k = 0
        let count = sections.count
        while k < count {
            let bits = rng.next()
            let a = Float(Int32(truncatingIfNeeded: bits)) * 0x1.0p-31
            let b = Float(Int32(truncatingIfNeeded: bits >> 32)) * 0x1.0p-31
            sum += sections[k].process(a * gains[k])
            if k + 1 < count { sum += sections[k + 1].process(b * gains[k + 1]) } else { sum += whiteGain * b }
            k += 2
        }
        if count % 2 == 0 { sum += whiteGain * rng.nextBipolar() }
        return sum
    }
}
