import SootheDSP
import SootheModel
import SootheTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The breath tone as a listener on a phone hears it, style by style: measured pitch travel per
/// phase, the share of energy a small speaker can play, no silence inside a section (holds on
/// empty lungs included) and no click where phases meet.
@Suite("Breath tone styles")
struct BreathToneStyleTests {
    typealias S = BreathTone.Segment
    static let rate = 22_050.0
    /// Two cycles of box breathing: holds on full and on empty lungs.
    static let box: [S] = (0..<2).flatMap { _ in
        [S(phase: .inhale, duration: 4), S(phase: .hold, duration: 4), S(phase: .exhale, duration: 4), S(phase: .hold, duration: 4)]
    }
    static let sounding = ToneStyle.allCases.filter { $0 != .none }

    static func render(_ style: ToneStyle, _ segments: [S] = box, rate: Double = rate) -> [Float] {
        var tone = BreathTone(segments: segments, sampleRate: rate, seed: 5, voice: BreathTone.Voice(style: style))
        return Measure.render(frames: tone.frameCount, block: 4_096) { tone.render(adding: $0, gain: 1) }
    }

    /// The strongest spectral peak between `low` and `high` Hz in a 0.2 s window at `time` s.
    static func pitch(_ x: [Float], at time: Double, low: Double, high: Double) -> Double {
        let start = Int(time * rate), size = 16_384
        let spectrum = Measure.spectrum(x[start..<(start + Int(0.2 * rate))], size: size)
        return Measure.peakFrequency(spectrum, rate: rate, size: size, low: low, high: high).frequency
    }

    static func semitones(_ a: Double, _ b: Double) -> Double { 12 * log2(b / a) }

