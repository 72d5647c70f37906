import Testing
@testable import SootheCore
import SootheFormats

/// `length:` fits a session to a length by stretching its pauses by one factor; `stretch:`
/// chooses the pauses; a length out of reach is a located error; `soothe breathe --minutes`
/// lasts its minutes.
@Suite struct LengthFittingTests {
    static let script = """
        title: T
        length: 10m
        steps:
          - chime: singing-bowl
          - pause: 6s
          - say: Welcome.
          - pause: 4s
          - breathe: {pattern: coherent, duration: 95s}
          - say: Notice how you feel.
          - pause: 10s
          - chime: bell
          - pause: 8s

        """

    static func build(_ yaml: String, speech: Double = 2) throws -> (timeline: Timeline?, diagnostics: [Diagnostic]) {
        try TestScripts.build(yaml, timing: FixedSpeechTiming(seconds: speech))
    }

    static func pauses(_ timeline: Timeline) -> [Cue] { timeline.cues.filter { $0.kind == .pause } }

    @Test(arguments: ["10m", "3m", "2:10", "20m"])
    func sessionLastsItsLength(_ length: String) throws {
        let yaml = Self.script.replacingAll("length: 10m", with: "length: \(length)")
        let timeline = try #require(try Self.build(yaml).timeline)
        let target = try DurationParser.parse(length)
        #expect(abs(timeline.duration - target) <= 0.05, "\(length): \(timeline.duration)")
        // Every pause by the same factor, breathing untouched: 95 s is 10 breaths of 10 s.
        let fit = try #require(timeline.fit)
        for (cue, written) in zip(Self.pauses(timeline), [6.0, 4, 10, 8]) {
            #expect(cue.written == written)
            #expect(abs(cue.duration - written * fit.factor) < 1e-6, "\(length): \(cue.duration) for \(written)")
        }
        #expect(fit.pauses == 4)
        #expect(timeline.cues.filter { $0.breath?.phase == .inhale }.count == 10)
        let breathing = try #require(timeline.steps.first { $0.kind == .breathe })
        #expect(abs(breathing.end - breathing.start - 100) < 1e-9)
    }

    @Test func withoutLengthNothingStretches() throws {
        let yaml = Self.script.replacingAll("length: 10m\n", with: "")
        let timeline = try #require(try Self.build(yaml).timeline)
        #expect(timeline.fit == nil)
        #expect(Self.pauses(timeline).map(\.duration) == [6, 4, 10, 8])
        #expect(Self.pauses(timeline).allSatisfy { $0.written == nil })
    }

    @Test func onlyPausesMarkedStretchTrueStretch() throws {
        let yaml = Self.script.replacingAll("  - pause: 4s\n", with: "  - {pause: 4s, stretch: true}\n")
            .replacingAll("  - pause: 10s\n", with: "  - {pause: 10s, stretch: true}\n")
        let timeline = try #require(try Self.build(yaml).timeline)
        #expect(abs(timeline.duration - 600) <= 0.05)
        let lengths = Self.pauses(timeline).map(\.duration)
        #expect(lengths[0] == 6 && lengths[3] == 8, "unmarked pauses keep their length: \(lengths)")
        #expect(abs(lengths[2] / lengths[1] - 2.5) < 1e-6, "marked pauses keep their proportion: \(lengths)")
        #expect(timeline.fit?.pauses == 2)
    }

    @Test func stretchFalseKeepsAPause() throws {
        let yaml = Self.script.replacingAll("  - pause: 8s\n", with: "  - {pause: 8s, stretch: false}\n")
        let timeline = try #require(try Self.build(yaml).timeline)
        #expect(abs(timeline.duration - 600) <= 0.05)
        #expect(Self.pauses(timeline).last?.duration == 8)
        #expect(Self.pauses(timeline).last?.written == nil)
    }

