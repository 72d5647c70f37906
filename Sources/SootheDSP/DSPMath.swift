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

    /// Sine and cosine of `x` turns (2π·x radians) without libm, for control-rate updates:
    /// the quadrant is split off and the remainder (at most 1/8 turn) goes through Taylor
    /// polynomials to the 9th/10th power, error under 1e-9.
    @inline(__always)
    static func sinCos(turns x: Double) -> (sin: Double, cos: Double) {
        // Int conversion truncates inline; `rounded()` would call libm without SSE4.1.
        let y = 4 * x
        let quadrant = Int(y < 0 ? y - 0.5 : y + 0.5)
        let t = 2 * Double.pi * (x - 0.25 * Double(quadrant))
        // Estrin's scheme: pairs of terms in parallel, a short dependency chain.
        let t2 = t * t, t4 = t2 * t2, t8 = t4 * t4
        let s = t * ((1 - t2 * (1.0 / 6)) + t4 * ((1.0 / 120) - t2 * (1.0 / 5_040)) + t8 * (1.0 / 362_880))
        let c = (1 - t2 * 0.5) + t4 * ((1.0 / 24) - t2 * (1.0 / 720)) + t8 * ((1.0 / 40_320) - t2 * (1.0 / 3_628_800))
        // Branch-free quadrant: odd ones swap sine and cosine; signs from the quadrant's bits.
        let odd = quadrant & 1 != 0
        let sinSign: Double = quadrant & 2 != 0 ? -1 : 1
        let cosSign: Double = (quadrant + 1) & 2 != 0 ? -1 : 1
        return (sinSign * (odd ? c : s), cosSign * (odd ? s : c))
    }

    static func sine(_ x: Double) -> Double { sin(x) }
    static func cosine(_ x: Double) -> Double { cos(x) }
    static func exponential(_ x: Double) -> Double { exp(x) }
    static func logarithm(_ x: Double) -> Double { log(x) }
    static func decibels(_ x: Double) -> Double { 20 * log10(x) }
    static func squareRoot(_ x: Double) -> Double { x.squareRoot() }
    static func power(_ x: Double, _ y: Double) -> Double { pow(x, y) }
}
