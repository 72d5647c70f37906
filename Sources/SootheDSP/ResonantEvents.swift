/// Sparse seeded resonant events for the beds: each a short, decaying sine (a complex one-pole
/// resonator starting at phase zero, so it needs no attack ramp; every frame from its onset on
/// sounds), arriving as a Poisson process
/// whose rate follows the bed's intensity. The rain's drops, the stream's bubbles, the fire's
/// crackles and pops differ only in their `Shape`.
///
/// Rendered a control interval at a time, event by event: each event holds four consecutive
/// frames in the lanes of SIMD vectors and steps four frames at once.
struct ResonantEvents: Sendable {
    typealias V = SIMD4<Float>

    /// How events are drawn: frequency `lowest × ratio^u`, decay time constant
    /// `tau + tauSpan × u`, amplitude `amplitude + amplitudeSpan × u^power` (u uniform in [0, 1),
    /// one draw each, in that order).
    struct Shape: Sendable {
        /// Mean events per second at intensity 1.
        var rate: Double
        var lowest: Double
        var ratio: Double
        var tau: Double
        var tauSpan: Double
        var amplitude: Double
        var amplitudeSpan: Double
        var power: Int
        /// Squared magnitude under which an event has ended.
        var silence: Float = 1e-12
        /// Events sounding at once at most (the quietest is replaced).
        var capacity = 32

        /// Raindrops: many small plinks, a few close ones.
        static let rain = Shape(
            rate: 28, lowest: 1_100, ratio: 4, tau: 0.002, tauSpan: 0.008, amplitude: 0.04, amplitudeSpan: 0.3, power: 3)
    }

    private let shape: Shape
    private var rng: SplitMix64
    private let sampleRate: Double
    private var re: [V]
    private var im: [V]
    private var stepRe: [Float]
    private var stepIm: [Float]
    private var active = 0
    private var framesToNext: Int
    /// Events started so far (for tests of their statistics).
    private(set) var started = 0

    init(_ shape: Shape, sampleRate: Double, seed: UInt64) {
        self.shape = shape
        rng = SplitMix64(seed: seed)
        self.sampleRate = sampleRate
        re = Array(repeating: V(), count: shape.capacity)
        im = re
        stepRe = Array(repeating: 0, count: shape.capacity)
        stepIm = stepRe
        framesToNext = 0
        framesToNext = interval(intensity: 1)
    }

    private mutating func interval(intensity: Double) -> Int {
        let u = max(rng.nextUnit(), 1e-12)
        return max(1, Int(-DSPMath.logarithm(u) / (shape.rate * max(intensity, 0.05)) * sampleRate))
    }

    /// Starts an event `offset` frames into the interval, adding its first group (of four
    /// frames) into `out`; returns its slot, which holds the next group.
    private mutating func spawn(at offset: Int, into out: UnsafeMutablePointer<Float>) -> Int {
        started += 1
        var slot = active
        if active == shape.capacity {  // steal the quietest event
            slot = 0
            var quietest = Float.greatestFiniteMagnitude
            for k in 0..<active {
                let m = (re[k] * re[k] + im[k] * im[k]).max()
                if m < quietest { quietest = m; slot = k }
            }
        } else {
            active += 1
        }
        let frequency = min(shape.lowest * DSPMath.power(shape.ratio, rng.nextUnit()), 0.4 * sampleRate)
        let tau = shape.tau + shape.tauSpan * rng.nextUnit()
        let u = rng.nextUnit()
        var skewed = shape.amplitudeSpan
        for _ in 0..<shape.power { skewed *= u }
        let amplitude = shape.amplitude + skewed
        let decay = DSPMath.exponential(-1 / (tau * sampleRate))
        let w = 2 * Double.pi * frequency / sampleRate
        let cr = decay * DSPMath.cosine(w), ci = decay * DSPMath.sine(w)
        // The onset's group: silent before it, amplitude × (decay·e^iw)^k from it on (the sine
        // part, which starts at 0). Then the next group's four values, where stepping goes on.
        var head = V()
        var zr = amplitude, zi = 0.0
        for lane in (offset % 4)..<4 {
            head[lane] = Float(zi)
            (zr, zi) = (zr * cr - zi * ci, zr * ci + zi * cr)
        }
        let raw = UnsafeMutableRawPointer(out), at = 16 * (offset / 4)
        raw.storeBytes(of: raw.loadUnaligned(fromByteOffset: at, as: V.self) + head, toByteOffset: at, as: V.self)
        var r = V(), i = V()
        for lane in 0..<4 {
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

    /// Adds `count` frames (a multiple of 4) of events into `out`.
    mutating func render(adding out: UnsafeMutablePointer<Float>, count: Int, intensity: Double) {
        for k in 0..<active { renderEvent(k, into: out, from: 0, to: count) }
        // Arrivals: the first `framesToNext − 1` frames in, then one interval after another.
        var next = framesToNext - 1
        while next < count {
            let slot = spawn(at: next, into: out)
            renderEvent(slot, into: out, from: next / 4 + 1, to: count)
            next += interval(intensity: intensity)
        }
        framesToNext = next - count + 1
        // Finished events leave: swap-remove.
        var k = 0
        while k < active {
            if (re[k] * re[k] + im[k] * im[k]).max() < shape.silence {
                active -= 1
                re[k] = re[active]; im[k] = im[active]; stepRe[k] = stepRe[active]; stepIm[k] = stepIm[active]
            } else {
                k += 1
            }
        }
    }

    /// One event from group `first` (of four frames) to frame `count`.
    @inline(__always)
    private mutating func renderEvent(_ k: Int, into out: UnsafeMutablePointer<Float>, from first: Int, to count: Int) {
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
