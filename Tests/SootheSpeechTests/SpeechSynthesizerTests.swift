import Foundation
import SootheCore
import Testing
@testable import SootheSpeech

@Suite("Synthesis with the real espeak-ng")
struct SpeechSynthesizerTests {
    let synth = SpeechSynthesizer()

    @Test func phraseIsAudibleSpeech() throws {
        let clip = try synth.nativeClip(for: "Breathe in slowly through your nose.", voice: Fixtures.voice)
        #expect(clip.sampleRate == 22050)
        // Six words at 130 wpm: roughly two seconds, certainly between one and four.
        #expect(clip.duration > 1 && clip.duration < 4)
        #expect(Fixtures.rms(clip.samples) > 0.03)
        #expect(Fixtures.peak(clip.samples) > 0.2 && Fixtures.peak(clip.samples) <= 1)
    }

    @Test func lengthGrowsWithText() throws {
        let phrases = ["Rest.", "Rest here a while.", "Rest here a while, and let the breath be easy.",
                       Fixtures.passage]
        let durations = try phrases.map { try synth.speechDuration(of: $0, voice: Fixtures.voice) }
        for (shorter, longer) in zip(durations, durations.dropFirst()) {
            #expect(longer > shorter * 1.3, "\(durations)")
        }
    }

    @Test func lengthFallsAsRateRises() throws {
        let durations = try [80, 130, 200, 300].map {
            try synth.speechDuration(of: Fixtures.passage, voice: Fixtures.voice.withRate($0))
        }
        for (slower, faster) in zip(durations, durations.dropFirst()) {
            #expect(faster < slower * 0.85, "\(durations)")
        }
        // espeak-ng's rate is roughly words per minute: 37 words at 130 wpm with a small word gap.
        let wordsPerMinute = 37 * 60 / durations[1]
        #expect(wordsPerMinute > 110 && wordsPerMinute < 150)
    }

    @Test func wordEventsAreMonotonicAndInsideTheAudio() throws {
        let text = "Notice the breath. [1s] Moving in, and moving out."
        let clip = try synth.nativeClip(for: text, voice: Fixtures.voice)
        let spoken = Array(SpeechText.spokenText(of: text).unicodeScalars)
        #expect(clip.words.count == 8)
        for (a, b) in zip(clip.words, clip.words.dropFirst()) {
            #expect(a.frame < b.frame)
            #expect(a.textOffset < b.textOffset)
        }
        for word in clip.words {
            #expect(word.frame >= 0 && word.frame < clip.samples.count)
            let slice = String(String.UnicodeScalarView(spoken[word.textOffset..<word.textOffset + word.length]))
            #expect(slice.allSatisfy { $0.isLetter }, "word '\(slice)'")
        }
        // The second stretch starts after the one-second pause.
        let moving = try #require(clip.words.first { $0.textOffset == 19 })
        #expect(Double(moving.frame) / 22050 > 1.0 + 0.5)
        #expect(clip.sentences.count == 2)
    }

    @Test func silenceIsTrimmedAtBothEnds() throws {
        let clip = try synth.nativeClip(for: "Let go.", voice: Fixtures.voice)
        let tenMs = clip.sampleRate / 100
        // Within 10 ms of each edge the voice sounds (espeak's own ~0.5 s tail is gone) …
        #expect(Fixtures.peak(clip.samples.prefix(tenMs)) > 0.001)
        #expect(Fixtures.peak(clip.samples.suffix(tenMs)) > 0.001)
        // … yet the very first and last samples are quiet: a margin keeps onsets whole.
        #expect(abs(clip.samples.first!) < 0.01)
        #expect(abs(clip.samples.last!) < 0.01)
    }

    @Test(arguments: [1.0, 2.0, 3.5])
    func pauseMarkLengthensByAboutThePause(seconds: Double) throws {
        let plain = try synth.speechDuration(of: "Breathe in. And out.", voice: Fixtures.voice)
        let paused = try synth.speechDuration(of: "Breathe in. [\(seconds)s] And out.", voice: Fixtures.voice)
        // The pause replaces espeak's own sentence gap (about 0.4 s): it adds the pause minus that gap.
        let added = paused - plain
        // (±0.1 s: espeak-ng's timing wobbles a little with what it spoke before.)
        #expect(added > seconds - 0.7 && added < seconds + 0.1, "added \(added)")
        let clip = try synth.nativeClip(for: "Breathe in. [\(seconds)s] And out.", voice: Fixtures.voice)
        #expect(abs(Fixtures.longestSilence(clip) - seconds) < 0.1)
    }

