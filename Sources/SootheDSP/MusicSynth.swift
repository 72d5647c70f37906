import SootheModel

/// The sound of the `music` bed, both channels, before fades and level: a pad of four sine
/// voices (each with a soft octave partial) that crossfades from chord to chord, and bell notes
/// (decaying sines an octave apart) over it, as `MusicScore` decides.
///
/// Oscillators are complex rotations in SIMD lanes, so a frame costs a few vector multiplies
/// and no table or `sin`: the pad's eight lanes hold two banks of four notes (the chord
/// sounding and the one fading in or out); each bell takes four lanes (fundamental and octave,
/// each paired with a fast-decaying copy subtracted from it, which makes the strike's attack
/// smooth). A note both chords share continues in the new bank with the old bank's phase, so
/// the crossfade never dips it.
struct MusicSynth: Sendable {
    private var score: MusicScore
    private let sampleRate: Double
    private let style: MusicSettings.Style
    /// Frames rendered so far.
    private var frame = 0
    private let chordFrames: Double
    private let crossfadeFrames: Double
    /// The chord in the bank that sounds (or fades in), and that bank (0: lanes 0–3, 1: 4–7).
    private var chordIndex = 0
    private var bank = 0
    /// The frame the latest crossfade began (nil: none yet).
    private var crossfadeStart: Int?

    private var padC = SIMD8<Float>(repeating: 0)
    private var padS = SIMD8<Float>(repeating: 0)
    private var padA = SIMD8<Float>(repeating: 1)
    private var padB = SIMD8<Float>(repeating: 0)
    private var padNotes = [Int](repeating: -1, count: 8)
    /// 2 × the octave partial's weight, per lane.
    private let padOctave: SIMD8<Float>
    /// Per-lane gain into each ear (voice weight × pan), before the banks' fades.
    private let padLeft: SIMD8<Float>
    private let padRight: SIMD8<Float>

    // Two groups of two bells, four lanes each.
    private var bellC = [SIMD8<Float>](repeating: .zero, count: 2)
    private var bellS = [SIMD8<Float>](repeating: .zero, count: 2)
    private var bellA = [SIMD8<Float>](repeating: .zero, count: 2)
    private var bellB = [SIMD8<Float>](repeating: .zero, count: 2)
    private var bellLeft = [SIMD8<Float>](repeating: .zero, count: 2)
    private var bellRight = [SIMD8<Float>](repeating: .zero, count: 2)
    /// Per slot: the frame the bell started and the frame it is silent (−80 dB) from.
    private var bellStart = [Int](repeating: 0, count: 4)
    private var bellEnd = [Int](repeating: 0, count: 4)
    private var nextBell: MusicScore.Bell?

    /// Seconds for the fundamental and the octave of a bell to fall 60 dB, and for the attack.
    static let bellRing = 4.5
    static let bellOctaveRing = 1.8
    static let bellAttackRing = 0.03
    /// Upper limit of a pad crossfade, seconds.
    static let crossfade = 4.0
    /// Gain bringing the bed to about unit RMS (measured over minutes).
    static let normalisation: Float = 1.0

    init(settings: MusicSettings, sampleRate: Double, seed: UInt64) {
        score = MusicScore(settings: settings, seed: seed)
        self.sampleRate = sampleRate
        style = settings.style
        chordFrames = settings.chordSeconds * sampleRate
        crossfadeFrames = min(Self.crossfade, 0.45 * settings.chordSeconds) * sampleRate
        // Bass in the middle; the upper voices spread low-left to high-right.
        let voice: [Float] = [0.8, 0.5, 0.5, 0.45]
        let pan: [Float] = [0, -0.35, 0.05, 0.35]
        let octave: [Float] = [0.35, 0.2, 0.2, 0.2]
        let padGain: Float = settings.style == .bells ? 0.35 : 1
        var l = SIMD8<Float>(), r = SIMD8<Float>(), o = SIMD8<Float>()
        for lane in 0..<8 {
            l[lane] = padGain * voice[lane % 4] * (1 - pan[lane % 4])
            r[lane] = padGain * voice[lane % 4] * (1 + pan[lane % 4])
            o[lane] = 2 * octave[lane % 4]
        }
        padLeft = l
        padRight = r
        padOctave = o
        load(score.chord(0), into: 0)
        nextBell = score.nextBell()
    }

    /// Puts `chord` into bank `b`'s lanes; a note the other bank holds keeps its phase.
    private mutating func load(_ chord: MusicScore.Chord, into b: Int) {
        for (i, note) in chord.notes.enumerated() {
            let lane = 4 * b + i
            let step = MusicScore.frequency(note) / sampleRate
            let (s, c) = DSPMath.sinCos(turns: step)
            padA[lane] = Float(c)
            padB[lane] = Float(s)
            padNotes[lane] = note
            if let shared = (0..<4).map({ 4 * (1 - b) + $0 }).first(where: { padNotes[$0] == note }) {
                padC[lane] = padC[shared]
                padS[lane] = padS[shared]
            } else {
                padC[lane] = 1
                padS[lane] = 0
            }
        }
    }

