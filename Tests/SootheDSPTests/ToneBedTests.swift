import Foundation
import SootheDSP
import SootheModel
import SootheTestSupport
import Testing

@Suite("Binaural and isochronic beds")
struct ToneBedTests {
    static let rate = 22_050.0
    static let size = 65_536

    /// The strongest frequency in `x` over `seconds` seconds starting at `start`.
    static func peak(_ x: [Float], at start: Double, seconds: Double = 2.9, low: Double = 20, high: Double = 2_000) -> Double {
        let from = Int(start * rate), to = from + Int(seconds * rate)
        return Measure.peakFrequency(Measure.spectrum(x[from..<to], size: size), rate: rate, size: size, low: low, high: high).frequency
    }

    @Test("binaural: the left ear hears carrier − beat/2, the right carrier + beat/2, at the start and, after the change, at the end")
    func binauralFrequencies() {
        let tones = ToneBedSettings(carrier: 200, beat: 10, endCarrier: 150, endBeat: 4)
        let duration = 240.0
        let bed = Measure.bed(.binaural, duration: duration, rate: Self.rate, fadeIn: 0.5, fadeOut: 0.5, tones: tones)
        // Over 3 s near each end the frequencies have moved by at most 0.6 Hz and 0.07 Hz.
        let startLeft = Self.peak(bed.left, at: 0.5), startRight = Self.peak(bed.right, at: 0.5)
        let endLeft = Self.peak(bed.left, at: duration - 3.4), endRight = Self.peak(bed.right, at: duration - 3.4)
        #expect(abs(startLeft - 195) < 0.5, "left at the start \(startLeft) Hz")
        #expect(abs(startRight - 205) < 0.5, "right at the start \(startRight) Hz")
        #expect(abs((startRight - startLeft) - 10) < 0.2, "beat at the start \(startRight - startLeft) Hz")
        #expect(abs(endLeft - 148) < 0.5, "left at the end \(endLeft) Hz")
        #expect(abs(endRight - 152) < 0.5, "right at the end \(endRight) Hz")
        #expect(abs((endRight - endLeft) - 4) < 0.2, "beat at the end \(endRight - endLeft) Hz")
        // Halfway, halfway between.
        let middle = Self.peak(bed.right, at: duration / 2 - 1.45) - Self.peak(bed.left, at: duration / 2 - 1.45)
        #expect(abs(middle - 7) < 0.2, "beat halfway \(middle) Hz")
    }

    /// The frequency at which the tone's loudness pulses: the peak of the spectrum of its squared
    /// signal below 60 Hz.
    static func pulseRate(_ x: [Float], at start: Double) -> Double {
        let from = Int(start * rate), to = from + Int(2.9 * rate)
        let energy = x[from..<to].map { $0 * $0 }
        let mean = energy.reduce(0, +) / Float(energy.count)
        let centred = energy.map { $0 - mean }
        return Measure.peakFrequency(Measure.spectrum(centred[...], size: size), rate: rate, size: size, low: 0.3, high: 60).frequency
    }

    @Test("isochronic: one carrier in both ears, pulsing at the beat at the start and at to.beat at the end")
    func isochronicPulse() {
        let tones = ToneBedSettings(carrier: 300, beat: 8, endBeat: 3)
        let duration = 180.0
        let bed = Measure.bed(.isochronic, duration: duration, rate: Self.rate, fadeIn: 0.5, fadeOut: 0.5, tones: tones)
        #expect(bed.left == bed.right)
        #expect(abs(Self.peak(bed.left, at: 20) - 300) < 1)
        let start = Self.pulseRate(bed.left, at: 0.6), end = Self.pulseRate(bed.left, at: duration - 3.5)
        #expect(abs(start - 8) < 0.1, "pulse at the start \(start) Hz")
        #expect(abs(end - 3) < 0.1, "pulse at the end \(end) Hz")
        // Each pulse fully on and fully off: the envelope's quietest 10 ms are 40 dB under its loudest.
        let window = Int(0.01 * Self.rate)
        let levels = stride(from: Int(60 * Self.rate), to: Int(62 * Self.rate), by: window / 2).map {
            Measure.rms(bed.left[$0..<($0 + window)])
        }
        #expect(Measure.dB(levels.min()! / levels.max()!) < -40)
    }

    @Test("no clicks at fast beats and high carriers, while the frequencies move", arguments: [AmbienceSound.binaural, .isochronic])
    func noClicks(kind: AmbienceSound) {
        let rate = 48_000.0
        let tones = ToneBedSettings(carrier: 1_400, beat: 40, endCarrier: 100, endBeat: 1)
        let bed = Measure.bed(kind, duration: 20, rate: rate, fadeIn: 1, fadeOut: 1, tones: tones)
        for x in [bed.left, bed.right] {
            #expect(ClickDetector.largestStep(x) / Measure.rms(x) < 0.01)
            let psd = Measure.psd(x, size: 1_024)
            let high = psd[Int(6_000 / (rate / 1_024))...].reduce(0, +)
            #expect(Measure.dB((high / psd.reduce(0, +)).squareRoot()) < -60)
        }
    }

    @Test("a steady tone bed has the beds' level: RMS about −30 dBFS at level 0", arguments: [AmbienceSound.binaural, .isochronic])
    func level(kind: AmbienceSound) {
        let bed = Measure.bed(kind, duration: 20, rate: Self.rate, fadeIn: 1, fadeOut: 1)
        let body = Int(2 * Self.rate)..<Int(18 * Self.rate)
        #expect(abs(Measure.dB(Measure.rms(bed.left[body])) + 30) < 0.5)
        #expect(abs(Measure.dB(Measure.rms(bed.right[body])) + 30) < 0.5)
    }
}
