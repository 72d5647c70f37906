import SootheModel

/// The sound of the `music` bed, both channels, before fades and level: a pad of four sine
/// voices (each with a soft octave partial) that crossfades from chord to chord, and bell notes
/// (decaying sines an octave apart) over it, as `MusicScore` decides.
///
/// Every oscillator is a complex rotation whose SIMD lanes are four consecutive frames, advanced
/// four frames at a time: no table, no `sin`, and no adding across lanes. The pad has two banks
/// of four notes (the chord sounding and the one fading in or out), each summed into its own
/// buffer and then crossfaded; a bank that is silent costs nothing. A bell is four oscillators:
/// fundamental and octave, each paired with a fast-decaying copy subtracted from it, which makes
/// the strike's attack smooth (the copies stop once they have decayed away). A note both chords
/// share continues in the new bank with the old bank's phase, so the crossfade never dips it.
struct MusicSynth: Sendable {
    /// One sine (damped for bells): lanes are frames n…n+3.
    struct Oscillator: Sendable {
        var c = SIMD4<Float>(repeating: 0)
        var s = SIMD4<Float>(repeating: 0)
        /// cos and sin of four frames' turn, times four frames' decay.
        var a: Float = 1
        var b: Float = 0
        /// Gains into the left and right ear. A bell's partial keeps its weight in `left`; the
        /// bell's pan is applied once, to the sum of its partials.
        var left: Float = 0
        var right: Float = 0
        /// 2 × the octave partial's weight (pad voices; 0 for bells).
        var octave: Float = 0
        /// Whether a bell's partial still sounds (the pad's banks have gains instead).
        var active = false

        /// Silent.
        init() {}

        /// Starts at phase 0 on the next frame: lanes 0, 1, 2, 3 frames' turn (and decay) on,
        /// decaying by `r` a frame (1: not at all).
        init(frequency: Double, decay r: Double, sampleRate: Double) {
            let step = frequency / sampleRate
            for k in 0..<4 {
                let (sk, ck) = DSPMath.sinCos(turns: Double(k) * step)
                let g = DSPMath.power(r, Double(k))
                c[k] = Float(g * ck)
                s[k] = Float(g * sk)
            }
            let (s4, c4) = DSPMath.sinCos(turns: 4 * step)
            let r4 = DSPMath.power(r, 4)
            a = Float(r4 * c4)
            b = Float(r4 * s4)
            active = true
        }
    }

    private var score: MusicScore
    private let sampleRate: Double
    private let style: MusicSettings.Style
    /// Frames rendered so far.
    private var frame = 0
    private let chordFrames: Double
    private let crossfadeFrames: Double
    /// The chord in the bank that sounds (or fades in), and that bank (0: voices 0–3, 1: 4–7).
    private var chordIndex = 0
    private var bank = 0
    /// The frame the latest crossfade began (nil: none under way).
    private var crossfadeStart: Int?

    /// The pad's eight voices (two banks of four) and the notes they play (−1: none).
    private var pad = [Oscillator](repeating: Oscillator(), count: 8)
    private var padNotes = [Int](repeating: -1, count: 8)
    /// Per voice of a chord: gain into each ear (weight × pan) and 2 × the octave's weight.
    private let voiceLeft: [Float]
    private let voiceRight: [Float]
    private let voiceOctave: [Float]

    /// Bells of four oscillators each (slot k: 4k…4k+3).
    private var bells = [Oscillator](repeating: Oscillator(), count: 4 * bellSlots)
    /// Per slot: the frame the bell started, the frame its attack copies have died away, and
    /// the frame it is silent (−80 dB) from (0: free).
    private var bellStart = [Int](repeating: 0, count: bellSlots)
    private var bellAttackEnd = [Int](repeating: 0, count: bellSlots)
    private var bellEnd = [Int](repeating: 0, count: bellSlots)
    /// Per slot: the bell's gains into the left and right ear.
    private var bellPan = [SIMD2<Float>](repeating: .zero, count: bellSlots)
    private var nextBell: MusicScore.Bell?
    /// Each bank's sum, left then right, for one block.
    private var banks: [Float] = []

