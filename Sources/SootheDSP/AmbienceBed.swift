import SootheModel

/// A stereo bed (decorrelated channels) of the given length with fades in and out.
///
/// Seeded noise synthesised as it streams, so any length has no loop and no seam. `rain` is
/// band-limited pink hiss whose intensity wanders, with sparse droplets; `ocean` is brown and
/// pink noise through a low-pass that opens and closes with non-periodic swells (7–13 s waves
/// whose heights drift over minutes); `stream`, `wind` and `fire` are described with their
/// sounds (`StreamSound`, `WindSound`, `FireSound`). `music` (`MusicSynth`) and the tone beds
/// `binaural` and `isochronic` (`ToneBedSynth`) are synthesised in the same intervals, faded and
/// levelled the same way. RMS about −30 dBFS at `levelDB` 0 (the music's level is its own).
public struct AmbienceBed: Sendable {
    /// The bed's sound.
    public let kind: AmbienceSound
    /// Frames of the bed, fades included; silence after.
    public let frameCount: Int
    /// Frames already rendered.
    public private(set) var position = 0

    private let fadeInFrames: Int
    private let fadeOutFrames: Int
    private let inverseFadeIn: Double
    private let inverseFadeOut: Double
    private let level: Float
    private let sampleRate: Double
    private var channels: AmbienceChannel
    // Control-rate modulation, stepped on absolute frame numbers so block sizes never matter.
    private var swell: SmoothRandomCurve
    private var tide: SmoothRandomCurve
    private var pan: SmoothRandomCurve
    private var amplitude = SIMD2<Float>(1, 1)
    private var intensity = 1.0
    // The interval being played (left, then right): rendered whole at its absolute position.
    private var interval: [Float]
    private var intervalStart = -Self.controlInterval

    /// RMS of a bed at `levelDB` 0: −30 dBFS.
    public static let nominalRMS = 0.031_622_776_601_683_794
    /// Frames between updates of the slow modulation.
    static let controlInterval = 64

    /// A bed of `duration` seconds with `fadeIn` / `fadeOut` seconds of fades (shortened
    /// proportionally if they do not fit), deterministic for a `seed`. `music` and `tones` set
    /// the beds of those kinds (see `MusicSynth`, `ToneBedSynth`).
    public init(
        kind: AmbienceSound, duration: Double, sampleRate: Double, seed: UInt64, levelDB: Double = 0,
        fadeIn: Double = 4, fadeOut: Double = 6, music: MusicSettings = MusicSettings(),
        tones: ToneBedSettings = ToneBedSettings()
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
        inverseFadeIn = 1 / Double(max(fadeInFrames, 1))
        inverseFadeOut = 1 / Double(max(fadeOutFrames, 1))
        channels = AmbienceChannel(
            kind: kind, sampleRate: sampleRate, seed: SplitMix64.derive(seed, 10), music: music, tones: tones,
            frameCount: frameCount)
        level = Float(Self.nominalRMS * DSPMath.gain(dB: levelDB)) * channels.normalisation
        switch kind {
        case .ocean:
            swell = SmoothRandomCurve(range: 0.0...1.0, durations: 7...13, alternate: true, seed: SplitMix64.derive(seed, 20))
            tide = SmoothRandomCurve(range: 0.55...1.0, durations: 60...180, seed: SplitMix64.derive(seed, 21))
        default:
            swell = SmoothRandomCurve(range: 0.7...1.0, durations: 15...45, seed: SplitMix64.derive(seed, 20))
            tide = SmoothRandomCurve(range: 1.0...1.0, durations: 60...60, seed: SplitMix64.derive(seed, 21))
        }
        pan = SmoothRandomCurve(range: -1.0...1.0, durations: 20...60, seed: SplitMix64.derive(seed, 22))
        interval = Array(repeating: 0, count: 2 * Self.controlInterval)
        amplitude = updateControls()
    }

    /// Advances the modulation by one control interval and returns the amplitudes (left,
    /// right) at its end; sets the ocean's corner and the rain's intensity there.
    private mutating func updateControls() -> SIMD2<Float> {
        let dt = Double(Self.controlInterval) / sampleRate
        let s = swell.advance(by: dt), t = tide.advance(by: dt), p = pan.advance(by: dt)
        switch kind {
        case .ocean:
            let height = s * t
            let amplitude = 0.15 + 0.85 * height * height
            channels.setOceanCutoff(250 + 1_100 * height)
            return SIMD2(Float(amplitude * (1 + 0.2 * p)), Float(amplitude * (1 - 0.2 * p)))
        case .rain:
            intensity = s
            return SIMD2(Float(s * (1 + 0.1 * p)), Float(s * (1 - 0.1 * p)))
        case .brownNoise, .pinkNoise, .music, .binaural, .isochronic:
            return SIMD2(1, 1)
        case .stream, .wind, .fire:
            return channels.natureControls(dt: dt) ?? SIMD2(1, 1)
        }
    }

    /// Renders the next control interval into `interval`.
    private mutating func renderInterval() {
        intervalStart += Self.controlInterval
        let target = updateControls()
        let from = amplitude
        amplitude = target
        let intensity = intensity
        interval.withUnsafeMutableBufferPointer { buffer in
            let l = buffer.baseAddress!
            channels.render(
                left: l, right: l + Self.controlInterval, count: Self.controlInterval, from: from, to: target,
                intensity: intensity)
        }
    }

    /// The fade gain at frame `n`: smooth in and out, exactly 0 at both edges.
    @inline(__always)
    private func fade(at n: Int) -> Float {
        var g = 1.0
        if n < fadeInFrames { g = DSPMath.smoothstep(Double(n) * inverseFadeIn) }
        let untilEnd = frameCount - n
        if untilEnd < fadeOutFrames { g *= DSPMath.smoothstep(Double(untilEnd) * inverseFadeOut) }
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
            if position >= intervalStart + Self.controlInterval { renderInterval() }
            let offset = position - intervalStart
            let count = min(Self.controlInterval - offset, total - done, frameCount - position)
            let fading = position < fadeInFrames || frameCount - position - count < fadeOutFrames
            interval.withUnsafeBufferPointer { buffer in
                let l = buffer.baseAddress! + offset, r = l + Self.controlInterval
                let lt = lo + done, rt = ro + done
                if fading {
                    for n in 0..<count {
                        let f = g * fade(at: position + n)
                        lt[n] += f * l[n]
                        rt[n] += f * r[n]
                    }
                } else {
                    var n = 0
                    while n + 8 <= count {
                        Self.add(g, UnsafeRawPointer(l + n), into: UnsafeMutableRawPointer(lt + n))
                        Self.add(g, UnsafeRawPointer(r + n), into: UnsafeMutableRawPointer(rt + n))
                        n += 8
                    }
                    while n < count {
                        lt[n] += g * l[n]
                        rt[n] += g * r[n]
                        n += 1
                    }
                }
            }
            position += count
            done += count
        }
        position += total - done
    }

    /// target[0..<8] += g × source[0..<8].
    @inline(__always)
    private static func add(_ g: Float, _ source: UnsafeRawPointer, into target: UnsafeMutableRawPointer) {
        let x = source.loadUnaligned(as: SIMD8<Float>.self)
        target.storeBytes(of: target.loadUnaligned(as: SIMD8<Float>.self) + g * x, as: SIMD8<Float>.self)
    }
}
