// Compared with libebur128 through SootheTestSupport, which SootheDSPTests depends on in the
// package. bench/dsp/run.sh builds these files in a package holding SootheDSP alone, where
// this file compiles to nothing.
#if canImport(SootheTestSupport)
    import SootheTestSupport
    import SootheDSP
    import Testing

    #if canImport(Glibc)
        import Glibc
    #endif

    @Suite("Integrated loudness meter")
    struct IntegratedLoudnessMeterTests {
        /// How a mono test programme is laid out.
        enum Layout: String, CaseIterable, Sendable {
            case dualMono, plainMono, stereo

            var channels: Int { self == .stereo ? 2 : 1 }
            var dualMono: Bool { self == .dualMono }
        }

        static let rates = [22_050, 44_100, 48_000, 96_000]

        /// libebur128's reading (mode I), fed in blocks of 4410 frames.
        static func reference(_ samples: [Float], channels: Int, rate: Int, dualMono: Bool) throws -> Double {
            let meter = try LoudnessMeter(channels: channels, sampleRate: rate, dualMono: dualMono, integratedOnly: true)
            samples.withUnsafeBufferPointer { all in
                var start = 0
                while start < all.count {
                    let end = min(all.count, start + 4410 * channels)
                    meter.add(interleaved: UnsafeBufferPointer(rebasing: all[start..<end]))
                    start = end
                }
            }
            return meter.integratedLoudness
        }

        /// Readings within `tolerance`, or both −infinity (everything gated away).
        static func agree(_ a: Double, _ b: Double, within tolerance: Double) -> Bool {
            (a == -.infinity && b == -.infinity) || abs(a - b) < tolerance
        }

        /// The meter fed in calls of `sizes` frames, cycling.
        static func measure(_ samples: [Float], channels: Int, rate: Int, dualMono: Bool = true, sizes: [Int] = [4096]) -> IntegratedLoudnessMeter {
            var meter = IntegratedLoudnessMeter(channels: channels, sampleRate: rate, dualMono: dualMono)
            samples.withUnsafeBufferPointer { all in
                var start = 0
                var k = 0
                while start < all.count {
                    let end = min(all.count, start + sizes[k % sizes.count] * channels)
                    meter.add(interleaved: UnsafeBufferPointer(rebasing: all[start..<end]))
                    start = end
                    k += 1
                }
            }
            return meter
        }

        /// The programme for a layout: stereo puts a different programme (seed) at another level
        /// on the right.
        static func programme(_ signal: LoudnessSignal, _ layout: Layout, rate: Int, frames: Int) -> [Float] {
            let left = signal.samples(rate: rate, frames: frames)
            guard layout == .stereo else { return left }
            let right = signal.samples(rate: rate, frames: frames, seed: 2).map { $0 * 0.6 }
            return LoudnessSignal.interleave(left, right)
        }

        /// 6.37 s plus 3 frames: not a whole number of 100 ms segments nor of blocks of four.
        @Test(arguments: LoudnessSignal.allCases, rates)
        func agreesWithLibebur128(_ signal: LoudnessSignal, _ rate: Int) throws {
            guard signal.fits(rate: rate) else { return }
            let frames = rate * 637 / 100 + 3
            for layout in Layout.allCases {
                let samples = Self.programme(signal, layout, rate: rate, frames: frames)
                let expected = try Self.reference(samples, channels: layout.channels, rate: rate, dualMono: layout.dualMono)
                let meter = Self.measure(samples, channels: layout.channels, rate: rate, dualMono: layout.dualMono, sizes: [4096, 333])
                #expect(expected.isFinite, "\(signal) \(layout) at \(rate) Hz: the reference reads \(expected)")
                #expect(abs(meter.integratedLoudness - expected) < 0.005,
                        "\(signal) \(layout) at \(rate) Hz: \(meter.integratedLoudness) LUFS, libebur128 \(expected)")
            }
        }

        /// The gate signals are built so that the gates decide: ungated, they would read otherwise.
        @Test(arguments: [LoudnessSignal.aroundAbsoluteGate, .aroundRelativeGate, .speechBursts])
        func gatesDecideTheTestSignals(_ signal: LoudnessSignal) {
            let rate = 48_000
            let samples = signal.samples(rate: rate, frames: rate * 637 / 100 + 3)
            let gated = Self.measure(samples, channels: 1, rate: rate).integratedLoudness
            // Mean square over everything (K-weighting is about 0 dB at 440–997 Hz): ungated.
            let ungated = 10 * log10(2 * samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(samples.count)) - 0.691
            #expect(gated - ungated > 0.5, "gated \(gated), ungated about \(ungated)")
        }

        /// 44.1 kHz and 22.05 kHz have 100 ms that are not whole blocks of four; 48 kHz has.
        @Test(arguments: [22_050, 44_100, 48_000])
        func readingsDoNotDependOnHowTheStreamIsCut(_ rate: Int) {
            let frames = rate * 3 + 5
            for layout in Layout.allCases {
                let samples = Self.programme(.speechBursts, layout, rate: rate, frames: frames)
                let whole = Self.measure(samples, channels: layout.channels, rate: rate, dualMono: layout.dualMono, sizes: [frames])
                #expect(whole.integratedLoudness.isFinite)
                for sizes in [[1], [7], [4096], [1, 3, 4410, 7, 2, 2205, 4099, 5]] {
                    let cut = Self.measure(samples, channels: layout.channels, rate: rate, dualMono: layout.dualMono, sizes: sizes)
                    #expect(cut.integratedLoudness == whole.integratedLoudness, "\(layout), calls of \(sizes) frames")
                    #expect(cut.integratedLoudness(afterGainDB: 7.5) == whole.integratedLoudness(afterGainDB: 7.5))
                }
            }
        }

        /// A stream that ends exactly on a 100 ms boundary inside a block of four (44.1 kHz:
        /// 4410 frames; 22.05 kHz: 2205) counts its last 100 ms, as libebur128 does.
        @Test(arguments: [(44_100, 51), (22_050, 41), (22_050, 42), (44_100, 4)])
        func aStreamEndingOnA100msBoundaryCountsItsLastSegment(_ rate: Int, _ segments: Int) throws {
            let frames = (rate + 5) / 10 * segments
            let samples = LoudnessSignal.whiteNoise.samples(rate: rate, frames: frames, seed: 9)
            let expected = try Self.reference(samples, channels: 1, rate: rate, dualMono: true)
            let meter = Self.measure(samples, channels: 1, rate: rate)
            #expect(abs(meter.integratedLoudness - expected) < 0.005, "\(meter.integratedLoudness) vs \(expected)")
            // The last segment matters: without it the reading differs.
            let shorter = Self.measure(Array(samples.dropLast(1)), channels: 1, rate: rate)
            #expect(shorter.integratedLoudness != meter.integratedLoudness)
        }

        /// Scaling every block energy and gating again equals measuring the scaled signal: the
        /// absolute-gate signal gains blocks over −70 LUFS as it is turned up and loses them
        /// as it is turned down.
        @Test(arguments: [LoudnessSignal.aroundAbsoluteGate, .aroundRelativeGate, .speechBursts], [-20.0, -6.5, 3, 12])
        func afterGainMatchesTheScaledSignal(_ signal: LoudnessSignal, _ gainDB: Double) throws {
            let rate = 44_100
            let samples = signal.samples(rate: rate, frames: rate * 637 / 100 + 3)
            let scale = Float(pow(10, gainDB / 20))
            let scaled = samples.map { $0 * scale }
            let predicted = Self.measure(samples, channels: 1, rate: rate).integratedLoudness(afterGainDB: gainDB)
            let measured = Self.measure(scaled, channels: 1, rate: rate).integratedLoudness
            let expected = try Self.reference(scaled, channels: 1, rate: rate, dualMono: true)
            #expect(Self.agree(predicted, measured, within: 0.001), "\(predicted) vs \(measured)")
            #expect(Self.agree(predicted, expected, within: 0.005), "\(predicted) vs libebur128 \(expected)")
        }

        /// Around the absolute gate a gain is not a shift: blocks cross the gate.
        @Test func afterGainReappliesTheAbsoluteGate() {
            let samples = LoudnessSignal.aroundAbsoluteGate.samples(rate: 48_000, frames: 48_000 * 6)
            let meter = Self.measure(samples, channels: 1, rate: 48_000)
            #expect(abs(meter.integratedLoudness(afterGainDB: 10) - (meter.integratedLoudness + 10)) > 0.5)
            #expect(abs(meter.integratedLoudness(afterGainDB: 0) - meter.integratedLoudness) == 0)
            #expect(meter.integratedLoudness(afterGainDB: -60) == -.infinity)
        }

        @Test(arguments: Layout.allCases)
        func silenceAndUnder400msReadMinusInfinity(_ layout: Layout) throws {
            let rate = 48_000
            let silence = [Float](repeating: 0, count: rate * 3 * layout.channels)
            #expect(Self.measure(silence, channels: layout.channels, rate: rate, dualMono: layout.dualMono).integratedLoudness == -.infinity)
            let loud = Self.programme(.sine997, layout, rate: rate, frames: rate * 4 / 10)
            let short = Array(loud.dropLast(layout.channels))
            #expect(Self.measure(short, channels: layout.channels, rate: rate, dualMono: layout.dualMono).integratedLoudness == -.infinity)
            #expect(try Self.reference(short, channels: layout.channels, rate: rate, dualMono: layout.dualMono) == -.infinity)
            // Exactly 400 ms makes the first block.
            let first = Self.measure(loud, channels: layout.channels, rate: rate, dualMono: layout.dualMono).integratedLoudness
            let expected = try Self.reference(loud, channels: layout.channels, rate: rate, dualMono: layout.dualMono)
            #expect(abs(first - expected) < 0.005, "\(first) vs \(expected)")
            let empty = IntegratedLoudnessMeter(channels: layout.channels, sampleRate: rate, dualMono: layout.dualMono)
            #expect(empty.integratedLoudness == -.infinity)
        }

        /// BS.1770's calibration: a 997 Hz sine at 0 dBFS on both channels reads 0 LUFS (−3.01
        /// as plain mono).
        @Test(arguments: [(Layout.stereo, 0.0), (.dualMono, 0.0), (.plainMono, -3.0103)])
        func fullScale997HzSineReadsTheCalibratedLevel(_ layout: Layout, _ expected: Double) {
            let rate = 48_000
            let tone = LoudnessSignal.sine(997, amplitude: 1, rate: rate, frames: rate * 5)
            let samples = layout == .stereo ? LoudnessSignal.interleave(tone, tone) : tone
            let reading = Self.measure(samples, channels: layout.channels, rate: rate, dualMono: layout.dualMono).integratedLoudness
            #expect(abs(reading - expected) < 0.02, "\(reading)")
        }

        /// Sines at and just under a quarter of the rate (where a block-of-four filter's
        /// rounding, differing from lane to lane, folds energy down to DC, which the high-pass's
        /// all-pole part raises by up to 100 dB) and near Nyquist.
        @Test(arguments: rates)
        func sinesAtAQuarterOfTheRateAgree(_ rate: Int) throws {
            let quarter = Double(rate) / 4
            for frequency in [quarter, quarter - 0.5, quarter + 3, Double(rate) / 2 - 10] {
                let samples = LoudnessSignal.sine(frequency, amplitude: 0.5, rate: rate, frames: rate * 5, phase: 0.3)
                let expected = try Self.reference(samples, channels: 1, rate: rate, dualMono: true)
                let reading = Self.measure(samples, channels: 1, rate: rate).integratedLoudness
                #expect(abs(reading - expected) < 0.005, "\(frequency) Hz at \(rate) Hz: \(reading) vs \(expected)")
            }
        }

        /// Ten minutes (longer than a session), so that round-off in the filters' memory has
        /// time to drift: low frequencies (where the high-pass's poles sit) and speech.
        @Test(arguments: [(LoudnessSignal.brownishNoise, 48_000), (.sine20, 96_000), (.speechBursts, 44_100)])
        func tenMinutesAgree(_ signal: LoudnessSignal, _ rate: Int) throws {
            let samples = signal.samples(rate: rate, frames: rate * 600)
            let expected = try Self.reference(samples, channels: 1, rate: rate, dualMono: true)
            let reading = Self.measure(samples, channels: 1, rate: rate).integratedLoudness
            #expect(abs(reading - expected) < 0.005, "\(signal) at \(rate) Hz: \(reading) vs \(expected)")
        }

        /// After a loud start and a long silence (filter memory decaying to nothing) the meter
        /// still agrees, and a silent tail does not count.
        @Test func longSilenceAfterSoundAgrees() throws {
            let rate = 48_000
            var samples = LoudnessSignal.brownishNoise.samples(rate: rate, frames: rate * 2)
            samples += [Float](repeating: 0, count: rate * 20)
            samples += LoudnessSignal.sine40.samples(rate: rate, frames: rate)
            let expected = try Self.reference(samples, channels: 1, rate: rate, dualMono: true)
            let reading = Self.measure(samples, channels: 1, rate: rate).integratedLoudness
            #expect(abs(reading - expected) < 0.005, "\(reading) vs \(expected)")
        }
    }
#endif
