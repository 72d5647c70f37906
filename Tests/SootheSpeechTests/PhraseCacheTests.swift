import SootheCore
import Testing
@testable import SootheSpeech

@Suite("Phrase cache")
struct PhraseCacheTests {
    @Test func identicalPhraseIsSynthesisedOnce() throws {
        let synth = SpeechSynthesizer()
        let first = try synth.clip(for: "Breathe in.", voice: Fixtures.voice, sampleRate: 44100)
        #expect(synth.synthesisCount == 1)
        for _ in 0..<20 {
            let again = try synth.clip(for: "Breathe in.", voice: Fixtures.voice, sampleRate: 44100)
            let identical = again.samples == first.samples
            #expect(identical)
            _ = try synth.speechDuration(of: "Breathe in.", voice: Fixtures.voice)
        }
        // Another output rate resamples the cached native clip; no new synthesis.
        let other = try synth.clip(for: "Breathe in.", voice: Fixtures.voice, sampleRate: 48000)
        #expect(other.samples.count != first.samples.count)
        #expect(synth.synthesisCount == 1)
    }

    @Test func profileNameDoesNotMatterButSettingsDo() throws {
        let synth = SpeechSynthesizer()
        var renamed = Fixtures.voice
        renamed.name = "renamed"
        renamed.description = "same sound"
        let a = try synth.nativeClip(for: "Breathe out.", voice: Fixtures.voice)
        let b = try synth.nativeClip(for: "Breathe out.", voice: renamed)
        let identical = a.samples == b.samples
        #expect(identical)
        #expect(synth.synthesisCount == 1)
        _ = try synth.nativeClip(for: "Breathe out.", voice: Fixtures.voice.withRate(150))
        var higher = Fixtures.voice
        higher.pitch = 60
        _ = try synth.nativeClip(for: "Breathe out.", voice: higher)
        #expect(synth.synthesisCount == 3)
    }

    @Test func manyConcurrentCallersAreSafeAndConsistent() async throws {
        let phrases = (0..<50).map { "Breath number \($0 % 10). Let it be \(["slow", "soft", "easy"][$0 % 3])." }
        let rates = [22050, 44100, 48000]
        let serial = SpeechSynthesizer()
        var expected: [SpeechClip] = []
        for (index, phrase) in phrases.enumerated() {
            expected.append(try serial.clip(for: phrase, voice: Fixtures.voice, sampleRate: rates[index % 3]))
        }
        let shared = SpeechSynthesizer()
        let results = try await withThrowingTaskGroup(of: [SpeechClip?].self) { group in
            for task in 0..<8 {
                group.addTask {
                    // Each task walks the phrases from a different start, so calls collide.
                    var clips = [SpeechClip?](repeating: nil, count: phrases.count)
                    for step in 0..<phrases.count {
                        let index = (step + task * 7) % phrases.count
                        clips[index] = try shared.clip(
                            for: phrases[index], voice: Fixtures.voice, sampleRate: rates[index % 3])
                    }
                    return clips
                }
            }
            var all: [[SpeechClip?]] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 8)
        // 30 distinct texts (i % 10 and i % 3 repeat together every 30): each synthesised once.
        #expect(shared.synthesisCount == Set(phrases).count)
        let reference = results[0].map { $0! }
        for result in results.dropFirst() {
            let identical = zip(result, reference).allSatisfy { $0!.samples == $1.samples && $0!.words == $1.words }
            #expect(identical, "every caller gets the one cached clip")
        }
        // The same phrases as a serial run, sample for sample: every phrase is spoken from the
        // same espeak-ng state, whatever was spoken before it or at the same time.
        for (clip, serialClip) in zip(reference, expected) {
            #expect(clip.sampleRate == serialClip.sampleRate)
            let identical = clip.samples == serialClip.samples && clip.words == serialClip.words
            #expect(identical)
        }
    }
}