    @Test func pauseAtTheStartIsKept() throws {
        let clip = try synth.nativeClip(for: "[1500ms] Hello.", voice: Fixtures.voice)
        let pause = 33075  // 1.5 s at 22050 Hz
        #expect(Fixtures.peak(clip.samples.prefix(pause)) == 0)
        // The voice follows at once: audible within 20 ms after the pause.
        let onset = try #require(clip.samples.firstIndex { abs($0) > 0.001 })
        #expect(onset >= pause && onset < pause + 441)
        #expect(clip.duration > 1.5 + 0.3)
        #expect(clip.words.first?.frame ?? 0 >= pause)
    }

    @Test func ssmlSpecialCharactersAreSpokenNotParsed() throws {
        let plain = try synth.speechDuration(of: "one two three", voice: Fixtures.voice)
        let symbols = try synth.speechDuration(of: "one < two & three", voice: Fixtures.voice)
        // "less than" and "and" are spoken: clearly longer.
        #expect(symbols > plain + 0.3)
        // Markup in user text is read out, not obeyed: no three-second break appears.
        let text = #"Say <break time="3000ms"/> "softly" & slowly."#
        let markup = try synth.nativeClip(for: text, voice: Fixtures.voice)
        #expect(Fixtures.longestSilence(markup) < 0.5)
        #expect(markup.duration > 2)
        // Words keep their place in the user's text despite the escaping.
        let last = try #require(markup.words.last)
        let slowly = try #require(text.range(of: "slowly"))
        #expect(last.textOffset == text.unicodeScalars.distance(from: text.startIndex, to: slowly.lowerBound))
        #expect(last.length == 6)
    }

    @Test func emptyAndPauseOnlyPhrases() throws {
        #expect(try synth.speechDuration(of: "", voice: Fixtures.voice) == 0)
        let pause = try synth.clip(for: "[2s]", voice: Fixtures.voice, sampleRate: 48000)
        #expect(pause.samples.count == 96000)
        #expect(Fixtures.peak(pause.samples) == 0)
    }

    @Test func repeatedSynthesisIsStable() throws {
        // espeak-ng keeps state across calls (its pitch flutter counter, for one), so two
        // syntheses of one phrase are not sample-identical and their timing moves by up to about
        // 0.1 s depending on what was spoken before (the cache makes every use within a process
        // identical). They must still agree in length, level and word timing.
        let a = try SpeechSynthesizer().nativeClip(for: Fixtures.passage, voice: Fixtures.voice)
        let b = try SpeechSynthesizer().nativeClip(for: Fixtures.passage, voice: Fixtures.voice)
        #expect(abs(a.duration - b.duration) < 0.15)
        #expect(abs(20 * log10(Double(Fixtures.rms(a.samples) / Fixtures.rms(b.samples)))) < 0.2)
        #expect(a.words.count == b.words.count)
        for (x, y) in zip(a.words, b.words) {
            #expect(abs(x.frame - y.frame) < 22050 * 15 / 100)
            #expect(x.textOffset == y.textOffset && x.length == y.length)
        }
    }

    /// A `+f3` variant must reach espeak-ng whether the base is a voice file (`en-us`) or only a
    /// language (`en-gb`, where espeak-ng's own select-by-language would drop the variant).
    @Test(arguments: ["en-gb", "en-us", "es"])
    func femaleVariantRaisesThePitch(base: String) throws {
        func crossingsPerSecond(_ espeak: String) throws -> Double {
            let clip = try synth.nativeClip(
                for: "Hello, how are you today, my friend.", voice: VoiceProfile(name: "v", espeak: espeak))
            var crossings = 0
            for (a, b) in zip(clip.samples, clip.samples.dropFirst()) where (a >= 0) != (b >= 0) {
                crossings += 1
            }
            return Double(crossings) / clip.duration
        }
        let plain = try crossingsPerSecond(base)
        let female = try crossingsPerSecond(base + "+f3")
        // Measured: about 1.6–1.75× (en-gb 1828 → 3078 crossings per second).
        #expect(female > plain * 1.35, "\(base): \(plain) → \(female)")
    }

    @Test func unknownVoiceIsATypedError() throws {
        let voice = VoiceProfile(name: "bad", espeak: "en_us+f3")
        let error = try #require(throws: SpeechError.self) {
            try synth.clip(for: "Hello.", voice: voice, sampleRate: 44100)
        }
        guard case .unknownVoice(let name, let suggestions) = error.kind else {
            Issue.record("wrong kind \(error.kind)")
            return
        }
        #expect(name == "en_us+f3")
        #expect(suggestions.first == "en-us+f3")
        #expect(error.description.contains("en-us+f3"))
        // The engine is still usable afterwards.
        #expect(try synth.speechDuration(of: "Still here.", voice: Fixtures.voice) > 0.3)
    }
}
