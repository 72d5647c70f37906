import Foundation
import SootheCore
import SootheFormats
import SootheRender
import SootheTestSupport
import Testing

/// The music and tone beds in a render: under speech like the other beds, at their level, and a
/// binaural bed refused for a mono file.
@Suite struct TonalBedRenderTests {
    static let rate = 22050

    static func script(_ ambience: String, seconds: Int = 60) -> String {
        """
        title: Bed
        ambience: \(ambience)
        steps:
          - pause: \(seconds)s

        """
    }

    @Test("the tonal beds dip 9 dB under speech, as the noise beds do", arguments: ["music", "binaural", "isochronic"])
    func ducked(sound: String) throws {
        let folder = try ScratchFolder()
        let bed = "{sound: \(sound), level: -24}"
        let yaml = Sessions.ducking.replacingOccurrences(of: "{sound: pink-noise, level: -24}", with: bed)
        let (ducked, timeline, spans) = try DuckingTests.render(yaml, in: folder, name: "ducked.wav")
        let plainYAML = Sessions.duckingWithoutSpeech(timeline).replacingOccurrences(of: "{sound: pink-noise, level: -24}", with: bed)
        let (plain, _, none) = try DuckingTests.render(plainYAML, in: folder, name: "plain.wav")
        #expect(spans.count == 2 && none.isEmpty)
        let undisturbed = DuckingTests.frames(4)..<DuckingTests.frames(5.5)
        let reference = Measure.rmsDB(ducked, frames: undisturbed) - Measure.rmsDB(plain, frames: undisturbed)
        for span in spans {
            let region = DuckingTests.inner(span)
            let depth = Measure.rmsDB(ducked, frames: region) - Measure.rmsDB(plain, frames: region) - reference
            #expect(abs(depth - (-9)) <= 0.25, "\(sound): duck depth \(depth) dB")
        }
    }

    @Test(
        "each bed sits well under speech: music about 15 LU, the tone beds about 18 LU under the voice's level",
        arguments: [("music", -33.0), ("binaural", -36.0), ("isochronic", -36.0)])
    func levelUnderSpeech(sound: String, expected: Double) throws {
        let folder = try ScratchFolder()
        let timeline = try Sessions.timeline(Self.script(sound))
        var options = RenderOptions(format: .wav, sampleRate: Self.rate, channels: 2, encoding: .float)
        options.normalize = false
        _ = try SessionRenderer(options: options, speech: Sessions.voice).render(timeline, to: folder.file("bed.wav"))
        let audio = try Measure.read(folder.file("bed.wav"))
        // Away from the fades.
        let body = Array(audio.samples[(10 * Self.rate * 2)..<(50 * Self.rate * 2)])
        let meter = try LoudnessMeter(channels: 2, sampleRate: Self.rate)
        body.withUnsafeBufferPointer { meter.add(interleaved: $0) }
        #expect(abs(meter.integratedLoudness - expected) < 1.5, "\(sound): \(meter.integratedLoudness) LUFS")
    }

    @Test("a binaural bed in a mono file is refused, naming the script's line and why; isochronic renders in mono")
    func binauralNeedsStereo() throws {
        let folder = try ScratchFolder()
        let timeline = try Sessions.timeline(Self.script("{sound: binaural, carrier: 220, beat: 5}", seconds: 5), id: "tones")
        let options = RenderOptions(format: .wav, sampleRate: Self.rate, channels: 1, encoding: .float)
        let renderer = SessionRenderer(options: options, speech: Sessions.voice)
        #expect {
            try renderer.render(timeline, to: folder.file("mono.wav"))
        } throws: { error in
            guard let error = error as? RenderError, error.kind == .invalidOptions else { return false }
            return error.message.hasPrefix("tones.yaml:2:11: ambience 'binaural' needs stereo output") && error.message.contains("one tone in each ear")
                && error.fix?.setting == .channels && error.fix?.values == ["2"]
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("mono.wav")))
        let pulsed = try Sessions.timeline(Self.script("isochronic", seconds: 5))
        let report = try SessionRenderer(options: options, speech: Sessions.voice).render(pulsed, to: folder.file("pulse.wav"))
        #expect(report.frames == 5 * Self.rate)
        #expect(try Measure.read(folder.file("pulse.wav")).channels == 1)
    }
}