    @Test("the pad glides up at least 3 semitones through the inhale and back down through the exhale, smoothly", arguments: [ToneStyle.soft, .bright])
    func pitchTravel(_ style: ToneStyle) throws {
        let x = Self.render(style)
        let root = try #require(style.defaultPitch)
        let track = { (from: Double) in
            stride(from: from, through: from + 3.8, by: 0.2).map { Self.pitch(x, at: $0, low: 0.85 * root, high: 1.8 * root) }
        }
        let inhale = track(0), exhale = track(8)
        #expect(Self.semitones(inhale.first!, inhale.last!) >= 3, "inhale \(inhale)")
        #expect(Self.semitones(exhale.last!, exhale.first!) >= 3, "exhale \(exhale)")
        // A glide, not a jump: every step of 0.2 s moves the same way, by at most a semitone.
        for (a, b) in zip(inhale, inhale.dropFirst()) { #expect(b >= a - 0.5 && Self.semitones(a, b) <= 1, "inhale \(inhale)") }
        for (a, b) in zip(exhale, exhale.dropFirst()) { #expect(b <= a + 0.5 && Self.semitones(b, a) <= 1, "exhale \(exhale)") }
        // Holds keep the pitch reached: the top on full lungs, the bottom on empty ones.
        let full = Self.pitch(x, at: 6, low: 0.85 * root, high: 1.8 * root)
        let empty = Self.pitch(x, at: 14, low: 0.85 * root, high: 1.8 * root)
        #expect(abs(Self.semitones(inhale.last!, full)) < 0.3 && abs(Self.semitones(root, empty)) < 0.1, "holds at \(full), \(empty) Hz")
    }

    @Test("the chime strikes a higher note for the in-breath than for the out-breath")
    func chimeNotes() {
        let x = Self.render(.chime)
        let root = ToneStyle.chime.defaultPitch!
        let inhale = Self.pitch(x, at: 0.3, low: 0.8 * root, high: 2 * root)
        let exhale = Self.pitch(x, at: 8.3, low: 0.8 * root, high: 2 * root)
        #expect(Self.semitones(exhale, inhale) >= 3, "in \(inhale) Hz, out \(exhale) Hz")
        #expect(abs(Self.semitones(root, exhale)) < 0.1)
    }

    @Test("at least half of the energy lies above 200 Hz, where a phone speaker plays", arguments: sounding)
    func energyAbove200Hz(_ style: ToneStyle) {
        let x = Self.render(style)
        let size = 8_192
        let psd = Measure.psd(x, size: size)
        let cut = Int(200 / (Self.rate / Double(size)))
        let share = psd[cut...].reduce(0, +) / psd.reduce(0, +)
        #expect(share >= 0.5, "\(style): \(share)")
    }

    @Test("no 50 ms of silence anywhere inside the section, holds and rests included", arguments: sounding)
    func neverSilent(_ style: ToneStyle) {
        let rest: [S] = [S(phase: .inhale, duration: 4), S(phase: .exhale, duration: 6), S(phase: .rest, duration: 3), S(phase: .inhale, duration: 4), S(phase: .exhale, duration: 6)]
        for segments in [Self.box, rest] {
            let x = Self.render(style, segments)
            let window = Int(0.05 * Self.rate)
            // The first and last windows hold the section's fades.
            let quietest = stride(from: window, to: x.count - 2 * window, by: window).map { Measure.dB(Measure.rms(x[$0..<($0 + window)])) }.min()!
            #expect(quietest > -70, "\(style): a 50 ms window at \(quietest) dBFS")
        }
    }

    @Test("no click where phases meet, at any style (48 kHz)", arguments: sounding)
    func clickFreeJoins(_ style: ToneStyle) {
        let rate = 48_000.0
        let segments = Self.box + [S(phase: .inhale, duration: 0.5), S(phase: .hold, duration: 0.01), S(phase: .exhale, duration: 0.7), S(phase: .rest, duration: 1)]
        let x = Self.render(style, segments, rate: rate)
        #expect(ClickDetector.largestStep(x) < 0.005, "\(style): largest step \(ClickDetector.largestStep(x))")
        let tone = BreathTone(segments: segments, sampleRate: rate, seed: 5, voice: BreathTone.Voice(style: style))
        let edge = Int(0.01 * rate)
        for start in tone.segmentStarts.dropFirst() {
            let step = ClickDetector.largestInnerStep(x[(start - edge)..<(start + edge)])
            #expect(step < 0.001, "\(style): step \(step) at frame \(start)")
        }
    }

    @Test("a cycle rendered without edges ends where it began: two renderings join sample for sample", arguments: sounding)
    func cyclesJoinSeamlessly(_ style: ToneStyle) {
        let rate = 48_000.0
        let cycle: [S] = [S(phase: .inhale, duration: 4.3), S(phase: .hold, duration: 1.1), S(phase: .exhale, duration: 5.7), S(phase: .rest, duration: 0.7)]
        var one = BreathTone(segments: cycle, sampleRate: rate, seed: 5, voice: BreathTone.Voice(style: style), fadeIn: false, fadeOut: false)
        let x = Measure.render(frames: one.frameCount, block: 4_096) { one.render(adding: $0, gain: 1) }
        // The end of one rendering followed by the start of the next, as the mix plays them.
        let edge = Int(0.01 * rate)
        let join = Array(x[(x.count - edge)...] + x[..<edge])
        let step = ClickDetector.largestInnerStep(join[...])
        #expect(step < 0.001, "\(style): step \(step)")
        #expect(Measure.rms(join[...]) > 1e-3, "\(style): the join is silent")
    }

    @Test("a script's pitch and level move the tone")
    func pitchAndLevel() {
        let base = Self.render(.soft)
        var tone = BreathTone(segments: Self.box, sampleRate: Self.rate, seed: 5, voice: BreathTone.Voice(style: .soft, pitch: 330, levelDB: -6))
        let moved = Measure.render(frames: tone.frameCount, block: 4_096) { tone.render(adding: $0, gain: 1) }
        let empty = Self.pitch(moved, at: 14, low: 280, high: 600)
        #expect(abs(Self.semitones(330, empty)) < 0.1, "\(empty) Hz")
        let ratio = Measure.rms(moved[...]) / Measure.rms(base[...])
        #expect(abs(Measure.dB(ratio) + 6) < 0.5, "\(Measure.dB(ratio)) dB")
    }
}
