/// Sparse seeded droplets for the rain bed: each a short, decaying sine "plink" (a complex
/// one-pole resonator starting at phase zero, so it needs no attack ramp), arriving as a
/// Poisson process whose rate follows the rain's intensity.
///
/// Rendered a control interval at a time, drop by drop: each drop holds four consecutive frames
/// in the lanes of SIMD vectors and steps four frames at once.
struct RainDrops: Sendable {
    typealias V = SIMD4<Float>
    private var rng: SplitMix64
    private let sampleRate: Double
    private var re: [V]
    private var im: [V]
    private var stepRe: [Float]
    private var stepIm: [Float]
    private var active = 0
    private var framesToNext: Int
    /// Mean drops per second at intensity 1.
    static let rate = 28.0
    static let capacity = 32

    init(sampleRate: Double, seed: UInt64) {
        rng = SplitMix64(seed: seed)
        self.sampleRate = sampleRate
        re = Array(repeating: V(), count: Self.capacity)
        im = re
        stepRe = Array(repeating: 0, count: Self.capacity)
        stepIm = stepRe
        framesToNext = 0
        framesToNext = interval(intensity: 1)
    }

    private mutating func interval(intensity: Double) -> Int {
        let u = max(rng.nextUnit(), 1e-12)
        return max(1, Int(-DSPMath.logarithm(u) / (Self.rate * max(intensity, 0.05)) * sampleRate))
    }

    /// Starts a drop `offset` frames into the interval (in the lanes of the group holding it);
    /// returns its slot.
    private mutating func spawn(at offset: Int) -> Int {
        var slot = active
        if active == Self.capacity {  // steal the quietest drop
            slot = 0
            var quietest = Float.greatestFiniteMagnitude
            for k in 0..<active {
                let m = (re[k] * re[k] + im[k] * im[k]).max()
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
        let cr = decay * DSPMath.cosine(w), ci = decay * DSPMath.sine(w)
        // Lanes before the onset stay silent; from it on, amplitude × (decay·e^iw)^k.
        var r = V(), i = V()
        var zr = amplitude, zi = 0.0
        for lane in (offset % 4)..<4 {
            r[lane] = Float(zr)
            i[lane] = Float(zi)
            (zr, zi) = (zr * cr - zi * ci, zr * ci + zi * cr)
        }
        re[slot] = r
        im[slot] = i
        // Four frames' rotation.
        let r2 = cr * cr - ci * ci, i2 = 2 * cr * ci
        stepRe[slot] = Float(r2 * r2 - i2 * i2)
        stepIm[slot] = Float(2 * r2 * i2)
        return slot
    }

    /// Adds `count` frames (a multiple of 4) of droplets into `out`.
    mutating func render(adding out: UnsafeMutablePointer<Float>, count: Int, intensity: Double) {
        for k in 0..<active { renderDrop(k, into: out, from: 0, to: count) }
        // Arrivals: the first `framesToNext − 1` frames in, then one interval after another.
        var next = framesToNext - 1
        while next < count {
            let slot = spawn(at: next)
            renderDrop(slot, into: out, from: next / 4, to: count)
            next += interval(intensity: intensity)
        }
        framesToNext = next - count + 1
        // Finished drops (magnitude below 1e-6) leave: swap-remove.
        var k = 0
        while k < active {
            if (re[k] * re[k] + im[k] * im[k]).max() < 1e-12 {
                active -= 1
                re[k] = re[active]; im[k] = im[active]; stepRe[k] = stepRe[active]; stepIm[k] = stepIm[active]
            } else {
                k += 1
            }
        }
    }

    /// One drop from group `first` (of four frames) to frame `count`.
    @inline(__always)
    private mutating func renderDrop(_ k: Int, into out: UnsafeMutablePointer<Float>, from first: Int, to count: Int) {
        var r = re[k], i = im[k]
        let sr = stepRe[k], si = stepIm[k]
        let raw = UnsafeMutableRawPointer(out)
        for g in first..<(count / 4) {
            let at = 16 * g
            raw.storeBytes(of: raw.loadUnaligned(fromByteOffset: at, as: V.self) + i, toByteOffset: at, as: V.self)
            (r, i) = (r * sr - i * si, r * si + i * sr)
        }
        re[k] = r
        im[k] = i
    }
}
