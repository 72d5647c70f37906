#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif

/// Small numeric helpers shared by the generators (internal).
enum DSPMath {
    /// Amplitude factor for a level in decibels.
    @inline(__always)
    static func gain(dB: Double) -> Double { pow(10, dB / 20) }

    /// Smooth 0→1 step with zero slope at both ends (C1 joins between curve pieces).
    @inline(__always)
    static func smoothstep(_ x: Double) -> Double {
        let t = min(max(x, 0), 1)
        return t * t * (3 - 2 * t)
    }

    /// One-pole smoothing coefficient for a time constant in seconds.
    @inline(__always)
    static func onePoleCoefficient(timeConstant: Double, sampleRate: Double) -> Double {
        timeConstant <= 0 ? 0 : exp(-1 / (timeConstant * sampleRate))
    }

    /// Per-sample multiplier that decays by 60 dB in `t60` seconds.
    @inline(__always)
    static func decayFactor(t60: Double, sampleRate: Double) -> Double {
        pow(10, -3 / (t60 * sampleRate))
    }

    static func sine(_ x: Double) -> Double { sin(x) }
    static func cosine(_ x: Double) -> Double { cos(x) }
    static func exponential(_ x: Double) -> Double { exp(x) }
    static func logarithm(_ x: Double) -> Double { log(x) }
    static func decibels(_ x: Double) -> Double { 20 * log10(x) }
    static func squareRoot(_ x: Double) -> Double { x.squareRoot() }
    static func power(_ x: Double, _ y: Double) -> Double { pow(x, y) }
}
