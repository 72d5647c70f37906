import Foundation
import SootheDSP
import SootheModel
import SootheTestSupport
import Testing

@Suite("Music bed")
struct MusicBedTests {
    static let rate = 22_050.0

    /// Power per pitch class (0 = C) of `x` between 60 Hz and 3 kHz, from long Hann windows.
    static func pitchClassPower(_ x: [Float], rate: Double, size: Int = 65_536) -> [Double] {
        var classes = [Double](repeating: 0, count: 12)
        let binHz = rate / Double(size)
        var start = 0
        while start + size <= x.count {
            let spectrum = Measure.spectrum(x[start..<(start + size)], size: size)
            for k in Int(60 / binHz)..<Int(3_000 / binHz) {
                let note = 69 + 12 * log2(Double(k) * binHz / 440)
                let pc = ((Int(note.rounded()) % 12) + 12) % 12
                classes[pc] += spectrum[k] * spectrum[k]
            }
            start += size / 2
        }
        return classes
    }

    /// The 12 pitch classes' share of the power of `x[range]` (a chroma vector, unit length).
    static func chroma(_ x: [Float], around second: Double, rate: Double) -> [Double] {
        let size = 16_384
        let start = Int(second * rate) - size / 2
        var classes = [Double](repeating: 0, count: 12)
        let spectrum = Measure.spectrum(x[start..<(start + size)], size: size)
        let binHz = rate / Double(size)
        for k in Int(60 / binHz)..<Int(3_000 / binHz) {
            let note = 69 + 12 * log2(Double(k) * binHz / 440)
            classes[((Int(note.rounded()) % 12) + 12) % 12] += spectrum[k] * spectrum[k]
        }
        let norm = classes.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return classes.map { $0 / max(norm, 1e-30) }
    }