    @Test func aLengthTooShortIsALocatedErrorSayingByHowMuch() throws {
        let yaml = Self.script.replacingAll("length: 10m", with: "length: 1m")
        let (timeline, diagnostics) = try Self.build(yaml)
        #expect(timeline == nil)
        let error = try #require(diagnostics.first { $0.severity == .error })
        #expect((error.line, error.column) == (2, 9))
        // The shortest: every pause at a quarter (the closing bell then rings past the last one).
        let quarters = Self.script.replacingAll("length: 10m\n", with: "").replacingAll("pause: 6s", with: "pause: 1.5s")
            .replacingAll("pause: 4s", with: "pause: 1s").replacingAll("pause: 10s", with: "pause: 2.5s").replacingAll("pause: 8s", with: "pause: 2s")
        let shortest = try #require(try Self.build(quarters).timeline).duration
        #expect(error.message.contains("'length' 1:00 cannot be reached"), "\(error)")
        #expect(error.message.contains("is \(TimelineBuilder.clock(shortest)) (\(TimelineBuilder.clock(shortest - 60)) over)"), "\(error)")
    }

    @Test func aLengthTooLongIsALocatedError() throws {
        let yaml = Self.script.replacingAll("length: 10m", with: "length: 2h")
        let (timeline, diagnostics) = try Self.build(yaml)
        #expect(timeline == nil)
        let error = try #require(diagnostics.first { $0.severity == .error })
        #expect((error.line, error.column) == (2, 9))
        #expect(error.message.contains("the longest the session can be"), "\(error)")
        #expect(error.message.contains("short)"), "\(error)")
    }

    @Test func noPauseToStretchIsALocatedError() throws {
        let yaml = "title: T\nlength: 2m\nsteps:\n  - say: Hello.\n  - {pause: 3s, stretch: false}\n"
        let (timeline, diagnostics) = try Self.build(yaml)
        #expect(timeline == nil)
        let error = try #require(diagnostics.first { $0.severity == .error })
        #expect((error.line, error.column) == (2, 9))
        #expect(error.message.contains("no pause can stretch"), "\(error)")
    }

    /// A pause with no place to stretch within a second of the length is fine as it is.
    @Test func noPauseNeededWhenWithinTolerance() throws {
        let yaml = "title: T\nlength: 0:12.3\nsteps:\n  - say: Hello.\n  - {pause: 10s, stretch: false}\n"
        let timeline = try #require(try Self.build(yaml).timeline)
        #expect(timeline.duration == 12)
    }

    /// Interval bells multiply as their pause stretches: past the cue limit it is an error at
    /// `length:`, not a run out of memory.
    @Test func stretchedIntervalBellsStayUnderTheCueLimit() throws {
        let yaml = "title: T\nlength: 15h\nsteps:\n  - {pause: 1h, chime-every: 50ms}\n"
        let (timeline, diagnostics) = try Self.build(yaml)
        #expect(timeline == nil)
        #expect(diagnostics.contains { $0.line == 2 && $0.message.contains("more than 1000000 cues") }, "\(diagnostics)")
    }

    @Test func lengthIsParsedAsADuration() {
        let (script, _) = TestScripts.parse("title: T\nlength: 1m30s\nsteps:\n  - pause: 1s\n")
        #expect(script?.length == LengthTarget(seconds: 90, location: SourceLocation(line: 2, column: 9)))
        let bad = TestScripts.parse("title: T\nlength: ten minutes\nsteps:\n  - pause: 1s\n").diagnostics
        #expect(bad.contains { $0.line == 2 && $0.message.contains("malformed duration 'ten minutes' for 'length'") })
        let stretch = TestScripts.parse("title: T\nsteps:\n  - {pause: 1s, stretch: maybe}\n").diagnostics
        #expect(stretch.contains { $0.line == 3 && $0.message.contains("'stretch' expects true or false") })
    }

    /// A repeated pause stretches in every copy, and a fitted session ending on a ringing bell
    /// counts the ring.
    @Test func repeatedPausesAndRingingBells() throws {
        let yaml = "title: T\nlength: 5m\nsteps:\n  - repeat: {times: 3, steps: [{say: Breathe.}, {pause: 20s}]}\n  - chime: singing-bowl\n"
        let timeline = try #require(try Self.build(yaml).timeline)
        #expect(abs(timeline.duration - 300) <= 0.05)
        #expect(Self.pauses(timeline).count == 3)
        #expect(Set(Self.pauses(timeline).map(\.duration)).count == 1)
    }

