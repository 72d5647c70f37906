import SootheDSP
import SootheModel
import Testing

@Suite("Ambience beds")
struct AmbienceBedTests {
    static let rate = 22_050.0

    @Test("RMS about −30 dBFS at level 0, finite, within range, channels decorrelated", arguments: AmbienceSound.allCases.filter { !$0.isTonal })
    func level(kind: AmbienceSound) {
        let bed = Measure.bed(kind, duration: 40, rate: Self.rate, fadeIn: 1, fadeOut: 1)
        let body = Int(2 * Self.rate)..<Int(38 * Self.rate)
        for channel in [bed.left, bed.right] {
            let rms = Measure.dB(Measure.rms(channel[body]))
            #expect(abs(rms + 30) < (kind == .ocean ? 3 : 1.5), "\(kind): \(rms) dBFS")
            #expect(channel.allSatisfy { $0.isFinite && abs($0) <= 1 })
        }
        var product = 0.0, l2 = 0.0, r2 = 0.0
        for n in body {
            product += Double(bed.left[n]) * Double(bed.right[n])
            l2 += Double(bed.left[n]) * Double(bed.left[n])
            r2 += Double(bed.right[n]) * Double(bed.right[n])
        }
        #expect(abs(product / (l2 * r2).squareRoot()) < 0.1, "\(kind): correlation")
    }

    @Test("noise spectra slope as they should (pink −3, brown −6 dB/octave)", arguments: [(AmbienceSound.pinkNoise, -3.0), (.brownNoise, -6.0)])
    func slopes(kind: AmbienceSound, expected: Double) {
        let bed = Measure.bed(kind, duration: 12, rate: Self.rate, fadeIn: 0, fadeOut: 0)
        let psd = Measure.psd(bed.left, size: 4_096)
        let slope = Measure.slopePerOctave(psd, rate: Self.rate, size: 4_096, low: 100, high: 3_000)
        #expect(abs(slope - expected) < 0.5, "\(kind): \(slope) dB/octave")
    }

    @Test("the slopes hold at 48 kHz too, up to 10 kHz", arguments: [(AmbienceSound.pinkNoise, -3.0), (.brownNoise, -6.0)])
    func slopesAt48k(kind: AmbienceSound, expected: Double) {
        let rate = 48_000.0
        let bed = Measure.bed(kind, duration: 12, rate: rate, fadeIn: 0, fadeOut: 0)
        let psd = Measure.psd(bed.left, size: 8_192)
        let slope = Measure.slopePerOctave(psd, rate: rate, size: 8_192, low: 50, high: 10_000)
        #expect(abs(slope - expected) < 0.5, "\(kind): \(slope) dB/octave")
    }

    @Test("fades in from and out to exact silence; nothing after the end", arguments: AmbienceSound.allCases)
    func fades(kind: AmbienceSound) {
        let bed = Measure.bed(kind, duration: 12, rate: Self.rate, fadeIn: 2, fadeOut: 3, extra: 1_000)
        let frames = Int(12 * Self.rate)
        let x = bed.left
        #expect(x[0] == 0)
        #expect(x[frames...].allSatisfy { $0 == 0 } && bed.right[frames...].allSatisfy { $0 == 0 })
        let start = Measure.rms(x[0..<Int(0.2 * Self.rate)])
        let middle = Measure.rms(x[Int(4 * Self.rate)..<Int(8 * Self.rate)])
        let end = Measure.rms(x[(frames - Int(0.2 * Self.rate))..<frames])
        #expect(Measure.dB(start / middle) < -30)
        #expect(Measure.dB(end / middle) < -30)
    }

    @Test("the ocean swells: its level rises and falls by several dB within a minute")
    func oceanSwells() {
        let bed = Measure.bed(.ocean, duration: 60, rate: Self.rate, fadeIn: 0.1, fadeOut: 0.1)
        let half = Int(0.5 * Self.rate)
        let levels = stride(from: half, to: bed.left.count - half, by: half).map { Measure.dB(Measure.rms(bed.left[$0..<($0 + half)])) }
        let range = (levels.max() ?? 0) - (levels.min() ?? 0)
        #expect(range > 8, "swell range \(range) dB")
        // Count swells: upward crossings of the median level.
        let median = levels.sorted()[levels.count / 2]
        let crossings = zip(levels, levels.dropFirst()).filter { $0.0 < median && $0.1 >= median }.count
        #expect(crossings >= 3 && crossings <= 10, "\(crossings) swells in a minute")
    }

    @Test("blocks of 64 and 4096 frames give the same samples; seeds decide", arguments: AmbienceSound.allCases)
    func determinism(kind: AmbienceSound) {
        let a = Measure.bed(kind, duration: 3, rate: Self.rate, seed: 4, block: 64, fadeIn: 1, fadeOut: 1)
        let b = Measure.bed(kind, duration: 3, rate: Self.rate, seed: 4, block: 4_096, fadeIn: 1, fadeOut: 1)
        let c = Measure.bed(kind, duration: 3, rate: Self.rate, seed: 5, block: 4_096, fadeIn: 1, fadeOut: 1)
        #expect(a.left == b.left && a.right == b.right)
        // The tone beds draw nothing at random: the seed does not change them.
        #expect((a.left != c.left) == ![.binaural, .isochronic].contains(kind))
    }

    @Test("fades longer than the bed are shortened to fit")
    func shortBed() {
        let bed = Measure.bed(.pinkNoise, duration: 1, rate: Self.rate, fadeIn: 4, fadeOut: 6, extra: 10)
        #expect(bed.left.count == Int(Self.rate) + 10)
        #expect(bed.left[0] == 0 && bed.left[Int(Self.rate)...].allSatisfy { $0 == 0 })
        #expect(Measure.peak(bed.left) > 0.01)
    }
}
