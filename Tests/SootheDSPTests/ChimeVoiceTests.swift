import SootheDSP
import SootheModel
import SootheTestSupport
import Testing

@Suite("Chimes: modal synthesis")
struct ChimeVoiceTests {
    static let rate = 22_050.0

    @Test("frameCount follows the ring contract", arguments: ChimeKind.allCases, [1, 2, 3])
    func frameCountContract(kind: ChimeKind, strikes: Int) {
        let ring: [ChimeKind: Double] = [.singingBowl: 15, .bell: 8, .softChime: 5, .woodBlock: 0.6]
        let voice = ChimeVoice(kind: kind, strikes: strikes, sampleRate: 44_100, seed: 1)
        let expected = Int(((ring[kind] ?? 0) + Double(strikes - 1) * 2.5) * 44_100 + 0.5)
        #expect(voice.frameCount == expected)
    }

    @Test("the dominant frequency is the declared one", arguments: ChimeKind.allCases)
    func dominantFrequency(kind: ChimeKind) {
        let x = Measure.chime(kind, rate: Self.rate)
        let size = 16_384
        let window = x[0..<min(x.count, Int(0.75 * Self.rate))]
        let spectrum = Measure.spectrum(window, size: size)
        let found = Measure.peakFrequency(spectrum, rate: Self.rate, size: size, low: 40, high: 10_000)
        #expect(abs(found.frequency / kind.dominantFrequency - 1) < 0.01, "\(kind): \(found.frequency) Hz")
    }

    @Test("every audible partial sits at its declared ratio", arguments: ChimeKind.allCases)
    func partialRatios(kind: ChimeKind) throws {
        let x = Measure.chime(kind, rate: Self.rate)
        let size = 32_768
        let spectrum = Measure.spectrum(x[0..<min(x.count, Int(1.0 * Self.rate))], size: size)
        let sorted = spectrum.sorted()
        let floor = sorted[sorted.count / 2]
        let fundamental = kind.fundamental
        for partial in kind.partials where partial.amplitude >= 0.1 {
            let f = fundamental * partial.ratio
            let found = Measure.peakFrequency(spectrum, rate: Self.rate, size: size, low: f * 0.98, high: f * 1.02)
            let measuredRatio = found.frequency / fundamental
            #expect(abs(measuredRatio / partial.ratio - 1) < 0.005, "\(kind) partial \(partial.ratio): \(measuredRatio)")
            #expect(Measure.dB(found.magnitude / floor) > 30, "\(kind) partial \(partial.ratio) stands out of the floor")
        }
    }

    @Test("the ring decays: its last part is far quieter than its first", arguments: ChimeKind.allCases)
    func decays(kind: ChimeKind) {
        let x = Measure.chime(kind, rate: Self.rate)
        let span = min(Int(Self.rate), x.count / 4)
        let first = Measure.rms(x[0..<span]), last = Measure.rms(x[(x.count - span)...])
        #expect(Measure.dB(last / first) < -45, "\(kind): \(Measure.dB(last / first)) dB")
        // The decay is steady: each sixth of the ring is quieter than the one before (windows
        // long enough to average over the beating of the detuned pairs).
        let step = x.count / 6
        var previous = Double.infinity
        for k in 0..<6 {
            let level = Measure.rms(x[(k * step)..<((k + 1) * step)])
            #expect(level < previous, "\(kind): sixth \(k) at \(Measure.dB(level)) dB")
            previous = level
        }
    }

    @Test("the tail reaches exact silence and stays there", arguments: ChimeKind.allCases)
    func silentTail(kind: ChimeKind) throws {
        var voice = ChimeVoice(kind: kind, strikes: 2, sampleRate: Self.rate, seed: 5)
        let frames = voice.frameCount
        let x = Measure.render(frames: frames + 3_000, block: 1_000) { voice.render(adding: $0, gain: 1) }
        let peak = Double(Measure.peak(x))
        #expect(x[frames...].allSatisfy { $0 == 0 })
        let tail = Measure.rms(x[(frames - Int(0.01 * Self.rate))..<frames])
        #expect(tail < peak * 1e-4)
        #expect(abs(x[frames - 1]) < Float(peak * 1e-5))
    }

    @Test("no clicks at onsets, strikes, tail or block edges (48 kHz)", arguments: ChimeKind.allCases)
    func clickFree(kind: ChimeKind) {
        let x = Measure.chime(kind, strikes: 2, rate: 48_000, block: 64)
        let step = ClickDetector.largestStep(x)
        #expect(step < 0.01, "\(kind): largest step \(step)")
    }

    @Test("the click detector catches a step the size it is meant to reject")
    func detectorWorks() {
        var x = Measure.chime(.softChime, rate: 48_000)
        #expect(ClickDetector.largestStep(x) < 0.01)
        for k in 20_000..<x.count { x[k] += 0.012 }
        #expect(ClickDetector.largestStep(x) >= 0.011)
    }

    @Test("blocks of 64 and 4096 frames give the same samples", arguments: ChimeKind.allCases)
    func blockIndependent(kind: ChimeKind) {
        let a = Measure.chime(kind, strikes: 2, rate: Self.rate, block: 64)
        let b = Measure.chime(kind, strikes: 2, rate: Self.rate, block: 4_096)
        #expect(a == b)
    }

    @Test("same seed, same samples; another seed, other samples")
    func seeds() {
        let a = Measure.chime(.bell, rate: Self.rate, seed: 1)
        let b = Measure.chime(.bell, rate: Self.rate, seed: 1)
        let c = Measure.chime(.bell, rate: Self.rate, seed: 2)
        #expect(a == b)
        let difference = zip(a, c).reduce(Float(0)) { max($0, abs($1.0 - $1.1)) }
        #expect(difference > 1e-3)
    }

    @Test("peak about −6 dBFS, levelDB scales it, everything finite and in range", arguments: ChimeKind.allCases)
    func levels(kind: ChimeKind) {
        let x = Measure.chime(kind, rate: Self.rate)
        let peak = Measure.peak(x)
        #expect(peak > 0.35 && peak < 0.7, "\(kind): peak \(peak)")
        #expect(x.allSatisfy { $0.isFinite && abs($0) <= 1 })
        let quieter = Measure.chime(kind, levelDB: -6, rate: Self.rate)
        #expect(abs(Double(Measure.peak(quieter) / peak) - 0.501) < 0.002)
    }

    @Test("half-sounds before the full strike are softer", arguments: ChimeKind.allCases)
    func halfSounds(kind: ChimeKind) {
        let x = Measure.chime(kind, strikes: 3, rate: Self.rate)
        let interval = Int(2.5 * Self.rate)
        let firstPeak = Measure.peak(x[0..<interval])
        let lastPeak = Measure.peak(x[(2 * interval)...])
        #expect(firstPeak < 0.5 * lastPeak, "\(kind): \(firstPeak) vs \(lastPeak)")
        #expect(x.allSatisfy { $0.isFinite && abs($0) <= 1 })
    }

    @Test("the same chime sounds the same at any rate", arguments: [22_050.0, 44_100, 96_000])
    func rateIndependent(rate: Double) {
        let x = Measure.chime(.softChime, rate: rate)
        let reference = Measure.chime(.softChime, rate: 48_000)
        let a = Measure.rms(x[0..<Int(rate)]), b = Measure.rms(reference[0..<48_000])
        #expect(abs(Measure.dB(a / b)) < 0.3)
    }
}