    @Test func previewMarksStretchedPauses() throws {
        let timeline = try #require(try Self.build(Self.script).timeline)
        let table = PreviewTable.render(timeline)
        let fit = try #require(timeline.fit)
        let stretched = (6 * fit.factor * 10).rounded() / 10
        #expect(table.contains("silence (6.0s → \(stretched)s, stretched)"), "\(table)")
        #expect(table.contains("Fitted to length 10:00: 4 pauses stretched ×"), "\(table)")
        #expect(CueSheet.json(timeline).contains("\"kind\": \"pause\", \"written\": 6.0, \"line\": 5}"))
        // The page says it too: the fit among the facts, each stretched pause marked and described.
        let page = HTMLPreview.page(timeline)
        #expect(page.contains("<dt>Fitted</dt><dd>to 10:00: 4 pauses stretched ×"), "\(page)")
        #expect(page.components(separatedBy: "class=\"cue kind-pause stretched\"").count - 1 == 4)
        #expect(page.contains("<td>Silence, stretched from 6.0 s</td>"))
        let unfitted = try #require(try Self.build(Self.script.replacingAll("length: 10m\n", with: "")).timeline)
        #expect(!PreviewTable.render(unfitted).contains("stretched"))
        let plainPage = HTMLPreview.page(unfitted)
        #expect(!plainPage.contains("kind-pause stretched") && !plainPage.contains("stretched from") && !plainPage.contains("Fitted"))
    }

    /// `soothe breathe --minutes M`: the whole track, opening and closing included, lasts M
    /// minutes, whatever the pattern, guidance and chime.
    @Test(arguments: [("belly", true, true), ("4-7-8", true, true), ("box", false, true), ("sigh", true, false), ("4-7-8", false, false), ("coherent", true, true)])
    func breathingTrackLastsItsMinutes(_ pattern: String, _ guidance: Bool, _ chime: Bool) throws {
        for minutes in [5.0, 2.5, 12] {
            let track = try #require(BreathingTrack(pattern: pattern, minutes: minutes, voiceGuidance: guidance, chime: chime ? .singingBowl : nil))
            let loader = SessionLoader(voices: VoiceLibrary(profiles: ["gentle": .fallback]), timing: FixedSpeechTiming(seconds: 3.3))
            let script = track.fittedScript(voice: .fallback) { loader.build($0).timeline }
            let result = loader.build(script)
            let timeline = try #require(result.timeline, "\(result.diagnostics)")
            #expect(abs(timeline.duration - minutes * 60) <= LengthFitting.tolerance, "\(pattern) \(minutes) min: \(timeline.duration)")
            let breathing = try #require(timeline.steps.first { $0.kind == .breathe })
            let cycle = try #require(BreathPattern.parse(pattern)).cycleLength
            let cycles = (breathing.end - breathing.start) / cycle
            #expect(abs(cycles - cycles.rounded()) < 1e-9, "whole breaths")
        }
    }

    /// Minutes too few for the opening and closing: an error naming --minutes, by how much.
    @Test func aBreathingTrackTooShortSaysSo() throws {
        let track = try #require(BreathingTrack(pattern: "belly", minutes: 0.3))
        let loader = SessionLoader(voices: VoiceLibrary(profiles: ["gentle": .fallback]), timing: FixedSpeechTiming(seconds: 3.3))
        let result = loader.build(track.fittedScript(voice: .fallback) { loader.build($0).timeline })
        #expect(result.timeline == nil)
        #expect(result.diagnostics.contains { $0.severity == .error && $0.message.hasPrefix("--minutes 0:18 cannot be reached: the shortest") && $0.message.hasSuffix(" over)") }, "\(result.diagnostics)")
    }
}
