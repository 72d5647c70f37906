import Foundation
import SootheAudioIO
import SootheCore
import Testing
@testable import SootheSpeech

@Suite("Resampling with libsoxr")
struct ResamplingTests {
    let synth = SpeechSynthesizer()

    @Test(arguments: [8000, 16000, 22050, 24000, 44100, 48000, 96000])
    func lengthIsScaledWithinOneSample(rate: Int) throws {
        let native = try synth.nativeClip(for: Fixtures.passage, voice: Fixtures.voice)
        let clip = try synth.clip(for: Fixtures.passage, voice: Fixtures.voice, sampleRate: rate)
        let exact = Double(native.samples.count) * Double(rate) / 22050
        #expect(abs(Double(clip.samples.count) - exact) <= 1)
        #expect(clip.sampleRate == rate)
        // speechDuration agrees with the rendered clip (what preview shows is what renders).
        let duration = try synth.speechDuration(of: Fixtures.passage, voice: Fixtures.voice)
        #expect(abs(clip.samples.count - Int((duration * Double(rate)).rounded())) <= 1)
        // Word positions scale with the rate and stay inside the clip.
        #expect(clip.words.count == native.words.count)
        for (w, n) in zip(clip.words, native.words) {
            #expect(abs(Double(w.frame) - Double(n.frame) * Double(rate) / 22050) <= 1)
            #expect(w.frame < clip.samples.count && w.textOffset == n.textOffset)
        }
        // Loudness survives (speech energy is below 4 kHz, inside every rate's passband).
        let ratio = Fixtures.rms(clip.samples) / Fixtures.rms(native.samples)
        #expect(abs(20 * log10(Double(ratio))) < 0.5)
    }

    @Test func sineIsResampledCleanly() throws {
        let input = (0..<22050).map { Float(0.5 * sin(2 * Double.pi * 1000 * Double($0) / 22050)) }
        let output = try SoxrResampler.resample(input, from: 22050, to: 48000)
        #expect(output.count == 48000)
        // Away from the edges, the result matches the ideal 1 kHz sine at 48 kHz within −90 dB
        // (a high-quality resampler; a linear interpolator would be near −40 dB).
        let middle = 4800..<43200
        var error = 0.0
        for index in middle {
            let ideal = 0.5 * sin(2 * Double.pi * 1000 * Double(index) / 48000)
            error += pow(Double(output[index]) - ideal, 2)
        }
        let errorDB = 10 * log10(error / Double(middle.count) / 0.125)
        #expect(errorDB < -90, "error \(errorDB) dB")
    }

    @Test func invalidRateIsAnError() {
        #expect(throws: SpeechError.self) {
            try synth.clip(for: "Hello.", voice: Fixtures.voice, sampleRate: 0)
        }
    }
}
