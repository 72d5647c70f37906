import Testing
@testable import SootheCore

@Suite struct TimelineBuilderTests {
    static let tolerance = 1e-9

    /// Builds a script that must give a timeline without diagnostics.
    func timeline(_ steps: String, timing: any SpeechTiming = FixedSpeechTiming(seconds: 1)) throws -> Timeline {
        let (timeline, diagnostics) = try TestScripts.build(TestScripts.session(steps), timing: timing)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
        return try #require(timeline)
    }

    func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < Self.tolerance }
    }

    func breaths(_ timeline: Timeline, _ phase: BreathPhase) -> [Cue] {
        timeline.cues.filter { $0.breath?.phase == phase }
    }

    // MARK: preparation

    /// A provider that wants it is handed every distinct phrase of the session, once, before the
    /// build asks about any; one that does not is never called.
    @Test func everyPhraseIsHandedOverOnceBeforeTheBuild() throws {
        let steps = """
              - say: Welcome.
              - breathe: {pattern: 4-0-4-0, cycles: 3, prompts: {inhale: In, exhale: Out}}
              - say: Welcome.
              - {say: Slowly now., voice: warm}

            """
        let timing = FixedSpeechTiming(seconds: 1, wantsPreparation: true)
        _ = try TestScripts.build(TestScripts.session(steps), timing: timing)
        let prepared = try #require(timing.preparations.first)
        #expect(timing.preparations.count == 1)
        // Handed over before any question: a builder that asked first would speak one at a time.
        #expect(timing.events.first == .prepared(prepared), "first call: \(String(describing: timing.events.first))")
        #expect(prepared.map(\.text) == ["Welcome.", "In", "Out", "Slowly now."])
        #expect(Set(timing.requests) == Set(prepared.map(\.text)), "the build asks about exactly those")

        let plain = FixedSpeechTiming(seconds: 1)
        _ = try TestScripts.build(TestScripts.session(steps), timing: plain)
        #expect(plain.preparations.isEmpty)
    }

    // MARK: breathe

    /// Issue 2: `pattern: 4-7-8-0, cycles: 4` gives inhales at 0, 19, 38, 57 s and a 76 s section.
    @Test func fourSevenEightTimings() throws {
        let t = try timeline("  - breathe: {pattern: 4-7-8-0, cycles: 4}\n")
        let inhales = breaths(t, .inhale)
        #expect(close(inhales.map(\.start), [0, 19, 38, 57]))
        #expect(inhales.map(\.breath?.cycle) == [1, 2, 3, 4])
        #expect(inhales.allSatisfy { abs($0.duration - 4) < Self.tolerance })
        #expect(close(breaths(t, .hold).map(\.start), [4, 23, 42, 61]))
        #expect(close(breaths(t, .exhale).map(\.start), [11, 30, 49, 68]))
        #expect(breaths(t, .exhale).allSatisfy { abs($0.duration - 8) < Self.tolerance })
        #expect(breaths(t, .rest).isEmpty, "zero-length phases make no cue")
        #expect(abs(t.duration - 76) < Self.tolerance)
        let span = try #require(t.steps.first)
        #expect((span.kind, span.start, span.end, span.line) == (StepKind.breathe, 0, 76, 3))
        #expect(span.label == "Breathe 4-7-8-0 × 4")
        #expect(abs((span.breathsPerMinute ?? 0) - 4 / (76.0 / 60)) < 1e-9)
        #expect(t.cues.allSatisfy { $0.line == 3 && $0.breath?.tone == .standard })
    }

    /// Issue 2: `to:` moves every phase linearly from the first cycle to the last.
    @Test func toInterpolatesLinearlyFromFirstToLastCycle() throws {
        let t = try timeline("  - breathe: {pattern: 4-0-4-0, to: 6-2-8-1, cycles: 5}\n")
        #expect(close(breaths(t, .inhale).map(\.duration), [4, 4.5, 5, 5.5, 6]))
        #expect(close(breaths(t, .hold).map(\.duration), [0.5, 1, 1.5, 2]))  // cycle 1 has no hold
        #expect(breaths(t, .hold).map(\.breath?.cycle) == [2, 3, 4, 5])
        #expect(close(breaths(t, .exhale).map(\.duration), [4, 5, 6, 7, 8]))
        #expect(close(breaths(t, .rest).map(\.duration), [0.25, 0.5, 0.75, 1]))
        // Cycle lengths 8, 10.25, 12.5, 14.75, 17: inhales start at their running sums.
        #expect(close(breaths(t, .inhale).map(\.start), [0, 8, 18.25, 30.75, 45.5]))
        #expect(abs(t.duration - 62.5) < Self.tolerance)
        #expect(t.steps.first?.label == "Breathe 4-0-4-0 → 6-2-8-1 × 5")
    }

    /// Issue 2: `duration:` rounds the count so the section ends on a whole breath.
    @Test(arguments: [
        ("box", "5m", 19, 304.0),  // 300 / 16 = 18.75
        ("coherent", "5m", 30, 300.0),  // exactly 30 × 10 s
        ("4-7-8-0", "5m", 16, 304.0),  // 300 / 19 = 15.8
        ("4-7-8-0", "10s", 1, 19.0),  // 0.53 → 1
        ("box", "1s", 1, 16.0),  // never fewer than one breath
        ("3-0-7-0", "2m34s", 15, 150.0),  // 15.4 → 15
        ("3-0-7-0", "2m36s", 16, 160.0),  // 15.6 → 16
    ])
    func durationEndsOnAWholeBreath(_ pattern: String, _ fill: String, _ cycles: Int, _ length: Double) throws {
        let t = try timeline("  - breathe: {pattern: \(pattern), duration: \(fill)}\n")
        #expect(breaths(t, .inhale).count == cycles)
        #expect(breaths(t, .inhale).last?.breath?.cycle == cycles)
        #expect(abs(t.duration - length) < Self.tolerance)
        let lastPhase = try #require(t.cues.last)
        #expect(abs(lastPhase.end - length) < Self.tolerance, "the section ends where the last breath ends")
    }

    @Test func durationWithToUsesTheAverageCycle() throws {
        // Cycles from 8 s to 12 s average 10 s: 60 s is 6 cycles of 8, 8.8, 9.6, 10.4, 11.2, 12.
        let t = try timeline("  - breathe: {pattern: 4-0-4-0, to: 4-0-8-0, duration: 1m}\n")
        #expect(breaths(t, .inhale).count == 6)
        #expect(abs(t.duration - 60) < 1e-9)
    }

    @Test func sighHasATopUpInhale() throws {
        let t = try timeline("  - breathe: {pattern: sigh, cycles: 2}\n")
        #expect(t.cues.map(\.breath?.phase) == [.inhale, .topUp, .exhale, .inhale, .topUp, .exhale])
        #expect(close(t.cues.map(\.start), [0, 2.5, 3.5, 11, 13.5, 14.5]))
        #expect(abs(t.duration - 22) < Self.tolerance)
    }

    @Test func toneOffIsCarriedOnEveryBreathCue() throws {
        let t = try timeline("  - breathe: {pattern: belly, cycles: 2, tone: false}\n")
        #expect(t.cues.count == 4)
        #expect(t.cues.allSatisfy { $0.breath?.tone == .silent })
    }

    @Test func aToneStyleIsCarriedOnEveryBreathCue() throws {
        let t = try timeline("  - breathe: {pattern: box, cycles: 2, tone: {style: chime, pitch: 330, level: -3}}\n")
        #expect(t.cues.count == 8)
        #expect(t.cues.allSatisfy { $0.breath?.tone == BreathToneSpec(style: .chime, pitch: 330, level: -3) })
    }

    // MARK: prompts and counting

    @Test func promptsSoundAtPhaseStartsOnTheFirstPromptCycles() throws {
        let timing = FixedSpeechTiming(seconds: 1)
        let t = try timeline("""
              - breathe:
                  pattern: 4-0-6-0
                  cycles: 3
                  prompts: {inhale: Breathe in, exhale: And out}
                  prompt-cycles: 2

            """, timing: timing)
        let speech = t.cues.filter { $0.kind == .speech }
        #expect(speech.map { $0.speech?.text ?? "" } == ["Breathe in", "And out", "Breathe in", "And out"])
        #expect(close(speech.map(\.start), [0, 4, 10, 14]))
        #expect(close(speech.map(\.end), [1, 5, 11, 15]))
        #expect(speech.map(\.speech?.cycle) == [1, 1, 2, 2])
        #expect(speech.allSatisfy { $0.line == 6 && $0.speech?.voice.name == "gentle" })
        #expect(timing.calls == 4, "no speech is timed for unprompted cycles")
        #expect(abs(t.duration - 30) < Self.tolerance, "prompts do not lengthen the section")
    }

    @Test func promptsDefaultToEveryCycle() throws {
        let t = try timeline("  - breathe: {pattern: belly, cycles: 4, prompts: {exhale: Out}}\n")
        let speech = t.cues.filter { $0.kind == .speech }
        #expect(close(speech.map(\.start), [5, 15, 25, 35]))
    }

    @Test func countSpeaksTheSecondsOfEachPhase() throws {
        let t = try timeline("  - breathe: {pattern: 4-0-4-0, cycles: 2, count: true, prompt-cycles: 1}\n",
                             timing: FixedSpeechTiming(seconds: 0.5))
        let counts = t.cues.filter { $0.kind == .speech }
        #expect(counts.map { $0.speech?.text ?? "" } == ["two", "three", "four", "two", "three", "four"])
        #expect(close(counts.map(\.start), [1, 2, 3, 5, 6, 7]), "only the guided first cycle is counted")
        #expect(counts.allSatisfy { $0.speech?.level == -6 && $0.speech?.cycle == 1 })
    }

    @Test func countSkipsSecondsWhileAPromptIsSpoken() throws {
        let timing = FixedSpeechTiming(seconds: 0.5, overrides: ["Breathe in": 1.5])
        let t = try timeline("  - breathe: {pattern: 4-0-4-0, cycles: 1, count: true, prompts: {inhale: Breathe in}}\n", timing: timing)
        let speech = t.cues.filter { $0.kind == .speech }
        #expect(speech.map { $0.speech?.text ?? "" } == ["Breathe in", "three", "four", "two", "three", "four"])
        #expect(close(speech.map(\.start), [0, 2, 3, 5, 6, 7]))
    }

    @Test func countUsesTheVoicesLanguage() throws {
        let (timeline, _) = try TestScripts.build(
            "title: T\nvoice: calma\nsteps:\n  - breathe: {pattern: 3-0-3-0, cycles: 1, count: true}\n",
            timing: FixedSpeechTiming(seconds: 0.4))
        let words = try #require(timeline).cues.compactMap(\.speech?.text)
        #expect(words == ["dos", "tres", "dos", "tres"])
    }

    /// Issue 2 point 4: a prompt longer than its phase is a warning with both lengths.
    @Test func promptLongerThanItsPhaseWarnsWithBothLengths() throws {
        let timing = FixedSpeechTiming(seconds: 1, overrides: ["Breathe in slowly and deeply": 5.2])
        let (timeline, diagnostics) = try TestScripts.build(TestScripts.session("""
              - breathe:
                  pattern: 4-0-6-0
                  cycles: 3
                  prompts: {inhale: Breathe in slowly and deeply, exhale: Out}

            """), timing: timing)
        #expect(timeline != nil, "a warning does not stop the build")
        #expect(diagnostics.count == 1, "one warning, not one per cycle: \(diagnostics)")
        let warning = try #require(diagnostics.first)
        #expect(warning.severity == .warning)
        #expect((warning.line, warning.column) == (6, 25))
        #expect(warning.message.contains("5.2 s"))
        #expect(warning.message.contains("4.0 s"))
        #expect(warning.message.contains("inhale"))
    }

    @Test func promptWarningUsesTheShortestPhaseOfATransition() throws {
        // The exhale shrinks from 6 s to 2 s; a 3 s prompt fits the first cycles but not the last.
        let (_, diagnostics) = try TestScripts.build(
            TestScripts.session("  - breathe: {pattern: 4-0-6-0, to: 4-0-2-0, cycles: 3, prompts: {exhale: Out}}\n"),
            timing: FixedSpeechTiming(seconds: 3))
        let warning = try #require(diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("3.0 s") && warning.message.contains("2.0 s"))
    }

    @Test func promptThatFitsGivesNoWarning() throws {
        let (_, diagnostics) = try TestScripts.build(
            TestScripts.session("  - breathe: {pattern: 4-0-6-0, cycles: 2, prompts: {inhale: In}}\n"),
            timing: FixedSpeechTiming(seconds: 4))
        #expect(diagnostics.isEmpty)
    }

    // MARK: say, pause, chime, repeat

    @Test func stepsRunBackToBackFromZero() throws {
        let timing = FixedSpeechTiming(seconds: 1.5, overrides: ["Two.": 2.25])
        let t = try timeline("""
              - say: One.
                after: 2s
              - say: Two.
                voice: warm
                rate: 200
              - pause: 3s

            """, timing: timing)
        #expect(t.cues.map(\.kind) == [.speech, .speech, .pause])
        #expect(close(t.cues.map(\.start), [0, 3.5, 5.75]))
        #expect(close(t.cues.map(\.end), [1.5, 5.75, 8.75]))
        #expect(t.cues[0].speech?.voice.name == "gentle" && t.cues[0].speech?.voice.rate == 120)
        #expect(t.cues[1].speech?.voice.name == "warm" && t.cues[1].speech?.voice.rate == 200)
        #expect(t.voice.name == "gentle")
        #expect(abs(t.duration - 8.75) < Self.tolerance)
        #expect(t.steps.map(\.kind) == [.say, .say, .pause])
        #expect(close(t.steps.map(\.start), [0, 3.5, 5.75]))
        #expect(close(t.steps.map(\.end), [3.5, 5.75, 8.75]))
        #expect(abs(t.speechSeconds - 3.75) < Self.tolerance)
    }

    @Test func chimeWaitsAndItsRingExtendsTheSession() throws {
        let t = try timeline("  - chime: bell\n  - pause: 2s\n")
        let bell = try #require(t.cues.first)
        #expect((bell.chime?.kind, bell.start, bell.end, bell.chime?.strikes) == (ChimeKind.bell, 0, 8, 1))
        #expect(abs(t.cues[1].start - Step.Chime.defaultWait) < Self.tolerance)
        #expect(abs(t.duration - 8) < Self.tolerance, "the session lasts until the bell has faded")

        let waited = try timeline("  - {chime: bell, wait: 3s, strikes: 2, level: -6}\n  - pause: 2s\n")
        #expect(abs(waited.cues[1].start - 3) < Self.tolerance)
        #expect(abs(waited.cues[0].end - (8 + ChimeKind.strikeInterval)) < Self.tolerance)
        #expect(waited.cues[0].chime?.level == -6 && waited.cues[0].chime?.strikes == 2)
        #expect(abs(waited.duration - 10.5) < Self.tolerance)
    }

    @Test(arguments: ChimeKind.allCases)
    func theLastStepEndsTheSessionWhenNoBellRingsOn(_ kind: ChimeKind) throws {
        let t = try timeline("  - chime: \(kind.rawValue)\n  - pause: 20s\n")
        #expect(abs(t.duration - 21.5) < Self.tolerance)
        #expect(abs(t.cues[0].duration - kind.ringSeconds) < Self.tolerance)
    }

    @Test func pauseWithIntervalBells() throws {
        let t = try timeline("  - {pause: 10m, chime-every: 3m, chime: bell}\n")
        let bells = t.cues.filter { $0.kind == .chime }
        #expect(close(bells.map(\.start), [180, 360, 540]))
        #expect(bells.allSatisfy { $0.chime?.kind == .bell && $0.chime?.level == -3 && $0.line == 3 })
        #expect(t.cues.first?.kind == .pause)
        #expect(close([t.cues[0].start, t.cues[0].end], [0, 600]))
        #expect(abs(t.duration - 600) < Self.tolerance)

        let even = try timeline("  - {pause: 10m, chime-every: 5m}\n")
        #expect(even.cues.filter { $0.kind == .chime }.map(\.start) == [300], "no bell at the very end")
        #expect(even.cues.last?.chime?.kind == .softChime)
    }

    @Test func intervalBellRingingPastThePauseExtendsTheSession() throws {
        let t = try timeline("  - {pause: 10s, chime-every: 4s, chime: singing-bowl}\n")
        #expect(close(t.cues.filter { $0.kind == .chime }.map(\.start), [4, 8]))
        #expect(abs(t.duration - 23) < Self.tolerance)
    }

    /// Issue 2: `repeat` with `for` substitutes `{item}` in every text.
    @Test func repeatForSubstitutesItem() throws {
        let timing = FixedSpeechTiming(seconds: 2, overrides: ["feet in": 0.5, "hands in": 0.5])
        let t = try timeline("""
              - repeat:
                  for: [feet, hands]
                  steps:
                    - say: Relax your {item}.
                      after: 1s
                    - breathe: {pattern: 1-0-1-0, cycles: 1, prompts: {inhale: '{item} in'}}

            """, timing: timing)
        let speech = t.cues.filter { $0.kind == .speech }
        #expect(speech.map { $0.speech?.text ?? "" } == ["Relax your feet.", "feet in", "Relax your hands.", "hands in"])
        #expect(close(speech.map(\.start), [0, 3, 5, 8]))
        #expect(timing.requests == ["Relax your feet.", "feet in", "Relax your hands.", "hands in"])
        #expect(abs(t.duration - 10) < Self.tolerance)
        #expect(t.steps.count == 4, "one span per step copy")
    }

    @Test func repeatTimesCopiesItsSteps() throws {
        let t = try timeline("  - repeat: {times: 3, steps: [{pause: 2s}, {chime: wood-block, wait: 1s}]}\n")
        #expect(close(t.cues.filter { $0.kind == .pause }.map(\.start), [0, 3, 6]))
        #expect(close(t.cues.filter { $0.kind == .chime }.map(\.start), [2, 5, 8]))
        #expect(abs(t.duration - 9) < Self.tolerance)
    }

    @Test func nestedRepeatKeepsTheInnerItem() throws {
        let t = try timeline("  - repeat: {for: [a, b], steps: [{repeat: {times: 2, steps: [{say: '{item}'}]}}]}\n")
        #expect(t.cues.map { $0.speech?.text ?? "" } == ["a", "a", "b", "b"])
    }

    @Test func cuesAreOrderedByStartWithTiesInScriptOrder() throws {
        let t = try timeline("  - {chime: bell, wait: 0s}\n  - breathe: {pattern: belly, cycles: 2, prompts: {inhale: In}}\n")
        #expect(zip(t.cues, t.cues.dropFirst()).allSatisfy { $0.start <= $1.start })
        #expect(t.cues.prefix(3).map(\.kind) == [.chime, .breath, .speech])
    }

    // MARK: limits and failures

    /// Issue 2 point 4: absurd sizes are rejected before any work (no speech is timed).
    @Test(arguments: [
        ("  - repeat: {times: 10000, steps: [{breathe: {pattern: box, cycles: 100000, prompts: {inhale: In}}}]}\n", "24-hour limit"),
        ("  - say: Hello.\n  - repeat: {times: 2, steps: [{say: Hi.}, {pause: 13h}]}\n", "at least 26:00:00"),
        ("  - say: Hello.\n  - {pause: 23h, chime-every: 50ms}\n", "more than the limit of 1000000"),
    ])
    func absurdSizesAreRejectedBeforeAnyWork(_ steps: String, _ fragment: String) throws {
        let timing = FixedSpeechTiming(seconds: 1)
        let clock = ContinuousClock()
        let started = clock.now
        let (timeline, diagnostics) = try TestScripts.build(TestScripts.session(steps), timing: timing)
        let elapsed = clock.now - started
        #expect(timeline == nil)
        #expect(timing.calls == 0, "the speech timing must not be asked")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.message.contains(fragment) == true, "\(diagnostics)")
        #expect(diagnostics.first?.line == 3)
        #expect(elapsed < .seconds(2), "rejected in \(elapsed)")
    }

    @Test func speechThatMakesTheSessionTooLongIsRejected() throws {
        let (timeline, diagnostics) = try TestScripts.build(
            TestScripts.session("  - say: A very long speech.\n"), timing: FixedSpeechTiming(seconds: 90_000))
        #expect(timeline == nil)
        #expect(diagnostics.contains { $0.severity == .error && $0.message.contains("lasts 25:00:00") })
    }

    @Test func aVoiceThatCannotSpeakIsReportedOnce() throws {
        let (timeline, diagnostics) = try TestScripts.build(
            TestScripts.session("  - say: One.\n  - say: Two.\n"), timing: FailingSpeechTiming())
        #expect(timeline == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message == "cannot speak with voice profile 'gentle' (espeak-ng voice 'en-us+f3'): voice not installed")
        #expect((diagnostics.first?.line, diagnostics.first?.column) == (3, 5))
    }

    /// Speech the machine cannot give is not the script's fault: no diagnostic on any line, the
    /// build throws it, after asking once.
    @Test func speechThatCannotBeHadIsThrownNotPinnedToALine() throws {
        let (script, _) = TestScripts.parse(TestScripts.session("  - say: One.\n  - say: Two.\n"))
        let timing = UnavailableSpeechTiming()
        let builder = TimelineBuilder(voices: TestScripts.voices, timing: timing)
        #expect(throws: SpeechUnavailable("cannot start the speech process: Resource temporarily unavailable")) {
            _ = try builder.build(try #require(script))
        }
        #expect(timing.calls == 1)
        let loaded = SessionLoader(voices: VoiceLibrary(profiles: TestScripts.voices), timing: timing)
            .load(bytes: Array(TestScripts.session("  - say: One.\n").utf8), file: "s.yaml", defaultID: "s")
        #expect(loaded.timeline == nil)
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.speechUnavailable?.message == "cannot start the speech process: Resource temporarily unavailable")
    }

    @Test func aVoiceTheBuilderDoesNotKnowIsAnError() throws {
        let (script, _) = TestScripts.parse(TestScripts.session("  - say: Hi.\n    voice: warm\n"))
        let builder = TimelineBuilder(voices: ["gentle": TestScripts.voices["gentle"]!], timing: FixedSpeechTiming(seconds: 1))
        let (timeline, diagnostics) = try builder.build(try #require(script))
        #expect(timeline == nil)
        #expect(diagnostics.map { "\($0.line):\($0.column)" } == ["4:12"])
        #expect(diagnostics.first?.message.contains("unknown voice profile 'warm'") == true)
    }

    @Test func withNoVoiceProfilesTheFallbackSpeaks() throws {
        let (script, _) = TestScripts.parse(TestScripts.session("  - say: Hi.\n"))
        let (timeline, diagnostics) = try TimelineBuilder(voices: [:], timing: FixedSpeechTiming(seconds: 1)).build(try #require(script))
        #expect(diagnostics.isEmpty)
        #expect(timeline?.voice == VoiceProfile.fallback)
    }

    // MARK: the estimate

    @Test(arguments: [
        ("one two three four", 0, 2.0),  // 4 words at 120 wpm
        ("One two. Three four.", 0, 2.4),  // plus 0.4 s between sentences
        ("one two [1.5s] three four", 0, 3.5),  // plus the pause mark
        ("one two three four", 8, 2.24),  // plus 3 gaps of 80 ms
    ])
    func estimatedTimingFollowsWordsRateAndPauses(_ text: String, _ wordGap: Int, _ seconds: Double) throws {
        let voice = VoiceProfile(name: "v", espeak: "en", rate: 120, wordGap: wordGap)
        #expect(abs(try EstimatedSpeechTiming().speechDuration(of: text, voice: voice) - seconds) < 1e-9)
    }
}