    static func similarity(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    @Test(
        "every note is in the key: power outside the key's pitch classes under 1 %",
        arguments: [
            MusicSettings(tonic: 2, mode: .major), MusicSettings(tonic: 6, mode: .minor, style: .bells, chordSeconds: 5),
            MusicSettings(tonic: 10, mode: .major, style: .pad, chordSeconds: 8),
        ])
    func pitchClasses(settings: MusicSettings) {
        let bed = Measure.bed(.music, duration: 60, rate: Self.rate, fadeIn: 1, fadeOut: 1, music: settings)
        let power = Self.pitchClassPower(zip(bed.left, bed.right).map { $0 + $1 }, rate: Self.rate)
        let inKey = Set(settings.scale)
        let outside = power.enumerated().filter { !inKey.contains($0.offset) }.reduce(0) { $0 + $1.element }
        let share = outside / power.reduce(0, +)
        #expect(share < 0.01, "\(settings): \(share * 100) % of the power outside the key")
        // And the key is heard: the tonic's class carries a real part of the power.
        #expect(power[settings.tonic] / power.reduce(0, +) > 0.05)
    }

    @Test("the chord changes at each boundary of chord-every and holds between them")
    func chordRate() {
        let period = 6.0
        let settings = MusicSettings(tonic: 0, mode: .major, style: .pad, chordSeconds: period)
        let bed = Measure.bed(.music, duration: 62, rate: Self.rate, fadeIn: 0.5, fadeOut: 0.5, music: settings)
        let x = zip(bed.left, bed.right).map { $0 + $1 }
        // The crossfade is centred on each boundary and lasts 0.45 × 6 s: stable from 1.35 s after
        // one boundary to 1.35 s before the next.
        for k in 1..<10 {
            let boundary = Double(k) * period
            let before = Self.chroma(x, around: boundary - 1.8, rate: Self.rate)
            let after = Self.chroma(x, around: boundary + 1.8, rate: Self.rate)
            let later = Self.chroma(x, around: boundary + period - 1.8, rate: Self.rate)
            #expect(Self.similarity(before, after) < 0.95, "no chord change at \(boundary) s")
            #expect(Self.similarity(after, later) > 0.99, "the chord moved within \(boundary)…\(boundary + period) s")
        }
    }

    @Test("no chord sequence repeats and no minute of the score comes back within an hour", arguments: [1, 2, 3] as [UInt64])
    func neverRepeats(seed: UInt64) {
        for style in [MusicSettings.Style.pad, .padAndBells] {
            var score = MusicScore(settings: MusicSettings(style: style, chordSeconds: 8), seed: seed)
            let count = Int(3_600 / 8)
            let chords = (0..<count).map { score.chord($0) }
            // No period: for no shift p does the sequence equal itself shifted by p.
            for p in 1...(count / 2) {
                #expect((0..<(count - p)).contains { chords[$0] != chords[$0 + p] }, "\(style): period \(p)")
            }
            if style == .pad {
                #expect(score.nextBell() == nil)
                continue
            }
            var bells: [MusicScore.Bell] = []
            while let bell = score.nextBell(), bell.time < 3_600 { bells.append(bell) }
            // Every minute-long stretch starting on a chord, chords and bells (times relative to
            // its start, to 10 ms), is unlike every other.
            var seen = Set<String>()
            for k in 0..<(count - 8) {
                let start = Double(k) * 8
                let heard = bells.filter { $0.time >= start && $0.time < start + 60 }
                    .map { "\(Int(($0.time - start) * 100)):\($0.note)" }
                let window = chords[k..<(k + 8)].map { "\($0.notes)" } + heard
                #expect(seen.insert(window.joined(separator: " ")).inserted, "the minute from \(start) s repeats")
            }
            #expect(bells.count > 3_600 / 9, "\(bells.count) bells in an hour")
            #expect(bells.allSatisfy { score.settings.scale.contains($0.note % 12) })
        }
    }

    @Test("no 6 s of the busiest bells holds more than the synthesiser's eight bell slots, so none is cut short")
    func bellsFitTheirSlots() {
        for seed in [1, 2, 3] as [UInt64] {
            var score = MusicScore(settings: MusicSettings(style: .bells, chordSeconds: 4), seed: seed)
            var times: [Double] = []
            while let bell = score.nextBell(), bell.time < 3_600 { times.append(bell.time) }
            #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 }, "bells out of order")
            let crowded = times.indices.map { i in times[i...].prefix { $0 < times[i] + 6 }.count }.max() ?? 0
            #expect(crowded <= 8, "\(crowded) bells within 6 s")
        }
    }

    @Test(
        "no clicks: no step over 5 % of the RMS, nothing above 6 kHz within 70 dB",
        arguments: [MusicSettings(chordSeconds: 4), MusicSettings(tonic: 9, mode: .minor, style: .bells, chordSeconds: 4)])
    func noClicks(settings: MusicSettings) {
        let rate = 48_000.0
        let bed = Measure.bed(.music, duration: 40, rate: rate, fadeIn: 1, fadeOut: 1, music: settings)
        for x in [bed.left, bed.right] {
            let unit = Measure.rms(x)
            #expect(ClickDetector.largestStep(x) / unit < 0.05, "step \(ClickDetector.largestStep(x) / unit) of the RMS")
            let psd = Measure.psd(x, size: 1_024)
            let total = psd.reduce(0, +)
            let high = psd[Int(6_000 / (rate / 1_024))...].reduce(0, +)
            #expect(Measure.dB((high / total).squareRoot()) < -70, "\(Measure.dB((high / total).squareRoot())) dB above 6 kHz")
        }
    }

    @Test("same seed, same samples; another seed, other music; blocks of any size agree")
    func determinism() {
        let settings = MusicSettings(chordSeconds: 4)
        let a = Measure.bed(.music, duration: 10, rate: Self.rate, seed: 4, block: 64, fadeIn: 1, fadeOut: 1, music: settings)
        let b = Measure.bed(.music, duration: 10, rate: Self.rate, seed: 4, block: 4_096, fadeIn: 1, fadeOut: 1, music: settings)
        let c = Measure.bed(.music, duration: 10, rate: Self.rate, seed: 5, block: 4_096, fadeIn: 1, fadeOut: 1, music: settings)
        #expect(a.left == b.left && a.right == b.right)
        #expect(a.left != c.left)
    }
}
