import Foundation
import Testing
import SootheAudioIO
import SootheTestSupport

extension AudioIOTests {
    @Suite struct LoudnessMeterTests {
        static func measure(_ samples: [Float], channels: Int, rate: Int, dualMono: Bool = true) throws -> LoudnessMeter {
            let meter = try LoudnessMeter(channels: channels, sampleRate: rate, dualMono: dualMono)
            // In uneven blocks, as a renderer would feed it.
            var start = 0
            var block = 1000
            samples.withUnsafeBufferPointer { all in
                while start < all.count {
                    let end = min(all.count, start + block * channels)
                    meter.add(interleaved: UnsafeBufferPointer(rebasing: all[start..<end]))
                    start = end
                    block = block == 1000 ? 4410 : 1000
                }
            }
            return meter
        }

        /// A sine of peak A has mean square A²/2; at 997 Hz the K-weighting gain cancels the
        /// −0.691 dB offset, so one channel reads 10·log10(A²/2) LUFS: −23.01 for −20 dBFS. A second
        /// channel with the same signal (or dual mono) doubles the power: −20.00 LUFS.
        @Test(arguments: [
            (1, false, -23.0103), (1, true, -20.0), (2, false, -20.0), (2, true, -20.0),
        ], [44100, 48000])
        func sineAtMinus20dBFSReadsTheTheoreticalLoudness(
            _ setup: (channels: Int, dualMono: Bool, expected: Double), _ rate: Int
        ) throws {
            let samples = TestSignal.sine(
                frequency: 997, amplitude: 0.1, sampleRate: rate, frames: rate * 10, channels: setup.channels)
            let meter = try Self.measure(samples, channels: setup.channels, rate: rate, dualMono: setup.dualMono)
            #expect(abs(meter.integratedLoudness - setup.expected) < 0.1, "\(meter.integratedLoudness)")
            #expect(abs(meter.samplePeakDB - -20) < 0.01)
            #expect(abs(meter.truePeakDB - -20) < 0.1)
            #expect(meter.loudnessRange < 0.5)
        }

        @Test func fullScaleStereoSineReadsZeroLUFS() throws {
            let samples = TestSignal.sine(frequency: 997, amplitude: 1, sampleRate: 48000, frames: 48000 * 5, channels: 2)
            let meter = try Self.measure(samples, channels: 2, rate: 48000)
            #expect(abs(meter.integratedLoudness) < 0.1)
        }

        /// fs/4 at 45°: every sample lands at ±A·√½, while the waveform between them reaches A.
        @Test func truePeakCatchesTheInterSamplePeak() throws {
            let rate = 48000
            let samples = TestSignal.sine(
                frequency: Double(rate) / 4, amplitude: 0.5, sampleRate: rate, frames: rate * 2, channels: 1,
                phase: .pi / 4)
            let meter = try Self.measure(samples, channels: 1, rate: rate)
            #expect(abs(meter.samplePeakDB - 20 * log10(0.5 * 0.5.squareRoot())) < 0.01)  // −9.03 dBFS
            #expect(abs(meter.truePeakDB - 20 * log10(0.5)) < 0.3)  // −6.02 dBTP
            #expect(meter.truePeakDB - meter.samplePeakDB > 2.7)
        }

        @Test func silenceReadsMinusInfinity() throws {
            let meter = try Self.measure([Float](repeating: 0, count: 48000 * 2 * 3), channels: 2, rate: 48000)
            #expect(meter.integratedLoudness == -.infinity)
            #expect(meter.truePeakDB == -.infinity)
            #expect(meter.samplePeakDB == -.infinity)
            #expect(meter.failure == nil)
        }

        /// Half the time at −20 dBFS, half at −30 dBFS: short-term loudness sits at two levels 10 LU
        /// apart, and the 10th–95th percentile spread (LRA) spans them.
        @Test func loudnessRangeSpansTwoLevels() throws {
            let rate = 48000
            var samples: [Float] = []
            for amplitude in [0.1, 0.0316, 0.1, 0.0316] {
                samples += TestSignal.sine(frequency: 997, amplitude: amplitude, sampleRate: rate, frames: rate * 15, channels: 1)
            }
            let meter = try Self.measure(samples, channels: 1, rate: rate)
            #expect(abs(meter.loudnessRange - 10) < 1, "\(meter.loudnessRange)")
        }

        @Test func badParametersAreRefused() {
            #expect(throws: LoudnessMeterError.self) { try LoudnessMeter(channels: 0, sampleRate: 48000) }
            #expect(throws: LoudnessMeterError.self) { try LoudnessMeter(channels: 2, sampleRate: 0) }
        }
    }
}

extension AudioIOTests.LoudnessMeterTests {
    @Test func withoutTruePeakTheLoudnessIsTheSame() throws {
        let samples = TestSignal.voiceLike(sampleRate: 48000, frames: 48000 * 5, channels: 2)
        let full = try Self.measure(samples, channels: 2, rate: 48000)
        let light = try LoudnessMeter(channels: 2, sampleRate: 48000, measuresTruePeak: false)
        samples.withUnsafeBufferPointer { light.add(interleaved: $0) }
        #expect(abs(light.integratedLoudness - full.integratedLoudness) < 1e-9)
        #expect(abs(light.samplePeakDB - full.samplePeakDB) < 1e-9)
        #expect(light.truePeakDB.isNaN)
        #expect(full.truePeakDB >= full.samplePeakDB)
    }
}
