import Testing
@testable import SootheCore

/// One bad script and the diagnostic it must produce.
struct BadScript: Sendable, CustomTestStringConvertible {
    var name: String
    var yaml: String
    var severity: Severity
    var line: Int
    var column: Int
    /// Every fragment must appear in the message.
    var fragments: [String]

    var testDescription: String { name }

    init(_ name: String, _ yaml: String, _ severity: Severity = .error, at line: Int, _ column: Int, _ fragments: String...) {
        self.name = name
        self.yaml = yaml
        self.severity = severity
        self.line = line
        self.column = column
        self.fragments = fragments
    }

    static let all: [BadScript] = [
        // Top level.
        BadScript("unknown top-level key", "title: T\nsteps:\n  - pause: 1s\nsummry: x\n",
                  at: 4, 1, "unknown key 'summry'", "did you mean 'summary'?"),
        BadScript("malformed length", "title: T\nlength: ten minutes\nsteps:\n  - pause: 1s\n", at: 2, 9, "malformed duration 'ten minutes' for 'length'"),
        BadScript("zero length", "title: T\nlength: 0s\nsteps:\n  - pause: 1s\n", at: 2, 9, "'length' must be longer than zero"),
        BadScript("fit for length", "title: T\nfit: 10m\nsteps:\n  - pause: 1s\n", at: 2, 1, "unknown key 'fit'", "did you mean 'length'?"),
        BadScript("stretch not a boolean", TestScripts.session("  - {pause: 1m, stretch: maybe}\n"), at: 3, 26, "'stretch' expects true or false"),
        BadScript("missing title", "steps:\n  - pause: 1s\n", at: 1, 1, "missing 'title'"),
        BadScript("missing steps", "title: T\n", at: 1, 1, "missing 'steps'"),
        BadScript("empty steps", "title: T\nsteps: []\n", at: 2, 8, "'steps' is empty"),
        BadScript("steps not a list", "title: T\nsteps: hello\n", at: 2, 8, "'steps' expects a list", "'hello'"),
        BadScript("title is a list", "title: [a, b]\nsteps:\n  - pause: 1s\n", at: 1, 8, "'title' expects text", "a list"),
        BadScript("invalid id", "title: T\nid: Bad ID\nsteps:\n  - pause: 1s\n", at: 2, 5, "invalid id 'Bad ID'"),
        BadScript("script is a list", "- a\n- b\n", at: 1, 1, "a session script is a mapping", "a list"),
        BadScript("empty file", "  \n\n", at: 1, 1, "the file is empty"),
        BadScript("tab indentation", "title: T\nsteps:\n\t- pause: 1s\n", at: 3, 1, "a tab indents this line", "indent with spaces"),
        BadScript("a tab after spaces in an indentation", "title: T\nsteps:\n  - breathe:\n  \t  pattern: box\n", at: 4, 3, "a tab indents this line"),
        BadScript("malformed clock duration", TestScripts.session("  - pause: 1:60\n"), at: 3, 12, "malformed duration '1:60'", "1:02:30"),
        BadScript("voice with no value", "title: T\nvoice:\nsteps:\n  - pause: 1s\n", at: 2, 7, "'voice' has no value"),
        BadScript("say with only a pause", TestScripts.session("  - say: '[2s]'\n"), at: 3, 10, "the say text has nothing to speak"),
        BadScript("say with no text", TestScripts.session("  - say:\n"), at: 3, 9, "'say' has no value"),
        BadScript("unknown tag", "title: T\ntags: [sos, nigth]\nsteps:\n  - pause: 1s\n",
                  at: 2, 13, "unknown tag 'nigth'", "did you mean 'night'?", "sos, practice, night"),
        BadScript("tag given twice", "title: T\ntags: [sos, body, sos]\nsteps:\n  - pause: 1s\n",
                  at: 2, 19, "the tag 'sos' is given twice"),
        BadScript("tags not a list", "title: T\ntags: sos\nsteps:\n  - pause: 1s\n",
                  at: 2, 7, "'tags' expects a list of tag names", "[sos, breathing]"),
        BadScript("when is a list", "title: T\nwhen: [a, b]\nsteps:\n  - pause: 1s\n", at: 2, 7, "'when' expects text"),
        BadScript("duplicate key", "title: A\ntitle: B\nsteps:\n  - pause: 1s\n", at: 1, 1, "duplicate key 'title'"),
        BadScript("YAML syntax error", "title: T\nsteps:\n  - say: \"unclosed\n", at: 4, 1, "YAML syntax error"),
        // Names.
        BadScript("unknown ambience", "title: T\nambience: rian\nsteps:\n  - pause: 1s\n",
                  at: 2, 11, "unknown ambience sound 'rian'", "did you mean 'rain'?"),
        BadScript("unknown ambience in mapping", "title: T\nambience: {sound: oceans, level: -30}\nsteps:\n  - pause: 1s\n",
                  at: 2, 19, "unknown ambience sound 'oceans'", "did you mean 'ocean'?"),
        BadScript("ambience level out of range", "title: T\nambience: {sound: rain, level: 40}\nsteps:\n  - pause: 1s\n",
                  at: 2, 32, "'level' must be between -60 and 12 dB"),
        BadScript("unknown voice", "title: T\nvoice: gentel\nsteps:\n  - pause: 1s\n",
                  at: 2, 8, "unknown voice profile 'gentel'", "did you mean 'gentle'?"),
        BadScript("unknown voice on a say", TestScripts.session("  - say: Hello.\n    voice: wram\n"),
                  at: 4, 12, "unknown voice profile 'wram'", "did you mean 'warm'?"),
        BadScript("unknown chime", TestScripts.session("  - chime: singin-bowl\n"),
                  at: 3, 12, "unknown chime 'singin-bowl'", "did you mean 'singing-bowl'?"),
        // Steps.
        BadScript("unknown step", TestScripts.session("  - sya: Hello.\n"),
                  at: 3, 5, "a step needs one action", "did you mean 'say' instead of 'sya'?"),
        BadScript("unknown option", TestScripts.session("  - say: Hello.\n    aftr: 2s\n"),
                  at: 4, 5, "unknown option 'aftr' for 'say'", "did you mean 'after'?"),
        BadScript("step is text", TestScripts.session("  - hello\n"), at: 3, 5, "a step is a mapping", "'hello'"),
        BadScript("two actions in a step", TestScripts.session("  - {say: Hi., pause: 2s}\n"),
                  at: 3, 16, "found both 'say' and 'pause'"),
        BadScript("malformed pause mark", TestScripts.session("  - say: Hello [2x] there.\n"),
                  at: 3, 10, "malformed pause '[2x]'"),
        BadScript("rate out of range", TestScripts.session("  - say: Hi.\n    rate: 500\n"),
                  at: 4, 11, "'rate' must be between 80 and 450", "found 500"),
        BadScript("zero strikes", TestScripts.session("  - {chime: bell, strikes: 0}\n"),
                  at: 3, 28, "'strikes' must be between 1 and 10"),
        // Durations.
        BadScript("malformed duration", TestScripts.session("  - pause: 6x\n"),
                  at: 3, 12, "malformed duration '6x' for 'pause'", "1m30s"),
        BadScript("zero pause", TestScripts.session("  - pause: 0s\n"), at: 3, 12, "'pause' must be longer than zero"),
        BadScript("negative pause", TestScripts.session("  - pause: -3s\n"), at: 3, 12, "longer than zero", "'-3s'"),
        BadScript("pause over a day", TestScripts.session("  - pause: 25h\n"), at: 3, 12, "longer than 24 hours"),
        BadScript("malformed after", TestScripts.session("  - say: Hi.\n    after: 1m1m\n"),
                  at: 4, 12, "malformed duration '1m1m' for 'after'"),
        // breathe.
        BadScript("cycles and duration", TestScripts.session("  - breathe:\n      pattern: box\n      cycles: 4\n      duration: 5m\n"),
                  at: 6, 17, "'cycles' or 'duration', not both"),
        BadScript("neither cycles nor duration", TestScripts.session("  - breathe:\n      pattern: box\n"),
                  at: 3, 5, "needs 'cycles: N' or 'duration: TIME'"),
        BadScript("missing pattern", TestScripts.session("  - breathe: {cycles: 4}\n"), at: 3, 5, "'breathe' needs 'pattern'"),
        BadScript("misspelt tone style", TestScripts.session("  - breathe: {pattern: box, cycles: 4, tone: sfot}\n"),
                  at: 3, 46, "unknown tone style 'sfot'", "did you mean 'soft'?"),
        BadScript("misspelt tone style in a mapping", TestScripts.session("  - breathe: {pattern: box, cycles: 4, tone: {style: lod}}\n"),
                  at: 3, 54, "unknown tone style 'lod'"),
        BadScript("tone pitch too low", TestScripts.session("  - breathe: {pattern: box, cycles: 4, tone: {pitch: 20}}\n"),
                  at: 3, 54, "'pitch' must be between 80 and 1000 Hz"),
        BadScript("tone level too high", TestScripts.session("  - breathe: {pattern: box, cycles: 4, tone: {level: 9}}\n"),
                  at: 3, 54, "'level' must be between -40 and 6 dB"),
        BadScript("unknown tone key", TestScripts.session("  - breathe: {pattern: box, cycles: 4, tone: {pich: 200}}\n"),
                  at: 3, 47, "unknown key 'pich' in 'tone'", "did you mean 'pitch'?"),
        BadScript("tone is a list", TestScripts.session("  - breathe: {pattern: box, cycles: 4, tone: [a]}\n"),
                  at: 3, 46, "'tone' expects true, false, a style"),
        BadScript("misspelt preset", TestScripts.session("  - breathe: {pattern: bxo, cycles: 4}\n"),
                  at: 3, 24, "malformed pattern 'bxo'", "did you mean 'box'?", "IN-HOLD-OUT-REST"),
        BadScript("pattern with two parts", TestScripts.session("  - breathe: {pattern: 4-4, cycles: 4}\n"),
                  at: 3, 24, "malformed pattern '4-4'"),
        BadScript("no inhale", TestScripts.session("  - breathe: {pattern: 0-4-4-0, cycles: 4}\n"),
                  at: 3, 24, "needs an inhale and an exhale of at least 0.5 s"),
        BadScript("malformed to", TestScripts.session("  - breathe: {pattern: box, to: 4-x-4-4, cycles: 2}\n"),
                  at: 3, 33, "malformed pattern '4-x-4-4' for 'to'"),
        BadScript("a billion cycles", TestScripts.session("  - breathe: {pattern: box, cycles: 1000000000}\n"),
                  at: 3, 37, "'cycles' must be between 1 and 100000", "found 1000000000"),
        BadScript("cycles not a number", TestScripts.session("  - breathe: {pattern: box, cycles: many}\n"),
                  at: 3, 37, "'cycles' expects a whole number", "'many'"),
        BadScript("cycles with a decimal point", TestScripts.session("  - breathe: {pattern: box, cycles: 4.0}\n"),
                  at: 3, 37, "'cycles' expects a whole number", "'4.0'"),
        BadScript("cycles past any integer", TestScripts.session("  - breathe: {pattern: box, cycles: 1e30}\n"),
                  at: 3, 37, "'cycles' must be between 1 and 100000", "found 1e30"),
        BadScript("breathe short form", TestScripts.session("  - breathe: box\n"),
                  at: 3, 14, "'breathe' expects a mapping of options"),
        BadScript("unknown breathe key", TestScripts.session("  - breathe:\n      pattern: box\n      cylces: 4\n"),
                  at: 5, 7, "unknown key 'cylces' in 'breathe'", "did you mean 'cycles'?"),
        BadScript("unknown prompt phase", TestScripts.session("  - breathe:\n      pattern: box\n      cycles: 2\n      prompts: {inhale: In, exale: Out}\n"),
                  at: 6, 29, "unknown key 'exale' in 'prompts'", "did you mean 'exhale'?"),
        BadScript("count not a boolean", TestScripts.session("  - breathe: {pattern: box, cycles: 2, count: maybe}\n"),
                  at: 3, 47, "'count' expects true or false", "'maybe'"),
        // repeat.
        BadScript("repeat with neither times nor for", TestScripts.session("  - repeat:\n      steps:\n        - say: Hi.\n"),
                  at: 3, 5, "'repeat' needs 'times: N' or 'for: [A, B, ...]'"),
        BadScript("repeat with both", TestScripts.session("  - repeat: {times: 2, for: [a, b], steps: [{say: Hi.}]}\n"),
                  at: 3, 5, "'times' or 'for', not both"),
        BadScript("repeat with an empty for", TestScripts.session("  - repeat: {for: [], steps: [{say: Hi.}]}\n"),
                  at: 3, 19, "'for' expects a non-empty list"),
        BadScript("repeat without steps", TestScripts.session("  - repeat: {times: 2}\n"), at: 3, 5, "'repeat' needs 'steps'"),
        // Warnings.
        BadScript("interval bell never rings", TestScripts.session("  - {pause: 1m, chime-every: 2m}\n"), .warning,
                  at: 3, 30, "'chime-every' 120 s is not shorter than the pause (60 s)"),
        BadScript("pause chime without interval", TestScripts.session("  - {pause: 1m, chime: bell}\n"), .warning,
                  at: 3, 17, "there is no 'chime-every'"),
        BadScript("prompt for a missing phase", TestScripts.session("  - breathe:\n      pattern: coherent\n      cycles: 2\n      prompts: {hold: Hold it}\n"), .warning,
                  at: 6, 23, "the 'hold' prompt is never spoken"),
    ]
}

