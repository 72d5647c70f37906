import Testing
@testable import SootheCore

@Suite struct ParserTests {
    /// Parses a script that must be free of diagnostics.
    func clean(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Script {
        let (script, diagnostics) = TestScripts.parse(yaml)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))", sourceLocation: sourceLocation)
        return try #require(script, sourceLocation: sourceLocation)
    }

    /// The actions of a one-step session.
    func onlyStep(_ steps: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Step {
        let script = try clean(TestScripts.session(steps), sourceLocation: sourceLocation)
        try #require(script.steps.count == 1, sourceLocation: sourceLocation)
        return script.steps[0]
    }

    @Test func topLevelKeys() throws {
        let script = try clean("""
            title: Belly Breathing
            id: my-belly-2
            summary: Slow breathing.
            technique: calming/deep-breathing
            tags: [breathing, sos]
            when: A message hasn't come.
            voice: warm
            ambience: brown-noise
            steps:
              - pause: 1s
            """)
        #expect(script.title == "Belly Breathing")
        #expect(script.tags == [.breathing, .sos])
        #expect(script.when == "A message hasn't come.")
        #expect(script.id == "my-belly-2")
        #expect(script.summary == "Slow breathing.")
        #expect(script.technique == "calming/deep-breathing")
        #expect(script.voice == "warm")
        #expect(script.voiceLocation == SootheCore.SourceLocation(line: 7, column: 8))
        #expect(script.ambience == AmbienceSpec(sound: .brownNoise, level: 0))
        #expect(script.file == TestScripts.file)
    }

    @Test func defaults() throws {
        let script = try clean("title: T\nsteps:\n  - pause: 1s\n")
        #expect(script.id == "test")  // the defaultID given to the parser
        #expect(script.voice == "gentle")
        #expect(script.summary == nil && script.technique == nil && script.ambience == nil)
        #expect(script.tags.isEmpty && script.when == nil)
    }

    @Test func ambienceMappingForm() throws {
        let script = try clean("title: T\nambience: {sound: rain, level: -30}\nsteps:\n  - pause: 1s\n")
        #expect(script.ambience == AmbienceSpec(sound: .rain, level: -30))
    }

    @Test(arguments: AmbienceSound.allCases)
    func everyAmbienceIsAccepted(_ sound: AmbienceSound) throws {
        let script = try clean("title: T\nambience: \(sound.rawValue)\nsteps:\n  - pause: 1s\n")
        #expect(script.ambience?.sound == sound)
    }

    @Test func sayShortAndLongForm() throws {
        let short = try onlyStep("  - say: Sit comfortably.\n")
        #expect(short.action == .say(Step.Say(text: "Sit comfortably.", voice: nil, voiceLocation: nil, rate: nil, after: 0)))
        #expect(short.location == SootheCore.SourceLocation(line: 3, column: 5))

        let long = try onlyStep("  - say: Breathe in. [2s] And out.\n    voice: warm\n    rate: 140\n    after: 1.5s\n")
        #expect(long.action == .say(Step.Say(
            text: "Breathe in. [2s] And out.", voice: "warm", voiceLocation: SootheCore.SourceLocation(line: 4, column: 12),
            rate: 140, after: 1.5)))
    }

    @Test func pauseShortAndLongForm() throws {
        #expect(try onlyStep("  - pause: 1m30s\n").action == .pause(Step.Pause(duration: 90, chimeEvery: nil, chime: .softChime)))
        let long = try onlyStep("  - {pause: 10m, chime-every: 2m30s, chime: bell}\n")
        #expect(long.action == .pause(Step.Pause(duration: 600, chimeEvery: 150, chime: .bell)))
    }

    @Test func chimeShortAndLongForm() throws {
        #expect(try onlyStep("  - chime: singing-bowl\n").action
            == .chime(Step.Chime(kind: .singingBowl, level: 0, strikes: 1, wait: 1.5)))
        #expect(try onlyStep("  - {chime: wood-block, level: -6, strikes: 3, wait: 250ms}\n").action
            == .chime(Step.Chime(kind: .woodBlock, level: -6, strikes: 3, wait: 0.25)))
    }

    @Test(arguments: ChimeKind.allCases)
    func everyChimeKindIsAccepted(_ kind: ChimeKind) throws {
        guard case .chime(let chime) = try onlyStep("  - chime: \(kind.rawValue)\n").action else {
            Issue.record("not a chime")
            return
        }
        #expect(chime.kind == kind)
    }

    @Test func breatheWithEveryOption() throws {
        let step = try onlyStep("""
              - breathe:
                  pattern: 4-7-8-0
                  to: 4-7-10.5-0
                  cycles: 4
                  prompts: {inhale: In, hold: Hold, exhale: Out}
                  prompt-cycles: 2
                  count: true
                  tone: false

            """)
        guard case .breathe(let breathe) = step.action else {
            Issue.record("not a breathe step")
            return
        }
        #expect(breathe.pattern == BreathPattern(inhale: 4, hold: 7, exhale: 8, rest: 0))
        #expect(breathe.to == BreathPattern(inhale: 4, hold: 7, exhale: 10.5, rest: 0))
        #expect(breathe.length == .cycles(4))
        #expect(breathe.prompts[.inhale] == Step.Prompt("In", at: SootheCore.SourceLocation(line: 7, column: 25)))
        #expect(breathe.prompts[.hold]?.text == "Hold")
        #expect(breathe.prompts[.exhale]?.text == "Out")
        #expect(breathe.prompts[.rest] == nil)
        #expect(breathe.promptCycles == 2)
        #expect(breathe.count)
        #expect(breathe.tone == .silent)
    }

    @Test(arguments: [
        ("true", BreathToneSpec.standard), ("false", .silent), ("none", .silent), ("bright", BreathToneSpec(style: .bright)),
        ("{style: chime, pitch: 330, level: -3}", BreathToneSpec(style: .chime, pitch: 330, level: -3)),
        ("{pitch: 196}", BreathToneSpec(style: .soft, pitch: 196)),
    ])
    func breatheTone(_ value: String, _ expected: BreathToneSpec) throws {
        guard case .breathe(let breathe) = try onlyStep("  - breathe: {pattern: box, cycles: 2, tone: \(value)}\n").action else {
            Issue.record("not a breathe step")
            return
        }
        #expect(breathe.tone == expected)
    }

    @Test func breatheDefaults() throws {
        guard case .breathe(let breathe) = try onlyStep("  - breathe: {pattern: box, duration: 5m}\n").action else {
            Issue.record("not a breathe step")
            return
        }
        #expect(breathe.length == .duration(300))
        #expect(breathe.to == nil && breathe.prompts.isEmpty && breathe.promptCycles == nil)
        #expect(!breathe.count && breathe.tone == .standard)
    }

    @Test(arguments: [
        ("4-7-8-0", BreathPattern(inhale: 4, hold: 7, exhale: 8, rest: 0)),
        ("5.5-0-5.5-0", BreathPattern(inhale: 5.5, exhale: 5.5)),
        ("2.5+1-0-7.5-0", BreathPattern(inhale: 2.5, topUp: 1, exhale: 7.5)),
        ("0.75-1.25-3.5-0.5", BreathPattern(inhale: 0.75, hold: 1.25, exhale: 3.5, rest: 0.5)),
        ("box", BreathPattern(inhale: 4, hold: 4, exhale: 4, rest: 4)),
        ("4-7-8", BreathPattern(inhale: 4, hold: 7, exhale: 8)),
        ("coherent", BreathPattern(inhale: 4, exhale: 6)),
        ("sigh", BreathPattern(inhale: 2.5, topUp: 1, exhale: 7.5)),
        ("belly", BreathPattern(inhale: 5, exhale: 5)),
        ("extended-exhale", BreathPattern(inhale: 3, exhale: 7)),
        ("{inhale: 4, hold: 7, exhale: 8, rest: 0}", BreathPattern(inhale: 4, hold: 7, exhale: 8)),
        ("{inhale: 2s, top-up: 500ms, exhale: 6}", BreathPattern(inhale: 2, topUp: 0.5, exhale: 6)),
    ])
    func patternForms(_ written: String, _ expected: BreathPattern) throws {
        guard case .breathe(let breathe) = try onlyStep("  - breathe: {pattern: \(written), cycles: 1}\n").action else {
            Issue.record("not a breathe step")
            return
        }
        #expect(breathe.pattern == expected)
        #expect(abs(breathe.pattern.cycleLength - (expected.inhale + expected.topUp + expected.hold + expected.exhale + expected.rest)) < 1e-12)
    }

    @Test(arguments: ["1-2-3", "a-b-c-d", "4-4-4-4-4", "1+2+3-0-4-0", "-1-4-4-4", "4--4-4", "boxx"])
    func malformedPatternTextIsNil(_ text: String) {
        #expect(BreathPattern.parse(text) == nil)
    }

    @Test func patternNotationAndInterpolation() {
        #expect(BreathPattern(inhale: 4, hold: 7, exhale: 8).notation == "4-7-8-0")
        #expect(BreathPattern(inhale: 2.5, topUp: 1, exhale: 7.5).notation == "2.5+1-0-7.5-0")
        let a = BreathPattern(inhale: 4, exhale: 4), b = BreathPattern(inhale: 4, hold: 2, exhale: 8, rest: 1)
        #expect(a.interpolated(to: b, fraction: 0) == a)
        #expect(a.interpolated(to: b, fraction: 1) == b)
        #expect(a.interpolated(to: b, fraction: 0.25) == BreathPattern(inhale: 4, hold: 0.5, exhale: 5, rest: 0.25))
    }

    @Test func repeatTimesAndFor() throws {
        let times = try onlyStep("  - repeat:\n      times: 3\n      steps:\n        - say: Again.\n        - pause: 2s\n")
        guard case .repeat(let block) = times.action else {
            Issue.record("not a repeat")
            return
        }
        #expect(block.items == [nil, nil, nil])
        #expect(block.steps.count == 2)
        #expect(block.steps[1].location == SootheCore.SourceLocation(line: 7, column: 11))

        let over = try onlyStep("  - repeat: {for: [feet, legs, 'the hands'], steps: [{say: 'Relax your {item}.'}]}\n")
        guard case .repeat(let items) = over.action else {
            Issue.record("not a repeat")
            return
        }
        #expect(items.items == ["feet", "legs", "the hands"])
        #expect(items.steps.map(\.action) == [.say(Step.Say(text: "Relax your {item}.", voice: nil, voiceLocation: nil, rate: nil, after: 0))])
    }

    @Test func stepsKeepOrderAndLocations() throws {
        let script = try clean(TestScripts.session("""
              - chime: bell
              - say: One.
              - pause: 2s
              - breathe: {pattern: belly, cycles: 2}
              - repeat: {times: 2, steps: [{pause: 1s}]}

            """))
        #expect(script.steps.map(\.location.line) == [3, 4, 5, 6, 7])
        #expect(script.steps.allSatisfy { $0.location.column == 5 })
    }

    /// A UTF-8 byte-order mark (as Windows editors save) or CRLF line ends change nothing.
    @Test(arguments: [
        Array("\u{FEFF}title: T\nsteps:\n  - pause: 1s\n  - chime: bell\n".utf8),
        Array("title: T\r\nsteps:\r\n  - pause: 1s\r\n  - chime: bell\r\n".utf8),
        Array("\u{FEFF}title: T\r\nsteps:\r\n  - pause: 1s\r\n  - chime: bell\r\n".utf8),
    ])
    func byteOrderMarkAndCRLFAreAccepted(_ bytes: [UInt8]) throws {
        let (script, diagnostics) = TestScripts.parse(bytes: bytes)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
        let steps = try #require(script).steps
        #expect(script?.title == "T")
        #expect(steps.map(\.location) == [SootheCore.SourceLocation(line: 3, column: 5), SootheCore.SourceLocation(line: 4, column: 5)])
    }

    @Test func byteOrderMarkKeepsLocationsOfErrors() {
        let (_, diagnostics) = TestScripts.parse(bytes: Array("\u{FEFF}titel: T\nsteps:\n  - pause: 6x\n".utf8))
        #expect(diagnostics.map { "\($0.line):\($0.column)" } == ["1:1", "1:1", "3:12"])
    }

    @Test(arguments: [
        ("belly-breathing.yaml", "belly-breathing"), ("/a/b/My Session.yml", "my-session"),
        ("Ünïcode__Name!!.yaml", "n-code-name"), ("!!!.yaml", "session"), ("x", "x"),
    ])
    func defaultIDFromFileName(_ name: String, _ id: String) {
        #expect(ScriptParser.defaultID(forFileName: name) == id)
        #expect(ScriptParser.isValidID(id))
    }

    @Test func validIDs() {
        #expect(ScriptParser.isValidID("box-breathing-2"))
        #expect(!ScriptParser.isValidID(""))
        #expect(!ScriptParser.isValidID("Box"))
        #expect(!ScriptParser.isValidID("a b"))
        #expect(!ScriptParser.isValidID("a_b"))
    }

    @Test func speechTextSplitsPauseMarks() {
        #expect(SpeechText.segments(of: "Breathe in. [2s] And   out. [1m30s]") == [.text("Breathe in."), .pause(2), .text("And out."), .pause(90)])
        #expect(SpeechText.spokenText(of: "In. [500ms] Out.") == "In. Out.")
        #expect(SpeechText.segments(of: "Keep [this] text") == [.text("Keep [this] text")])
        #expect(SpeechText.malformedPauseMarks(in: "a [2x] b [0s] c [3s]") == ["2x", "0s"])
    }
}
