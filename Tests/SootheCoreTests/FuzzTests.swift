import Foundation
import Testing
@testable import SootheCore
import SootheFormats

/// Seeded fuzzing of what `check` and `preview` do: parse, build with estimated speech timing,
/// and write every preview format of each accepted timeline.
///
/// `SOOTHE_FUZZ_COUNT` sets the number of inputs (default 300, a few seconds in a debug build;
/// `bench/fuzz.sh` runs 10,000 in a release build), `SOOTHE_FUZZ_SEED` the seed (decimal or 0x hex).
@Suite struct FuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let count = environment["SOOTHE_FUZZ_COUNT"].flatMap { Int($0) } ?? 300
    static let seed: UInt64 = environment["SOOTHE_FUZZ_SEED"].flatMap { text in
        text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
    } ?? 0x50_07E5
    /// No single input may take longer than this (parse, build and every output format).
    static let timeBound = Duration.seconds(2)

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The built-in scripts, the seed corpus of the mutations.
    static func builtIns() throws -> [(id: String, bytes: [UInt8])] {
        let folder = packageRoot + "/assets/sessions"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }.sorted()
        return try names.map { name in
            (String(name.dropLast(5)), [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))))
        }
    }

    /// What one fuzz run saw.
    struct Tally {
        var inputs = 0, accepted = 0, rejected = 0, failures = 0
        var slowest = Duration.zero
        var slowestRecipe = ""
        var byFamily: [String: (accepted: Int, rejected: Int)] = [:]
    }

    @Test func randomAndMutatedScriptsNeverCrashHangOrFailWithoutADiagnostic() throws {
        let corpus = try Self.builtIns()
        try #require(corpus.count >= 10, "the built-in sessions were not found under \(Self.packageRoot)")
        var fuzzer = ScriptFuzzer(seed: Self.seed, corpus: corpus)
        // A timing that wants its phrases first, as espeak-ng's does: every input also goes
        // through the builder's dry run.
        let timing = PreparingSpeechTiming()
        let loader = SessionLoader(voices: VoiceLibrary(profiles: TestScripts.voices), timing: timing)
        let clock = ContinuousClock()
        var tally = Tally()

        for index in 0..<Self.count {
            let input = fuzzer.next()
            let started = clock.now
            let problems = Self.check(input, loader: loader, tally: &tally)
            let elapsed = started.duration(to: clock.now)
            tally.inputs += 1
            if elapsed > tally.slowest {
                tally.slowest = elapsed
                tally.slowestRecipe = "#\(index) \(input.recipe)"
            }
            var all = problems
            if elapsed > Self.timeBound { all.append("took \(elapsed), over the bound of \(Self.timeBound)") }
            if !all.isEmpty {
                tally.failures += 1
                // The first few failures in full; the count says how many more.
                if tally.failures <= 10 {
                    Issue.record(Comment(rawValue: Self.report(index: index, input: input, problems: all)))
                }
            }
        }
        let slowest = String(format: "%.3f s", Double(tally.slowest.components.seconds) + Double(tally.slowest.components.attoseconds) * 1e-18)
        print("fuzz: \(tally.inputs) inputs, \(tally.accepted) accepted, \(tally.rejected) rejected, \(tally.failures) failed, slowest \(slowest) (\(tally.slowestRecipe)), seed 0x\(String(Self.seed, radix: 16))")
        for (family, counts) in tally.byFamily.sorted(by: { $0.key < $1.key }) {
            print("fuzz:   \(family): \(counts.accepted) accepted, \(counts.rejected) rejected")
        }
        #expect(tally.failures == 0, "\(tally.failures) of \(tally.inputs) inputs broke a property (seed 0x\(String(Self.seed, radix: 16)))")
        #expect(tally.accepted == 0 || timing.phrasesHanded > 0, "the builder's dry run handed over no phrase")
        // The fuzzer must reach both outcomes, or it is testing nothing.
        #expect(tally.accepted >= Self.count / 20, "only \(tally.accepted) of \(tally.inputs) inputs were accepted")
        #expect(tally.rejected >= Self.count / 5, "only \(tally.rejected) of \(tally.inputs) inputs were rejected")
    }

    /// Scripts with a YAML alias, each with where the alias is: rejected before Yams composes them
    /// (an alias of a nested collection used as a key hashes billions of nodes).
    static let aliasScripts: [(String, Int, Int)] = [
        ("title: T\nsteps:\n  - pause: 1s\nx0: &a0 [a,a,a,a,a,a,a,a,a,a]\n"
            + (1..<9).map { "x\($0): &a\($0) [" + Array(repeating: "*a\($0 - 1)", count: 10).joined(separator: ",") + "]\n" }.joined()
            + "? *a8\n: 1\n", 5, 10),
        ("title: T\nsteps:\n  - &s {say: hi}\n  - *s\n", 4, 5),
        ("title: &t T\nsummary: *t\nsteps:\n  - pause: 1s\n", 2, 10),
        ("title: T\nsteps: [&p {pause: 1s}, *p]\n", 2, 25),
        ("title: T\nsteps:\n  - say: &x hello\n  - say: !!str *x\n", 4, 16),
        ("title: T\nsteps:\n  - {say: \"a\", after: *d}\n", 3, 23),
        ("--- *a\n", 1, 5),
        ("title: T\nsteps:\n  - say: |\n      literal *text\n  - say: *x\n", 5, 10),
    ]

    @Test(arguments: aliasScripts)
    func aliasesAreRejectedBeforeComposing(script: String, line: Int, column: Int) throws {
        let clock = ContinuousClock()
        let started = clock.now
        let (parsed, diagnostics) = TestScripts.parse(script)
        #expect(started.duration(to: clock.now) < .seconds(1))
        #expect(parsed == nil)
        let error = try #require(diagnostics.first, "no diagnostic for \(script.debugDescription)")
        #expect(error.severity == .error)
        #expect(error.message.contains("YAML aliases ('*NAME') are not supported"), "\(error)")
        #expect((error.line, error.column) == (line, column), "\(error)")
    }

    /// A `*` that YAML reads as text, not as an alias: these scripts must stay valid.
    static let starsInText = [
        "title: T\nsteps:\n  - say: Breathe *slowly* now\n",
        "title: T\nsteps:\n  - say: Breathe in\n      *slowly* and out\n",
        "title: T\nsteps:\n  - say: \"*quoted*\"\n",
        "title: T\nsteps:\n  - say: '*it''s quoted*'\n",
        "title: T\nsteps:\n  - say: |\n      *a literal*\n      - *another*\n",
        "title: T\nsteps:\n  - say: >-\n      *folded*\n",
        "title: T # *comment*\nsteps:\n  - say: a*b   # - *x\n",
        "title: T\nsteps:\n  - {say: \"x, *y\", after: 1s}\n",
        "title: \"T\\\" *x\"\nsteps:\n  - say: ok\n",
    ]

    @Test(arguments: starsInText)
    func starsInTextAreNotAliases(script: String) {
        let (parsed, diagnostics) = TestScripts.parse(script)
        #expect(parsed != nil, "\(diagnostics)")
    }

    /// Inputs the fuzzer found that trapped (a huge Double converted to Int while writing the
    /// message) or were accepted past the 24-hour limit, each with a fragment of the error it
    /// must now get instead.
    static let foundCrashes: [(String, String)] = [
        ("title: T\nsteps:\n  - breathe: {pattern: 1e308-0-4-0, cycles: 1}\n", "has a phase longer than 2 minutes"),
        ("title: T\nsteps:\n  - breathe: {pattern: 0.1-0-1e300-0, cycles: 1}\n", "needs an inhale and an exhale of at least 0.5 s"),
        ("title: T\nsteps:\n  - " + String(repeating: "{repeat: {times: 10000, steps: [", count: 5) + "{pause: 1s}"
            + String(repeating: "]}}", count: 5) + "\n", "longer than the 24-hour limit"),
        // Accepted, lasting 25 hours: a pause mark had no upper limit.
        ("title: T\nsteps:\n  - breathe: {pattern: coherent, cycles: 6, prompts: {inhale: \"[25h] Breathe\"}}\n", "a pause of 90000 s in inhale prompt text is longer than 24 hours"),
        ("title: T\nsteps:\n  - breathe: {pattern: coherent, cycles: 1, prompts: {exhale: \"[24h] Breathe\"}}\n", "longer than the 24-hour limit"),
    ]

    /// Found by the fuzzer: a prompt longer than the last phase of a final `breathe` ran past the
    /// end of the session. The session now lasts until the prompt ends.
    @Test func aPromptOutlastingTheFinalPhaseExtendsTheSession() throws {
        let script = TestScripts.session("  - breathe: {pattern: 1-0-0.5-0, cycles: 2, prompts: {exhale: one two three four five six seven eight}}\n")
        let (timeline, diagnostics) = try TestScripts.build(script, timing: FixedSpeechTiming(seconds: 4))
        let built = try #require(timeline, "\(diagnostics)")
        #expect(diagnostics.contains { $0.severity == .warning && $0.message.contains("longer than the 0.5 s exhale") })
        let lastPrompt = try #require(built.cues.last { $0.kind == .speech })
        #expect(abs(lastPrompt.end - (1.5 + 1 + 4)) < 1e-9)
        #expect(abs(built.duration - lastPrompt.end) < 1e-9, "duration \(built.duration)")
    }

    @Test(arguments: foundCrashes)
    func inputsThatOnceCrashedAreReported(script: String, fragment: String) {
        let loader = SessionLoader(voices: VoiceLibrary(profiles: TestScripts.voices), timing: EstimatedSpeechTiming())
        let result = loader.load(bytes: Array(script.utf8), file: "crash.yaml", defaultID: "crash")
        #expect(result.timeline == nil)
        #expect(result.diagnostics.contains { $0.severity == .error && $0.message.contains(fragment) }, "\(result.diagnostics)")
    }

    /// Loads one input and returns every broken property (empty: all held).
    static func check(_ input: ScriptFuzzer.Input, loader: SessionLoader, tally: inout Tally) -> [String] {
        var problems: [String] = []
        let result = loader.load(bytes: input.bytes, file: "fuzz.yaml", defaultID: "fuzz")
        let lineCount = Self.yamlLineCount(input.bytes)
        for d in result.diagnostics where d.line < 1 || d.column < 1 || d.line > lineCount + 1 || d.message.isEmpty || d.file != "fuzz.yaml" {
            problems.append("badly located diagnostic (file has \(lineCount) lines): \(d)")
        }
        let family = input.family
        guard let timeline = result.timeline else {
            tally.rejected += 1
            tally.byFamily[family, default: (0, 0)].rejected += 1
            if !result.diagnostics.hasErrors { problems.append("rejected without an error diagnostic: \(result.diagnostics)") }
            return problems
        }
        tally.accepted += 1
        tally.byFamily[family, default: (0, 0)].accepted += 1
        if result.diagnostics.hasErrors { problems.append("accepted with errors: \(result.diagnostics.filter { $0.severity == .error })") }
        problems += timelineProblems(timeline)
        problems += outputProblems(timeline)
        return problems
    }

    /// Lines as libyaml counts them: LF, CR LF, a lone CR, and the Unicode breaks NEL, LS and PS.
    static func yamlLineCount(_ bytes: [UInt8]) -> Int {
        var lines = 1
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case 0x0A: lines += 1
            case 0x0D where i + 1 >= bytes.count || bytes[i + 1] != 0x0A: lines += 1
            case 0xC2 where i + 1 < bytes.count && bytes[i + 1] == 0x85: lines += 1
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9): lines += 1
            default: break
            }
            i += 1
        }
        return lines
    }

    /// Cues within [0, duration], sorted by start; spans inside the session.
    static func timelineProblems(_ timeline: Timeline) -> [String] {
        var problems: [String] = []
        let duration = timeline.duration
        if !(duration.isFinite && duration > 0 && duration <= TimelineBuilder.maximumLength + 60) {
            problems.append("duration \(duration) outside (0, 24 h + 60 s]")
        }
        if timeline.cues.isEmpty { problems.append("no cues") }
        if timeline.cues.count > TimelineBuilder.maximumCues { problems.append("\(timeline.cues.count) cues, over the limit") }
        var previous = 0.0
        for (i, cue) in timeline.cues.enumerated() {
            if !(cue.start >= 0 && cue.start <= cue.end && cue.end <= duration + 1e-6) {
                problems.append("cue \(i) (\(cue.kind) \(cue.start)–\(cue.end)) outside [0, \(duration)]")
                break
            }
            if cue.start < previous {
                problems.append("cue \(i) starts at \(cue.start), before cue \(i - 1) at \(previous)")
                break
            }
            previous = cue.start
        }
        for span in timeline.steps where !(span.start >= 0 && span.start <= span.end && span.end <= duration + 1e-6) {
            problems.append("step span \(span.index) (\(span.kind) \(span.start)–\(span.end)) outside [0, \(duration)]")
            break
        }
        return problems
    }

    /// The JSON cue sheet parses and matches; WebVTT, SRT and the table have one entry per cue;
    /// the chapters tile the session.
    static func outputProblems(_ timeline: Timeline) -> [String] {
        var problems: [String] = []
        let json = CueSheet.json(timeline)
        do {
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            let cues = object?["cues"] as? [[String: Any]]
            if cues?.count != timeline.cues.count { problems.append("JSON has \(cues?.count ?? -1) cues, the timeline \(timeline.cues.count)") }
            if (object?["duration"] as? Double) != Timeline.milliseconds(timeline.duration) { problems.append("JSON duration differs") }
            if (object?["id"] as? String) != timeline.id { problems.append("JSON id differs") }
        } catch {
            problems.append("JSON does not parse: \(error)\n\(json.prefix(300))")
        }
        let speech = CueSheet.speechCues(timeline).count
        let vtt = CueSheet.webVTT(timeline)
        if !vtt.hasPrefix("WEBVTT\n") { problems.append("WebVTT lacks its header") }
        let vttTimes = vtt.split(separator: "\n").filter { $0.contains(" --> ") }.count
        if vttTimes != speech { problems.append("WebVTT has \(vttTimes) cues, the timeline \(speech) speech cues") }
        let srtTimes = CueSheet.srt(timeline).split(separator: "\n").filter { $0.contains(" --> ") }.count
        if srtTimes != speech { problems.append("SRT has \(srtTimes) cues, the timeline \(speech) speech cues") }
        // Chapters tile the session: from 0, each to the next one's start, the last to the end,
        // none empty, every title one non-empty line.
        let chapters = timeline.chapters
        if let first = chapters.first, first.start != 0 { problems.append("the first chapter starts at \(first.start)") }
        if let last = chapters.last, last.end != timeline.duration { problems.append("the last chapter ends at \(last.end), not \(timeline.duration)") }
        for (a, b) in zip(chapters, chapters.dropFirst()) where a.end != b.start { problems.append("chapter '\(a.title)' ends at \(a.end), the next starts at \(b.start)") }
        for chapter in chapters where chapter.end <= chapter.start || chapter.title.isEmpty || chapter.title.contains(where: \.isNewline) {
            problems.append("chapter '\(chapter.title)' \(chapter.start)–\(chapter.end)")
        }
        let table = PreviewTable.render(timeline)
        if !table.contains("Length \(DurationParser.clock(timeline.duration)) · \(timeline.cues.count) cues") {
            problems.append("the preview table lacks its totals line")
        }
        return problems
    }

    static func report(index: Int, input: ScriptFuzzer.Input, problems: [String]) -> String {
        let text = String(decoding: input.bytes.prefix(600), as: UTF8.self)
        return """
            fuzz input #\(index) (seed 0x\(String(seed, radix: 16)), \(input.recipe), \(input.bytes.count) bytes):
            \(problems.map { "  - " + $0 }.joined(separator: "\n"))
            --- input (first 600 bytes)
            \(text)
            """
    }
}
