import Foundation
import SootheCore
import SootheFormats
import SootheRender
import Testing

/// The ambience dips about 9 dB while someone speaks. Measured with a fake voice that is silent,
/// so only the bed is heard.
@Suite struct DuckingTests {
    static let rate = 22050

    /// Renders `yaml` with a silent voice; returns the audio, the timeline and its speech spans in frames.
    static func render(_ yaml: String, in folder: ScratchFolder, name: String) throws -> (Measure.Audio, Timeline, [Range<Int>]) {
        let timing = MarkerSpeech(signal: .silence)
        let timeline = try Sessions.timeline(yaml, timing: timing)
        let options = RenderOptions(format: .wav, sampleRate: rate, channels: 2, encoding: .float)
        _ = try SessionRenderer(options: options, speech: timing).render(timeline, to: folder.file(name))
        let spans = CueSheet.speechCues(timeline).map {
            Int(($0.start * Double(rate)).rounded())..<Int(($0.end * Double(rate)).rounded())
        }
        return (try Measure.read(folder.file(name)), timeline, spans)
    }

    /// Frames of `seconds`.
    static func frames(_ seconds: Double) -> Int { Int(seconds * Double(rate)) }

    /// Inside a span, away from its edges.
    static func inner(_ span: Range<Int>) -> Range<Int> { (span.lowerBound + frames(0.1))..<(span.upperBound - frames(0.1)) }

    /// 1.5 s of undisturbed bed just before the dip's attack (0.35 s) and just after its release (1.2 s).
    static func around(_ span: Range<Int>) -> (before: Range<Int>, after: Range<Int>) {
        let before = (span.lowerBound - frames(0.4 + 1.5))..<(span.lowerBound - frames(0.4))
        let after = (span.upperBound + frames(1.25))..<(span.upperBound + frames(1.25 + 1.5))
        return (before, after)
    }

    @Test func bedIsAbout9dBLowerDuringSpeech() throws {
        let folder = try ScratchFolder()
        let (audio, _, spans) = try Self.render(Sessions.ducking, in: folder, name: "ducked.wav")
        #expect(spans.count == 2)
        for span in spans {
            // The bed swells slowly (±1.5 dB over 15–45 s): compare with its level on either side.
            let (before, after) = Self.around(span)
            let free = (Measure.rmsDB(audio, frames: before) + Measure.rmsDB(audio, frames: after)) / 2
            let during = Measure.rmsDB(audio, frames: Self.inner(span))
            #expect(abs(during - free - (-9)) <= 1.5, "bed \(during - free) dB during speech")
            // Back to full level after the release.
            #expect(abs(Measure.rmsDB(audio, frames: before) - Measure.rmsDB(audio, frames: after)) <= 1.5)
        }
    }

    @Test func duckDepthAgainstTheSameBedWithoutSpeech() throws {
        // The same seed gives the same bed: the ratio of the two renders is the ducking curve
        // times the (different) normalisation gains, which cancel against an undisturbed stretch.
        let folder = try ScratchFolder()
        let (ducked, timeline, spans) = try Self.render(Sessions.ducking, in: folder, name: "ducked.wav")
        let (plain, _, none) = try Self.render(Sessions.duckingWithoutSpeech(timeline), in: folder, name: "plain.wav")
        #expect(none.isEmpty)
        #expect(ducked.frames == plain.frames)
        let undisturbed = Self.frames(4)..<Self.frames(5.5)
        let reference = Measure.rmsDB(ducked, frames: undisturbed) - Measure.rmsDB(plain, frames: undisturbed)
        for span in spans {
            let region = Self.inner(span)
            let depth = Measure.rmsDB(ducked, frames: region) - Measure.rmsDB(plain, frames: region) - reference
            #expect(abs(depth - (-9)) <= 0.25, "duck depth \(depth) dB")
            let (_, after) = Self.around(span)
            let recovered = Measure.rmsDB(ducked, frames: after) - Measure.rmsDB(plain, frames: after) - reference
            #expect(abs(recovered) <= 0.25, "after the release: \(recovered) dB")
        }
    }
}