@Suite struct ParserErrorTests {
    @Test(arguments: BadScript.all)
    func reportsTheProblemWithItsLocation(_ bad: BadScript) {
        let (script, diagnostics) = TestScripts.parse(bad.yaml)
        let match = diagnostics.first { d in
            d.severity == bad.severity && d.line == bad.line && d.column == bad.column
                && bad.fragments.allSatisfy { d.message.contains($0) }
        }
        #expect(match != nil, "expected \(bad.severity) at \(bad.line):\(bad.column) with \(bad.fragments); got:\n\(diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(diagnostics.allSatisfy { $0.file == TestScripts.file })
        if bad.severity == .error {
            #expect(script == nil, "a script with errors is not returned")
        } else {
            #expect(script != nil, "warnings alone keep the script")
            #expect(!diagnostics.hasErrors)
        }
    }

    @Test func diagnosticPrintsAsFileLineColumnSeverityMessage() {
        let (_, diagnostics) = TestScripts.parse(TestScripts.session("  - pause: 6x\n"))
        #expect(diagnostics.map(\.description) == [
            "test.yaml:3:12: error: malformed duration '6x' for 'pause': expected a duration such as 6s, 1.5s, 90sec, 2m, 1.5 min, 1m30s, 250ms, 1h, 1:30, 1:02:30 or a number of seconds"
        ])
    }

    /// Issue 2: every problem in a file is reported at once, in file order.
    @Test func reportsEveryProblemAtOnce() {
        let yaml = """
            titel: Many problems
            voice: gentel
            ambience: rian
            steps:
              - pause: 6x
              - chime: gong
              - sya: Hello.
              - breathe: {pattern: box, cycles: 4, duration: 1m}
              - repeat:
                  steps:
                    - say: Hi.
              - say: Hello [2x].
            """
        let (script, diagnostics) = TestScripts.parse(yaml)
        #expect(script == nil)
        let found = diagnostics.map { "\($0.line):\($0.column) \($0.severity)" }
        #expect(found == [
            "1:1 error",  // missing 'title' (reported at the mapping)
            "1:1 error",  // unknown key 'titel'
            "2:8 error",  // unknown voice
            "3:11 error",  // unknown ambience
            "5:12 error",  // malformed duration
            "6:12 error",  // unknown chime
            "7:5 error",  // unknown step
            "8:50 error",  // cycles and duration
            "9:5 error",  // repeat with neither
            "12:10 error",  // malformed pause mark
        ])
        let messages = diagnostics.map(\.message).joined(separator: "\n")
        for fragment in ["missing 'title'", "did you mean 'title'?", "did you mean 'gentle'?", "did you mean 'rain'?",
                         "'6x'", "unknown chime 'gong'", "did you mean 'say'", "not both", "'repeat' needs", "'[2x]'"] {
            #expect(messages.contains(fragment), "missing \(fragment)")
        }
    }

    /// Byte-level problems are found before YAML parsing, located by line and column.
    @Test func rejectsTextThatIsNotUTF8() throws {
        var bytes = Array("title: T\nsteps:\n  - say: caf".utf8)
        bytes.append(0xE9)  // Latin-1 é
        bytes += Array(" au lait.\n".utf8)
        let (script, diagnostics) = TestScripts.parse(bytes: bytes)
        #expect(script == nil)
        let d = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect((d.severity, d.line, d.column) == (.error, 3, 13))
        #expect(d.message.contains("not UTF-8"))
        #expect(d.message.contains("0xE9"))
    }

    @Test func rejectsBinaryData() throws {
        let bytes = Array("title: T\nsteps:\n  - say: a".utf8) + [0, 1, 2]
        let (script, diagnostics) = TestScripts.parse(bytes: bytes)
        #expect(script == nil)
        let d = try #require(diagnostics.first)
        #expect((d.line, d.column) == (3, 11))
        #expect(d.message.contains("NUL"))
    }

    @Test func rejectsOversizedFilesBeforeParsing() throws {
        // Valid YAML comment lines, just too many of them.
        let line = Array("# padding padding padding padding padding padding padding padding\n".utf8)
        var bytes = Array("title: T\nsteps:\n  - pause: 1s\n".utf8)
        while bytes.count <= ScriptParser.maximumFileSize { bytes += line }
        let (script, diagnostics) = TestScripts.parse(bytes: bytes)
        #expect(script == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("larger than 1048576 bytes (1 MiB)") == true)
    }

    @Test func rejectsDeepNestingBeforeParsing() throws {
        let yaml = "title: T\nsteps: " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\n"
        let (script, diagnostics) = TestScripts.parse(yaml)
        #expect(script == nil)
        let d = try #require(diagnostics.first)
        #expect((d.line, d.column) == (2, 8 + ScriptParser.maximumNesting))
        #expect(d.message.contains("nesting is deeper than 64"))
    }

    @Test func rejectsRepeatNestedTooDeep() {
        var steps = "{say: Hi.}"
        for _ in 0...ScriptParser.maximumRepeatDepth { steps = "{repeat: {times: 1, steps: [\(steps)]}}" }
        let (script, diagnostics) = TestScripts.parse("title: T\nsteps: [\(steps)]\n")
        #expect(script == nil)
        #expect(diagnostics.contains { $0.message.contains("nested more than 8 deep") })
    }
}