    /// Bells sounding at once, at most. A bell sounds 6 s (to −80 dB); bells come at least
    /// 1.6 s apart, each with at most one answer, so no 6 s holds more than eight: a bell never
    /// has to be cut short.
    static let bellSlots = 8
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
        let weight: [Float] = [0.8, 0.5, 0.5, 0.45]
        let pan: [Float] = [0, -0.35, 0.05, 0.35]
        let padGain: Float = settings.style == .bells ? 0.35 : 1
        voiceLeft = (0..<4).map { padGain * weight[$0] * (1 - pan[$0]) }
        voiceRight = (0..<4).map { padGain * weight[$0] * (1 + pan[$0]) }
        voiceOctave = [0.7, 0.4, 0.4, 0.4]
        load(score.chord(0), into: 0)
        nextBell = score.nextBell()
    }

    /// Puts `chord` into bank `b`; a note the other bank holds keeps its phase.
    private mutating func load(_ chord: MusicScore.Chord, into b: Int) {
        for (i, note) in chord.notes.enumerated() {
            let voice = 4 * b + i
            var oscillator = Oscillator(frequency: MusicScore.frequency(note), decay: 1, sampleRate: sampleRate)
            if let shared = (0..<4).map({ 4 * (1 - b) + $0 }).first(where: { padNotes[$0] == note }) {
                oscillator.c = pad[shared].c
                oscillator.s = pad[shared].s
            }
            oscillator.left = voiceLeft[i]
            oscillator.right = voiceRight[i]
            oscillator.octave = voiceOctave[i]
            pad[voice] = oscillator
            padNotes[voice] = note
        }
    }

    /// The fade of the bank fading in, 0…1, at frame `n` (1 once the crossfade is over).
    private func fadeIn(at n: Int) -> Float {
        guard let start = crossfadeStart else { return 1 }
        return Float(DSPMath.smoothstep(min(max(Double(n - start) / crossfadeFrames, 0), 1)))
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
        for slot in 0..<Self.bellSlots where bellEnd[slot] > 0 {
            if frame >= bellEnd[slot] {
                for i in 0..<4 { bells[4 * slot + i].active = false }
                bellEnd[slot] = 0
            } else if frame >= bellAttackEnd[slot] {
                bells[4 * slot + 1].active = false
                bells[4 * slot + 3].active = false
            }
        }
        while let bell = nextBell, Int(bell.time * sampleRate) < end {
            strike(bell)
            nextBell = score.nextBell()
        }
    }

    /// Starts `bell` in a free slot (else, which `bellSlots` rules out, the one struck longest ago).
    private mutating func strike(_ bell: MusicScore.Bell) {
        let slots = 0..<Self.bellSlots
        let slot = slots.first { bellEnd[$0] == 0 } ?? slots.min { bellStart[$0] < bellStart[$1] }!
        let f = MusicScore.frequency(bell.note)
        let amplitude = Float(bell.velocity) * (style == .bells ? 0.55 : 0.45)
        let partials: [(frequency: Double, ring: Double, weight: Float)] = [
            (f, Self.bellRing, amplitude), (f, Self.bellAttackRing, -amplitude),
            (2 * f, Self.bellOctaveRing, 0.4 * amplitude), (2 * f, Self.bellAttackRing, -0.4 * amplitude),
        ]
        for (i, partial) in partials.enumerated() {
            var oscillator = Oscillator(
                frequency: partial.frequency, decay: DSPMath.decayFactor(t60: partial.ring, sampleRate: sampleRate),
                sampleRate: sampleRate)
            oscillator.left = partial.weight
            bells[4 * slot + i] = oscillator
        }
        bellPan[slot] = SIMD2(Float(1 - bell.pan), Float(1 + bell.pan))
        bellStart[slot] = frame
        // By 5 × the attack's ring it is 300 dB down.
        bellAttackEnd[slot] = frame + Int(5 * Self.bellAttackRing * sampleRate)
        bellEnd[slot] = frame + Int(Self.bellRing * 80 / 60 * sampleRate)
    }

    /// Adds `oscillator`'s next `count` frames (a multiple of 4) into `left` and `right`.
    @inline(__always)
    private static func run(
        _ oscillator: inout Oscillator, left: UnsafeMutableRawPointer, right: UnsafeMutableRawPointer, count: Int
    ) {
        var c = oscillator.c, s = oscillator.s
        let a = oscillator.a, b = oscillator.b, wl = oscillator.left, wr = oscillator.right, octave = oscillator.octave
        for offset in stride(from: 0, to: 4 * count, by: 16) {
            let v = s * (1 + octave * c)
            left.storeBytes(of: left.load(fromByteOffset: offset, as: SIMD4<Float>.self) + wl * v, toByteOffset: offset, as: SIMD4<Float>.self)
            right.storeBytes(of: right.load(fromByteOffset: offset, as: SIMD4<Float>.self) + wr * v, toByteOffset: offset, as: SIMD4<Float>.self)
            let nc = c * a - s * b
            s = s * a + c * b
            c = nc
        }
        oscillator.c = c
        oscillator.s = s
    }

    /// Adds bell `slot`'s next `count` frames (a multiple of 4) into `left` and `right`: its
    /// partials summed in registers, then panned once.
    private mutating func ringBell(_ slot: Int, left: UnsafeMutableRawPointer, right: UnsafeMutableRawPointer, count: Int) {
        let first = 4 * slot
        let pl = bellPan[slot].x, pr = bellPan[slot].y
        // Fundamental and octave (lanes 0 and 2); with the attack, their fast copies (1 and 3) too.
        let attack = bells[first + 1].active
        var f = bells[first], o = bells[first + 2]
        var fc = f.c, fs = f.s, oc = o.c, os = o.s
        var g = bells[first + 1], h = bells[first + 3]
        var gc = g.c, gs = g.s, hc = h.c, hs = h.s
        for offset in stride(from: 0, to: 4 * count, by: 16) {
            var v = f.left * fs + o.left * os
            if attack { v += g.left * gs + h.left * hs }
            left.storeBytes(of: left.load(fromByteOffset: offset, as: SIMD4<Float>.self) + pl * v, toByteOffset: offset, as: SIMD4<Float>.self)
            right.storeBytes(of: right.load(fromByteOffset: offset, as: SIMD4<Float>.self) + pr * v, toByteOffset: offset, as: SIMD4<Float>.self)
            (fc, fs) = (fc * f.a - fs * f.b, fs * f.a + fc * f.b)
            (oc, os) = (oc * o.a - os * o.b, os * o.a + oc * o.b)
            if attack {
                (gc, gs) = (gc * g.a - gs * g.b, gs * g.a + gc * g.b)
                (hc, hs) = (hc * h.a - hs * h.b, hs * h.a + hc * h.b)
            }
        }
        (f.c, f.s, o.c, o.s) = (fc, fs, oc, os)
        bells[first] = f
        bells[first + 2] = o
        if attack {
            (g.c, g.s, h.c, h.s) = (gc, gs, hc, hs)
            bells[first + 1] = g
            bells[first + 3] = h
        }
    }

    /// Writes (not adds) the next `count` frames (a multiple of 4) of both channels.
    mutating func render(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int) {
        let end = frame + count
        schedule(before: end)
        // Held apart from `self` while its buffer is written, so `pad` can be used meanwhile.
        var banks: [Float] = []
        swap(&banks, &self.banks)
        defer { swap(&banks, &self.banks) }
        if banks.count < 4 * count { banks = [Float](repeating: 0, count: 4 * count) }
        let fadeStart = fadeIn(at: frame), fadeEnd = fadeIn(at: end)
        // Each bank's gain at the block's ends (lane 0: bank 0): the sounding bank fades in, the other out.
        let sounding = SIMD2<Float>(bank == 0 ? 1 : 0, bank == 1 ? 1 : 0)
        let from = sounding * fadeStart + (1 - sounding) * (1 - fadeStart)
        let to = sounding * fadeEnd + (1 - sounding) * (1 - fadeEnd)
        let l = UnsafeMutableRawPointer(left), r = UnsafeMutableRawPointer(right)
        l.initializeMemory(as: Float.self, repeating: 0, count: count)
        r.initializeMemory(as: Float.self, repeating: 0, count: count)
        banks.withUnsafeMutableBufferPointer { buffer in
            let base = UnsafeMutableRawPointer(buffer.baseAddress!)
            for b in 0..<2 where from[b] > 0 || to[b] > 0 {
                let bl = base + 8 * b * count, br = bl + 4 * count
                bl.initializeMemory(as: Float.self, repeating: 0, count: 2 * count)
                for voice in (4 * b)..<(4 * b + 4) {
                    // Rotations drift in magnitude with rounding; pull them back to 1 once a block.
                    let norm = 1.5 - 0.5 * (pad[voice].c * pad[voice].c + pad[voice].s * pad[voice].s)
                    pad[voice].c *= norm
                    pad[voice].s *= norm
                    Self.run(&pad[voice], left: bl, right: br, count: count)
                }
                // The bank's gain ramps linearly over the block, four frames at a time.
                let step = (to[b] - from[b]) / Float(count)
                var g = from[b] + step * SIMD4<Float>(0, 1, 2, 3)
                for offset in stride(from: 0, to: 4 * count, by: 16) {
                    l.storeBytes(of: l.load(fromByteOffset: offset, as: SIMD4<Float>.self) + g * bl.load(fromByteOffset: offset, as: SIMD4<Float>.self), toByteOffset: offset, as: SIMD4<Float>.self)
                    r.storeBytes(of: r.load(fromByteOffset: offset, as: SIMD4<Float>.self) + g * br.load(fromByteOffset: offset, as: SIMD4<Float>.self), toByteOffset: offset, as: SIMD4<Float>.self)
                    g += 4 * step
                }
            }
        }
        for slot in 0..<Self.bellSlots where bellEnd[slot] > 0 {
            ringBell(slot, left: l, right: r, count: count)
        }
        if let start = crossfadeStart, Double(end - start) >= crossfadeFrames {
            // The faded-out bank is silent now: forget its notes, so none is taken as shared.
            for i in 0..<4 { padNotes[4 * (1 - bank) + i] = -1 }
            crossfadeStart = nil
        }
        frame = end
    }
}
