/// A stereo bed (decorrelated channels) of the given length with fades in and out.
///
/// Seeded noise synthesised as it streams, so any length has no loop and no seam. `rain` is
/// band-limited pink hiss whose intensity wanders, with sparse droplets; `ocean` is brown and
/// pink noise through a low-pass that opens and closes with non-periodic swells (7–13 s waves
/// whose heights drift over minutes). RMS about −30 dBFS at `levelDB` 0.
public struct AmbienceBed: Sendable {
    /// The bed's sound.
    public let kind: AmbienceKind
    /// Frames of the bed, fades included; silence after.
    public let frameCount: Int
    /// Frames already rendered.
    public private(set) var position = 0

    private let fadeInFrames: Int
    private let fadeOutFrames: Int
    private let level: Float
    private let sampleRate: Double
    private var left: AmbienceChannel
    private var right: AmbienceChannel
    // Control-rate modulation, stepped on absolute frame numbers so block sizes never matter.
    private var swell: SmoothRandomCurve
    private var tide: SmoothRandomCurve
    private var pan: SmoothRandomCurve
    private var ampLeft: Float = 0
    private var ampRight: Float = 0
    private var stepLeft: Float = 0
    private var stepRight: Float = 0
    private var intensity = 1.0

    /// RMS of a bed at `levelDB` 0: −30 dBFS.
    public static let nominalRMS = 0.031_622_776_601_683_794
    /// Frames between updates of the slow modulation.
    static let controlInterval = 32

    /// A bed of `duration` seconds with `fadeIn` / `fadeOut` seconds of fades (shortened
    /// proportionally if they do not fit), deterministic for a `seed`.
    public init(
        kind: AmbienceKind, duration: Double, sampleRate: Double, seed: UInt64, levelDB: Double = 0,
        fadeIn: Double = 4, fadeOut: Double = 6
    ) {
        self.kind = kind
        self.sampleRate = sampleRate
        frameCount = max(0, Int(duration * sampleRate + 0.5))
        var fi = max(fadeIn, 0), fo = max(fadeOut, 0)
        let duration = max(duration, 0)
        if fi + fo > duration, fi + fo > 0 {
            let k = duration / (fi + fo)
            fi *= k
            fo *= k
        }
        fadeInFrames = Int(fi * sampleRate + 0.5)
        fadeOutFrames = Int(fo * sampleRate + 0.5)
        left = AmbienceChannel(kind: kind, sampleRate: sampleRate, seed: SplitMix64.derive(seed, 10))
        right = AmbienceChannel(kind: kind, sampleRate: sampleRate, seed: SplitMix64.derive(seed, 11))
        level = Float(Self.nominalRMS * DSPMath.gain(dB: levelDB)) * left.normalisation
        switch kind {
        case .ocean:
            swell = SmoothRandomCurve(range: 0.0...1.0, durations: 7...13, alternate: true, seed: SplitMix64.derive(seed, 20))
            tide = SmoothRandomCurve(range: 0.55...1.0, durations: 60...180, seed: SplitMix64.derive(seed, 21))
        default:
            swell = SmoothRandomCurve(range: 0.7...1.0, durations: 15...45, seed: SplitMix64.derive(seed, 20))
            tide = SmoothRandomCurve(range: 1.0...1.0, durations: 60...60, seed: SplitMix64.derive(seed, 21))
        }
        pan = SmoothRandomCurve(range: -1.0...1.0, durations: 20...60, seed: SplitMix64.derive(seed, 22))
        updateControls()
        ampLeft += stepLeft * Float(Self.controlInterval)
        ampRight += stepRight * Float(Self.controlInterval)
    }

    /// Computes the modulation at the end of the next control interval and the per-frame
    /// steps that reach it linearly.
    private mutating func updateControls() {
        let dt = Double(Self.controlInterval) / sampleRate
        let s = swell.advance(by: dt), t = tide.advance(by: dt), p = pan.advance(by: dt)
        var targetLeft: Float = 1, targetRight: Float = 1
        switch kind {
        case .ocean:
            let height = s * t
            let amplitude = 0.15 + 0.85 * height * height
            left.setOceanCutoff(250 + 1_100 * height)
            right.setOceanCutoff(250 + 1_100 * height)
            targetLeft = Float(amplitude * (1 + 0.2 * p))
            targetRight = Float(amplitude * (1 - 0.2 * p))
        case .rain:
            intensity = s
            targetLeft = Float(s * (1 + 0.1 * p))
            targetRight = Float(s * (1 - 0.1 * p))
        case .brownNoise, .pinkNoise:
            break
        }
        stepLeft = (targetLeft - ampLeft) / Float(Self.controlInterval)
        stepRight = (targetRight - ampRight) / Float(Self.controlInterval)
    }

    /// The fade gain at frame `n`: smooth in and out, exactly 0 at both edges.
    @inline(__always)
    private func fade(at n: Int) -> Float {
        var g = 1.0
        if n < fadeInFrames { g = DSPMath.smoothstep(Double(n) / Double(fadeInFrames)) }
        let untilEnd = frameCount - n
        if untilEnd < fadeOutFrames { g *= DSPMath.smoothstep(Double(untilEnd) / Double(fadeOutFrames)) }
        return Float(g)
    }

    /// Writes (ADDS) the next frames of both channels (zeros once finished). `gain` is a
    /// per-block factor; per-sample ducking is the caller's, applied to its own buffers.
    public mutating func render(
        addingLeft leftOut: UnsafeMutableBufferPointer<Float>, right rightOut: UnsafeMutableBufferPointer<Float>,
        gain: Float
    ) {
        let total = min(leftOut.count, rightOut.count)
        guard let lo = leftOut.baseAddress, let ro = rightOut.baseAddress else {
            position += total
            return
        }
        var done = 0
        let g = gain * level
        while done < total && position < frameCount {
            // Chunks end on control-interval boundaries of the absolute frame count.
            let intoInterval = position % Self.controlInterval
            let count = min(Self.controlInterval - intoInterval, total - done, frameCount - position)
            // A stack scratch of one control interval per channel: no heap allocation.
            withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * Self.controlInterval) { scratch in
                do {
                    let l = scratch.baseAddress!, r = l + Self.controlInterval
                    left.render(into: l, count: count, amplitude: ampLeft, step: stepLeft, intensity: intensity)
                    right.render(into: r, count: count, amplitude: ampRight, step: stepRight, intensity: intensity)
                    let fading = position < fadeInFrames || frameCount - position - count < fadeOutFrames
                    for n in 0..<count {
                        let f = fading ? g * fade(at: position + n) : g
                        lo[done + n] += f * l[n]
                        ro[done + n] += f * r[n]
                    }
                }
            }
            ampLeft += stepLeft * Float(count)
            ampRight += stepRight * Float(count)
            position += count
            done += count
            if position % Self.controlInterval == 0 { updateControls() }
        }
        position += total - done
    }
}
