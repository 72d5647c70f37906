import Testing
@testable import SootheCore
@testable import SootheFormats

/// The preview table for writers: fits the width it is given (text wraps, nothing is cut),
/// shows every silence as a row, and adds up each section.
@Suite struct PreviewTableLayoutTests {
    static let long = "Let your shoulders drop away from your ears, and let the weight of your body sink into the floor beneath you"

    /// Lines 3–9: a bell, a long line with `after: 3s`, a pause, a breathing section, a closing line.
    static let script = """
        title: T
        steps:
          - {chime: singing-bowl, wait: 1s}
          - say: \(long)
            after: 3s
          - pause: 4s
          - breathe: {pattern: 4-0-6-0, cycles: 3}
          - say: Welcome back.

        """

    static func timeline() throws -> Timeline {
        let built = try TestScripts.build(script, timing: FixedSpeechTiming(seconds: 2, overrides: [long: 7]))
        return try #require(built.timeline, "\(built.diagnostics)")
    }

    /// The table's rows (after the header line, before the totals).
    static func body(_ table: String) -> [String] {
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines.firstIndex { $0.contains("TIME") && $0.contains("WHAT") }!
        let totals = lines.firstIndex { $0.hasPrefix("Length ") }!
        return Array(lines[(header + 1)..<totals])
    }

    @Test(arguments: [50, 60, 86, 120])
    func everyLineFitsTheWidthAndTheFullTextIsThere(width: Int) throws {
        let table = PreviewTable.render(try Self.timeline(), width: width)
        let rows = Self.body(table)
        for line in rows { #expect(line.count <= width, "\(line.count) > \(width): \(line)") }
        // The continuation lines hold the rest of the words, in order: nothing is cut.
        let first = try #require(rows.firstIndex { $0.contains("\"Let your") })
        let whatColumn = try #require(rows[first].range(of: "\"Let"))
        let offset = rows[first].distance(from: rows[first].startIndex, to: whatColumn.lowerBound)
        var words = [String(rows[first].dropFirst(offset)).replacing(#/\s+\d+$/#, with: "")]
        for line in rows[(first + 1)...] {
            guard line.prefix(offset).allSatisfy({ $0 == " " }), line.count > offset else { break }
            words.append(String(line.dropFirst(offset)))
        }
        #expect(words.joined(separator: " ") == "\"\(Self.long)\"")
        #expect(words.count > 1, "the line is longer than the WHAT column at \(width) columns, so it wraps")
    }

    @Test func wideKeepsEveryRowOnOneLine() throws {
        let timeline = try Self.timeline()
        let table = PreviewTable.render(timeline, width: nil)
        let rows = Self.body(table).filter { !$0.isEmpty }
        #expect(rows.contains { $0.contains("\"\(Self.long)\"") && $0.hasSuffix(" 4") })
        // One line per cue, gap and section subtotal.
        let narrow = Self.body(PreviewTable.render(timeline, width: 60)).filter { !$0.isEmpty }
        #expect(rows.count < narrow.count)
        #expect(rows.count == timeline.cues.count + 1 + 3)
    }

    @Test func silencesAreRowsWithTheirLengthAndLine() throws {
        let rows = Self.body(PreviewTable.render(try Self.timeline(), width: 86))
        // The `after: 3s` of the say on line 4, at its end (1 s bell + 7 s of speech).
        let after = try #require(rows.first { $0.contains(" after ") })
        #expect(after.hasPrefix("  0:08.0") && after.contains(" 3.0s ") && after.hasSuffix(" 4"), "\(after)")
        // The bowl struck at 0:00 rings for about 15 s: the silence says so.
        #expect(after.contains("· silence (singing-bowl rings on)"), "\(after)")
        let pause = try #require(rows.first { $0.contains(" pause ") })
        #expect(pause.hasPrefix("  0:11.0") && pause.contains(" 4.0s ") && pause.contains("· silence") && pause.hasSuffix(" 6"), "\(pause)")
        // The breaths follow the pause without a gap row between them: no silence is shown twice.
        #expect(!rows.contains { $0.contains(" gap ") }, "\(rows.joined(separator: "\n"))")
    }

    @Test func eachSectionHasASubtotalAndTheyAddUpToTheSteps() throws {
        let timeline = try Self.timeline()
        let rows = Self.body(PreviewTable.render(timeline, width: 86))
        let sections = rows.filter { $0.contains(" section ") }
        // Bell, say and pause; the breathing; the closing say.
        #expect(sections.count == 3, "\(rows.joined(separator: "\n"))")
        #expect(sections[0].contains(" 15.0s ") && sections[0].contains("── 0:00.0–0:15.0 3 steps, lines 3–6"), "\(sections[0])")
        #expect(sections[1].contains(" 30.0s ") && sections[1].contains("── 0:15.0–0:45.0 Breathe 4-0-6-0 × 3 · 6.0/min"), "\(sections[1])")
        #expect(sections[2].contains(" 2.0s ") && sections[2].contains("── 0:45.0–0:47.0 1 step, line 8"), "\(sections[2])")
        #expect(sections.allSatisfy { $0.hasPrefix("             ") }, "a subtotal has no start of its own in the TIME column")
        // Each section's rows are followed by a blank line before the next.
        let subtotalIndices = rows.indices.filter { rows[$0].contains(" section ") }
        #expect(subtotalIndices.allSatisfy { rows.indices.contains($0 + 1) && rows[$0 + 1].isEmpty })
        #expect(PreviewTable.render(timeline, width: 86).contains("Length 0:47 · \(timeline.cues.count) cues"))
    }

    @Test func aSilenceNothingCoversBetweenStepsIsAGapRow() throws {
        // A chime waits longer than it rings (wood-block rings briefly): the rest is a gap.
        let built = try TestScripts.build(TestScripts.session("  - {chime: wood-block, wait: 5s}\n  - say: Hello.\n"), timing: FixedSpeechTiming(seconds: 1))
        let timeline = try #require(built.timeline)
        let chime = try #require(timeline.cues.first)
        let rows = Self.body(PreviewTable.render(timeline, width: 86))
        if chime.end < 5 - PreviewTable.shortestGap {
            let gap = try #require(rows.first { $0.contains(" gap ") }, "\(rows)")
            #expect(gap.contains(PreviewTable.length(5 - chime.end)) && gap.contains("· silence"))
        } else {
            #expect(!rows.contains { $0.contains(" gap ") })
        }
    }

    @Test func lengthsFromAMinuteAreClockTimes() {
        #expect(PreviewTable.length(4) == "4.0s")
        #expect(PreviewTable.length(59.94) == "59.9s")
        #expect(PreviewTable.length(76) == "1:16.0")
    }

    @Test func wrappingBreaksAtSpacesAndSplitsOnlyOverlongWords() {
        #expect(PreviewTable.wrap("one two three", width: 7) == ["one two", "three"])
        #expect(PreviewTable.wrap("abcdefghij k", width: 4) == ["abcd", "efgh", "ij k"])
        #expect(PreviewTable.wrap("short", width: 20) == ["short"])
    }
}
