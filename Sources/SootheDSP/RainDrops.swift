/// Sparse seeded droplets for the rain bed: each a short, decaying sine "plink" (a complex
/// one-pole resonator starting at phase zero, so it needs no attack ramp), arriving as a
/// Poisson process whose rate follows the rain's intensity.
struct RainDrops: Sendable {
    private var rng: SplitMix64
    private let sampleRate: Double
    private var re: [Float]
    private var im: [Float]
    private var cr: [Float]
    private var ci: [Float]
    private var active = 0
    private var framesToNext: Int
    /// Mean drops per second at intensity 1.
    static let rate = 28.0
    static let capacity = 32

    init(sampleRate: Double, seed: UInt64) {
        rng = SplitMix64(seed: seed)
        self.sampleRate = sampleRate
        re = Array(repeating: 0, count: Self.capacity)
        im = re
        cr = re
        ci = re
        framesToNext = 0
        framesToNext = interval(intensity: 1)
    }

    private mutating func interval(intensity: Double) -> Int {
        let u = max(rng.nextUnit(), 1e-12)
        return max(1, Int(-DSPMath.logarithm(u) / (Self.rate * max(intensity, 0.05)) * sampleRate))
    }

    private mutating func spawn() {
        var slot = active
        if active == Self.capacity {  // steal the quietest drop
            slot = 0
            var quietest = Float.greatestFiniteMagnitude
            for k in 0..<active {
                let m = abs(re[k]) + abs(im[k])
                if m < quietest { quietest = m; slot = k }
            }
        } else {
            active += 1
        }
        let frequency = min(1_100 * DSPMath.power(4, rng.nextUnit()), 0.4 * sampleRate)
        let tau = 0.002 + 0.008 * rng.nextUnit()
        let u = rng.nextUnit()
        let amplitude = 0.04 + 0.3 * u * u * u  // many small drops, a few close ones
        let decay = DSPMath.exponential(-1 / (tau * sampleRate))
        let w = 2 * Double.pi * frequency / sampleRate
        re[slot] = Float(amplitude)
        im[slot] = 0
        cr[slot] = Float(decay * DSPMath.cosine(w))
        ci[slot] = Float(decay * DSPMath.sine(w))
    }

    /// Adds `count` frames of droplets into `out`.
    mutating func render(adding out: UnsafeMutablePointer<Float>, count: Int, intensity: Double) {
        for n in 0..<count {
            framesToNext -= 1
            if framesToNext <= 0 {
                spawn()
                framesToNext = interval(intensity: intensity)
            }
            var sum: Float = 0
            var k = 0
            while k < active {
                let r = re[k], i = im[k]
                re[k] = r * cr[k] - i * ci[k]
                im[k] = r * ci[k] + i * cr[k]
                sum += i
                if abs(r) + abs(i) < 1e-6 {  // finished: swap-remove
                    active -= 1
                    re[k] = re[active]; im[k] = im[active]; cr[k] = cr[active]; ci[k] = ci[active]
                } else {
                    k += 1
                }
            }
            out[n] += sum
        }
    }
}
