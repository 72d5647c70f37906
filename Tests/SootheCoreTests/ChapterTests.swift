import Foundation
import Testing
@testable import SootheCore

/// Chapters: `chapter:` on a step, `chapters:` at the top, and the titles soothe gives the rest.
@Suite struct ChapterTests {
    static func chapters(_ yaml: String, seconds: Double = 2) throws -> [ChapterSpan] {
        let (timeline, diagnostics) = try TestScripts.build(yaml, timing: FixedSpeechTiming(seconds: seconds))
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        let chapters = try #require(timeline).chapters
        // Chapters tile the session: from 0, each to the next one's start, the last to the end.
        if let first = chapters.first { #expect(first.start == 0) }
        for (a, b) in zip(chapters, chapters.dropFirst()) { #expect(a.end == b.start && a.start < a.end) }
        if let last = chapters.last { #expect(last.end == timeline?.duration) }
        return chapters
    }

    static let shape = """
        title: Shape
        steps:
          - chime: singing-bowl
          - pause: 3s
          - say: Welcome. Sit or lie down somewhere comfortable, and let your shoulders drop.
          - pause: 2s
          - say: Let's begin.
          - breathe: {pattern: 4-7-8, cycles: 2}
          - say: "Now a square breath: [1s] in, hold, out, hold."
          - breathe: {pattern: box, cycles: 2}
          - chime: bell
          - pause: 10s
        """

    @Test func byDefaultEachBreathingSectionAndEachRunOfSpeechIsAChapter() throws {
        let chapters = try Self.chapters(Self.shape)
        #expect(chapters.map(\.title) == [
            "Welcome. Sit or lie down somewhere…",
            "Breathe in four, hold seven, breathe out eight",
            "Now a square breath: in, hold, out, hold",
            "Box Breathing",
        ])
        // The opening bell and pause belong to the first chapter, the closing bell and pause to
        // the last (a stretch with no words is no chapter of its own).
        let firstBreath: Double = 1.5 + 3 + 2 + 2 + 2
        #expect(chapters[1].start == firstBreath)
    }

    @Test func aStepsChapterKeyNamesAChapterThere() throws {
        let chapters = try Self.chapters("""
            title: Named
            steps:
              - say: Hello there.
              - say: This part is the body scan.
                chapter: Body scan
              - repeat:
                  for: [hands, feet]
                  steps:
                    - say: "Relax your {item}."
                      chapter: "Relaxing the {item}"
                    - pause: 2s
              - breathe: {pattern: coherent, cycles: 2}
                chapter: Breathing slowly
              - say: Goodbye.
            """)
        #expect(chapters.map(\.title) == ["Hello there", "Body scan", "Relaxing the hands", "Relaxing the feet", "Breathing slowly", "Goodbye"])
        #expect(chapters[1].start == 2)
        #expect(chapters[3].start == 2 + 2 + 4)
    }

    @Test func chaptersOffLeavesOnlyNamedChaptersAndTheSessionTitleBeforeThem() throws {
        #expect(try Self.chapters(Self.shape.replacingOccurrences(of: "title: Shape\n", with: "title: Shape\nchapters: off\n")).isEmpty)
        let named = try Self.chapters("""
            title: Quiet
            chapters: off
            steps:
              - say: One.
              - breathe: {pattern: belly, cycles: 2}
                chapter: The breathing
              - say: Two.
            """)
        #expect(named.map(\.title) == ["Quiet", "The breathing"])
        #expect(named[1].start == 2 && named[1].end == named.last?.end)
    }

    @Test func chaptersGivesEachKindItsRule() throws {
        let fixed = try Self.chapters(Self.shape.replacingOccurrences(
            of: "title: Shape\n", with: "title: Shape\nchapters: {breathe: Breathing, speech: off}\n"))
        // Runs of speech start no chapter: the first breathing section's stretch begins at 0.
        #expect(fixed.map(\.title) == ["Shape", "Breathing", "Breathing"])
        let words = try Self.chapters(Self.shape.replacingOccurrences(of: "title: Shape\n", with: "title: Shape\nchapters: {breathe: off}\n"))
        #expect(words.map(\.title) == ["Welcome. Sit or lie down somewhere…", "Now a square breath: in, hold, out, hold"])
    }

    @Test func chapterKeysWithBadValuesAreLocatedErrors() {
        let cases: [(String, String)] = [
            ("  - say: Hi.\n    chapter: {a: b}\n", "test.yaml:4:14: error: 'chapter' expects the chapter's title, e.g. 'chapter: Breathing together'; found a mapping"),
            ("  - say: Hi.\n    chapter: \"\"\n", "test.yaml:4:14: error: 'chapter' is empty: write the chapter's title, or leave 'chapter' out (soothe then titles the chapter from its first words)"),
            ("  - say: Hi.\n    chapter:\n", "test.yaml:4:13: error: 'chapter' has no title: write the chapter's title, or leave 'chapter' out (soothe then titles the chapter from its first words)"),
            ("  - say: Hi.\n    chapter: [a, b]\n", "test.yaml:4:14: error: 'chapter' expects the chapter's title, e.g. 'chapter: Breathing together'; found a list"),
            ("  - chapter: Alone\n", "test.yaml:3:5: error: a step needs one action besides 'chapter': say, pause, chime, breathe or repeat (the chapter starts at that step)"),
        ]
        for (steps, expected) in cases {
            let (script, diagnostics) = TestScripts.parse(TestScripts.session(steps))
            #expect(script == nil)
            #expect(diagnostics.map(\.description) == [expected], "\(steps)")
        }
        let top: [(String, String)] = [
            ("chapters: sometimes\n", "test.yaml:2:11: error: 'chapters' expects auto, off, or a mapping {breathe: RULE, speech: RULE} where each RULE is auto, off or a title; found 'sometimes'"),
            ("chapters: {breath: off}\n", "test.yaml:2:12: error: unknown key 'breath' in 'chapters'; did you mean 'breathe'? (expected 'breathe', 'speech')"),
            ("chapters: {speech: [a]}\n", "test.yaml:2:20: error: 'speech' in 'chapters' expects auto, off or a title; found a list"),
            ("chapters: [auto]\n", "test.yaml:2:11: error: 'chapters' expects auto, off, or a mapping {breathe: RULE, speech: RULE} where each RULE is auto, off or a title; found a list"),
        ]
        for (line, expected) in top {
            let (script, diagnostics) = TestScripts.parse("title: T\n" + line + "steps:\n  - say: Hi.\n")
            #expect(script == nil)
            #expect(diagnostics.map(\.description) == [expected], "\(line)")
        }
    }

    @Test func titlesFromWordsAreCutAtAWordBoundary() {
        #expect(ChapterTitles.fromWords("Welcome.") == "Welcome")
        #expect(ChapterTitles.fromWords("Hi. [2s] Let's begin, slowly.") == "Hi. Let's begin, slowly")
        #expect(ChapterTitles.fromWords("Are you ready?") == "Are you ready?")
        #expect(ChapterTitles.fromWords("[3s]") == nil)
        let long = "Place one hand on your chest and the other on your abdomen, and notice which one moves."
        let title = ChapterTitles.fromWords(long)!
        // Not "… and the…": the little words at the cut are dropped.
        #expect(title == "Place one hand on your chest…")
        #expect(ChapterTitles.fromWords("Ahora reúne tu atención en la respiración, sin prisa.") == "Ahora reúne tu atención…")
        #expect(ChapterTitles.fromWords("Pneumonoultramicroscopicsilicovolcanoconiosis is a long word.") == "Pneumonoultramicroscopicsilicovolcanoconiosis…")
    }

    @Test func breathingTitlesAreWordsInTheSessionsLanguage() throws {
        let pattern = try #require(BreathPattern.parse("4-7-8"))
        #expect(ChapterTitles.breathing(pattern, words: .english) == "Breathe in four, hold seven, breathe out eight")
        #expect(ChapterTitles.breathing(pattern, words: .german) == "Einatmen vier, halten sieben, ausatmen acht")
        #expect(ChapterTitles.breathing(try #require(BreathPattern.parse("box")), words: .spanish) == PhraseTable.spanish.breathe.titles.box)
        #expect(ChapterTitles.breathing(try #require(BreathPattern.parse("2.5-0-5.5-0")), words: .english) == "Breathe in, breathe out")
        let spanish = try Self.chapters("title: T\nvoice: calma\nsteps:\n  - breathe: {pattern: 4-2-6-0, cycles: 1}\n")
        #expect(spanish.map(\.title) == [ChapterTitles.breathing(try #require(BreathPattern.parse("4-2-6-0")), words: .spanish)])
    }

    @Test func aTranslationsChaptersAreTitledFromItsOwnWords() throws {
        let original = """
            title: Hello
            steps:
              - say: Good morning.
                chapter: Morning
              - breathe: {pattern: 4-0-6-0, cycles: 1}
            """
        let (script, _) = TestScripts.parse(original)
        let lines = "language: de\ntitle: Hallo\nlines:\n  - say: Guten Morgen.\n    from: \(TranslatableLine.checksum(of: "Good morning."))\n"
        let (translation, problems) = Translation.parse(bytes: Array(lines.utf8), file: "translations/de/t.yaml", language: "de")
        #expect(problems.isEmpty)
        let (translated, more) = TranslationApplier.apply(try #require(translation), to: try #require(script), voice: "calma")
        #expect(!more.hasErrors)
        let built = try TimelineBuilder(voices: TestScripts.voices, timing: FixedSpeechTiming(seconds: 1)).build(try #require(translated))
        let titles = try #require(built.timeline).chapters.map(\.title)
        #expect(titles == ["Guten Morgen", ChapterTitles.breathing(try #require(BreathPattern.parse("4-0-6-0")), words: .spanish)])
    }

    /// Every built-in session: default titles are words, never notation, and never cut mid-word.
    @Test(arguments: SessionLibraryTests.builtInIDs)
    func builtInChapterTitlesAreWordsCutAtWordBoundaries(id: String) throws {
        let timeline = try #require(try SessionLibraryTests.load(id, timing: SessionLibraryTests.WordCountTiming()).timeline)
        #expect(timeline.chapters.count >= 2, "\(id)")
        let spoken = timeline.cues.compactMap { cue -> String? in
            if case .speech(let speech) = cue.event { return SpeechText.spokenText(of: speech.text).split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            return nil
        }
        for chapter in timeline.chapters {
            #expect(chapter.title.range(of: #"\d+\s*-\s*\d+|×"#, options: .regularExpression) == nil, "\(id): \(chapter.title)")
            guard chapter.title.hasSuffix("…") else { continue }
            let kept = String(chapter.title.dropLast())
            // The words kept are the start of something said, followed there by a space or a mark.
            let said = spoken.first { $0.hasPrefix(kept) }
            let next = said.flatMap { $0.dropFirst(kept.count).first }
            #expect(next.map { $0 == " " || ",;:.-–—".contains($0) } == true, "\(id): \(chapter.title)")
        }
    }
}

extension ChapterTests {
    @Test func chapterTrueStartsAChapterTitledFromItsWords() throws {
        let chapters = try Self.chapters("""
            title: Scan
            steps:
              - say: Settle in.
              - repeat:
                  for: [Feel your feet. Let them rest., Now your hands.]
                  steps:
                    - say: "{item}"
                      chapter: true
                    - pause: 5s
            """)
        #expect(chapters.map(\.title) == ["Settle in", "Feel your feet. Let them rest", "Now your hands"])
    }
}

extension ChapterTests {
    /// The example in docs/session-format.md's "Chapters" gets the titles its comments say.
    @Test func theDocumentedExampleHasTheChaptersItSays() throws {
        let doc = try String(contentsOfFile: SessionLibraryTests.packageRoot + "/docs/session-format.md", encoding: .utf8)
        let section = try #require(doc.range(of: "## Chapters")).upperBound
        let start = try #require(doc.range(of: "```yaml\n", range: section..<doc.endIndex)).upperBound
        let end = try #require(doc.range(of: "```", range: start..<doc.endIndex)).lowerBound
        let example = String(doc[start..<end])
        let said = example.matches(of: #/chapters? "([^"]+)"(?:, "([^"]+)")?/#).flatMap { match in [String(match.output.1)] + (match.output.2.map { [String($0)] } ?? []) }
        #expect(said.count == 5)
        #expect(try Self.chapters("title: Example\n" + example).map(\.title) == said)
    }
}

extension ChapterTests {
    @Test func aBreathingSectionStraightAfterALikeOneContinuesItsChapter() throws {
        let chapters = try Self.chapters("""
            title: Two Parts
            steps:
              - say: Let's begin.
              - breathe: {pattern: belly, cycles: 2, prompts: {inhale: In, exhale: Out}}
              - breathe: {pattern: belly, cycles: 2}
              - breathe: {pattern: box, cycles: 1}
              - breathe: {pattern: box, cycles: 1}
                chapter: Box again
              - say: Done.
            """)
        #expect(chapters.map(\.title) == ["Let's begin", "Belly Breathing", "Box Breathing", "Box again", "Done"])
        #expect(chapters[1].end - chapters[1].start == 40)
    }
}
