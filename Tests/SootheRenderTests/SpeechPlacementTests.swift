import Foundation
import SootheAudioIO
import SootheCore
import SootheFormats
import SootheRender
import Testing

/// "A speech cue's start is where its first sample sounds in the rendered file" (cli.md), checked
/// with a fake voice whose clips are known signals and a session with nothing else in it.
@Suite struct SpeechPlacementTests {
    @Test(arguments: [(48000, 1), (44100, 2), (22050, 2)])
    func eachPhraseStartsAtItsCueSample(_ rate: Int, _ channels: Int) throws {
        let folder = try ScratchFolder()
        let timing = MarkerSpeech(signal: .cosine(frequency: 997, amplitude: 0.3))
        let timeline = try Sessions.timeline(Sessions.speechOnly, timing: timing)
        let speech = CueSheet.speechCues(timeline)
        #expect(speech.count == 4)
        #expect(speech.contains { abs(Timeline.milliseconds($0.start) - $0.start) > 1e-7 }, "some starts fall between milliseconds")

        // Float samples, so no quiet sample rounds to zero and no dither adds any.
        let options = RenderOptions(format: .wav, sampleRate: rate, channels: channels, encoding: .float)
        let path = folder.file("speech.wav")
        _ = try SessionRenderer(options: options, speech: timing).render(timeline, to: path)
        let audio = try Measure.read(path)
        #expect(audio.frames == Sessions.expectedFrames(timeline, rate: rate))

        var searchFrom = 0
        for (index, cue) in speech.enumerated() {
            let start = Int((cue.start * Double(rate)).rounded())
            let length = try timing.clip(for: try #require(cue.speech).text, voice: timeline.voice, sampleRate: rate).samples.count
            let first = try #require(Measure.firstSound(audio, from: searchFrom), "phrase \(index) is silent")
            #expect(first == start, "phrase \(index): first sound at frame \(first), cue sheet says \(start)")
            // The cue sheet's millisecond value is within half a millisecond (plus rounding) of it.
            #expect(abs(Double(first) / Double(rate) - Timeline.milliseconds(cue.start)) <= 0.0005 + 1 / Double(rate))
            let end = start + length
            let next = index + 1 < speech.count ? Int((speech[index + 1].start * Double(rate)).rounded()) : audio.frames
            let last = try #require(Measure.lastSound(audio, before: next))
            #expect(last == end - 1, "phrase \(index): last sound at frame \(last), clip ends at \(end - 1)")
            // The marker's crest comes through at the first frame, in every channel.
            for channel in 0..<channels { #expect(audio[first, channel] > 0.05) }
            searchFrom = end
        }
        #expect(Measure.firstSound(audio, from: searchFrom) == nil, "nothing sounds after the last phrase")
    }
}
