import Foundation
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
        // Room for every clip, so each phrase is synthesised once however the calls collide.
        let shared = SpeechSynthesizer(memoryBudget: 256 << 20)
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

    /// Memory holds clips within its budget; those let go come back from the disk cache, not
    /// from espeak-ng, and are the same samples.
    @Test func clipsPastTheBudgetComeBackFromDisk() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("soothe-budget-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let disk = try #require(SpeechDiskCache(directory: folder))
        let phrases = (0..<12).map { "Budget phrase number \($0), said slowly." }
        let roomy = SpeechSynthesizer(memoryBudget: 256 << 20)
        let expected = try phrases.map { try roomy.clip(for: $0, voice: Fixtures.voice, sampleRate: 48000).samples }
        // About two clips' worth: nearly every clip is let go before it is asked again.
        let tight = SpeechSynthesizer(disk: disk, memoryBudget: 600_000)
        for _ in 0..<2 {
            for (index, phrase) in phrases.enumerated() {
                let same = try tight.clip(for: phrase, voice: Fixtures.voice, sampleRate: 48000).samples == expected[index]
                #expect(same, "phrase \(index)")
                #expect(try tight.clipLength(for: phrase, voice: Fixtures.voice, sampleRate: 48000) == expected[index].count)
            }
        }
        #expect(tight.synthesisCount == phrases.count, "a clip let go was spoken again")
        // Without a disk, a clip let go is spoken again: more time, the same samples.
        let forgetful = SpeechSynthesizer(memoryBudget: 600_000)
        for (index, phrase) in (phrases + phrases).enumerated() {
            let same = try forgetful.clip(for: phrase, voice: Fixtures.voice, sampleRate: 48000).samples == expected[index % 12]
            #expect(same)
        }
        #expect(forgetful.synthesisCount > phrases.count)
    }
}