    /// The fade of the bank fading in, 0…1, at frame `n` (1 once the crossfade is over).
    private func fadeIn(at n: Int) -> Float {
        guard let start = crossfadeStart else { return 1 }
        return Float(DSPMath.smoothstep(min(max(Double(n - start) / crossfadeFrames, 0), 1)))
    }

    /// The per-lane bank gains at frame `n`: the sounding bank `fadeIn`, the other `1 − fadeIn`.
    private func bankGains(at n: Int) -> SIMD8<Float> {
        let g = fadeIn(at: n)
        let (now, old) = (g, 1 - g)
        let low: SIMD4<Float> = SIMD4(repeating: bank == 0 ? now : old)
        let high: SIMD4<Float> = SIMD4(repeating: bank == 0 ? old : now)
        return SIMD8(lowHalf: low, highHalf: high)
    }

    /// Starts the next chord's crossfade and the bells due before `end`.
    private mutating func schedule(before end: Int) {
        let next = chordIndex + 1
        // Chord k's crossfade is centred on k × chordFrames.
        if Double(frame) >= Double(next) * chordFrames - crossfadeFrames / 2 {
            chordIndex = next
            bank = 1 - bank
            load(score.chord(next), into: bank)
            crossfadeStart = frame
        }
        while let bell = nextBell, Int(bell.time * sampleRate) < end {
            strike(bell)
            nextBell = score.nextBell()
        }
        for slot in 0..<4 where bellEnd[slot] > 0 && frame >= bellEnd[slot] {
            silence(slot)
        }
    }

    /// Starts `bell` in a free slot, else in the one struck longest ago (by then −60 dB or less).
    private mutating func strike(_ bell: MusicScore.Bell) {
        let slot = (0..<4).first { bellEnd[$0] == 0 } ?? (0..<4).min { bellStart[$0] < bellStart[$1] }!
        let (group, base) = (slot / 2, 4 * (slot % 2))
        let f = MusicScore.frequency(bell.note)
        let amplitude = Float(bell.velocity) * (style == .bells ? 0.55 : 0.45)
        let lanes: [(frequency: Double, ring: Double, weight: Float)] = [
            (f, Self.bellRing, amplitude), (f, Self.bellAttackRing, -amplitude),
            (2 * f, Self.bellOctaveRing, 0.4 * amplitude), (2 * f, Self.bellAttackRing, -0.4 * amplitude),
        ]
        let left = Float(1 - bell.pan), right = Float(1 + bell.pan)
        for (i, lane) in lanes.enumerated() {
            let r = DSPMath.decayFactor(t60: lane.ring, sampleRate: sampleRate)
            let (s, c) = DSPMath.sinCos(turns: lane.frequency / sampleRate)
            bellA[group][base + i] = Float(r * c)
            bellB[group][base + i] = Float(r * s)
            bellC[group][base + i] = 1
            bellS[group][base + i] = 0
            bellLeft[group][base + i] = lane.weight * left
            bellRight[group][base + i] = lane.weight * right
        }
        bellStart[slot] = frame
        bellEnd[slot] = frame + Int(Self.bellRing * 80 / 60 * sampleRate)
    }

    private mutating func silence(_ slot: Int) {
        let (group, base) = (slot / 2, 4 * (slot % 2))
        for i in base..<(base + 4) {
            bellC[group][i] = 0
            bellS[group][i] = 0
            bellLeft[group][i] = 0
            bellRight[group][i] = 0
        }
        bellEnd[slot] = 0
    }

    /// Writes (not adds) the next `count` frames of both channels.
    mutating func render(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int) {
        let end = frame + count
        schedule(before: end)
        // Rotations drift in magnitude with rounding; pull them back to 1 once a block.
        let norm = 1.5 - 0.5 * (padC * padC + padS * padS)
        var c = padC * norm, s = padS * norm
        let a = padA, b = padB, octave = padOctave
        let g0 = bankGains(at: frame), g1 = bankGains(at: end)
        let step = 1 / Float(count)
        var wl = padLeft * g0, wr = padRight * g0
        let dl = (padLeft * g1 - wl) * step, dr = (padRight * g1 - wr) * step
        for n in 0..<count {
            let nc = c * a - s * b
            let ns = s * a + c * b
            c = nc
            s = ns
            let v = ns * (1 + octave * nc)
            left[n] = (v * wl).sum()
            right[n] = (v * wr).sum()
            wl += dl
            wr += dr
        }
        padC = c
        padS = s
        for group in 0..<2 where bellEnd[2 * group] > 0 || bellEnd[2 * group + 1] > 0 {
            var c = bellC[group], s = bellS[group]
            let a = bellA[group], b = bellB[group], wl = bellLeft[group], wr = bellRight[group]
            for n in 0..<count {
                let nc = c * a - s * b
                let ns = s * a + c * b
                c = nc
                s = ns
                left[n] += (ns * wl).sum()
                right[n] += (ns * wr).sum()
            }
            bellC[group] = c
            bellS[group] = s
        }
        if let start = crossfadeStart, Double(end - start) >= crossfadeFrames {
            // The faded-out bank is silent now: forget its notes, so none is taken as shared.
            for i in 0..<4 { padNotes[4 * (1 - bank) + i] = -1 }
            crossfadeStart = nil
        }
        frame = end
    }
}
