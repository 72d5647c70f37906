import Foundation
import Testing
import SootheCore
@testable import SootheFormats

@Suite struct CueSheetTests {
    /// A small timeline with one cue of every kind and times that need rounding.
    static let timeline = Timeline(
        id: "belly-breathing", title: "Belly \"Breathing\"", summary: nil, technique: nil,
        voice: .fallback, ambience: nil, duration: 300.00049,
        cues: [
            Cue(start: 0, end: 6, line: 8, step: 0, .chime(.init(kind: .singingBowl))),
            Cue(start: 6, end: 9.1234, line: 10, step: 1, .speech(.init(text: "Sit or lie down. [2s] Rest <here> & now.", voice: .fallback))),
            Cue(start: 9.1234, end: 12.5, line: 11, step: 2, .pause),
            Cue(start: 24.3, end: 29.3, line: 14, step: 3, .breath(.init(phase: .inhale, cycle: 1, tone: .standard))),
            Cue(start: 29.3, end: 30.3, line: 14, step: 3, .breath(.init(phase: .topUp, cycle: 1, tone: .standard))),
            Cue(start: 3725.0016, end: 3726.5, line: 20, step: 4, .speech(.init(text: "Done.", voice: .fallback, cycle: 2))),
        ],
        steps: [])

    func parsed(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }

    @Test func jsonHasTheShapeOfTheContract() throws {
        let sheet = try parsed(CueSheet.json(Self.timeline))
        #expect(Set(sheet.keys) == ["id", "title", "duration", "cues"])
        #expect(sheet["id"] as? String == "belly-breathing")
        #expect(sheet["title"] as? String == "Belly \"Breathing\"")
        #expect(sheet["duration"] as? Double == 300.0)
        let cues = try #require(sheet["cues"] as? [[String: Any]])
        #expect(cues.count == 6)
        let keys = cues.map { Set($0.keys) }
        #expect(keys[0] == ["start", "end", "kind", "name", "line"])
        #expect(keys[1] == ["start", "end", "kind", "text", "line"])
        #expect(keys[2] == ["start", "end", "kind", "line"])
        #expect(keys[3] == ["start", "end", "kind", "phase", "cycle", "line"])
        #expect(cues.map { $0["kind"] as? String } == ["chime", "speech", "pause", "breath", "breath", "speech"])
        #expect(cues[0]["name"] as? String == "singing-bowl")
        #expect(cues[1]["text"] as? String == "Sit or lie down. Rest <here> & now.", "pause marks are not shown")
        #expect(cues[3]["phase"] as? String == "inhale")
        #expect(cues[3]["cycle"] as? Int == 1)
        #expect(cues[4]["phase"] as? String == "top-up")
        #expect(cues.map { $0["line"] as? Int } == [8, 10, 11, 14, 14, 20])
    }

    @Test func jsonTimesAreRoundedToMilliseconds() throws {
        let cues = try #require(try parsed(CueSheet.json(Self.timeline))["cues"] as? [[String: Any]])
        #expect(cues.map { $0["start"] as? Double } == [0, 6, 9.123, 24.3, 29.3, 3725.002])
        #expect(cues.map { $0["end"] as? Double } == [6, 9.123, 12.5, 29.3, 30.3, 3726.5])
    }

    @Test func jsonTextIsExactlyAsDocumented() {
        let small = Timeline(
            id: "x", title: "T", summary: nil, technique: nil, voice: .fallback, ambience: nil, duration: 6,
            cues: [Cue(start: 0, end: 6, line: 3, step: 0, .chime(.init(kind: .bell)))], steps: [])
        #expect(CueSheet.json(small) == """
            {
              "id": "x",
              "title": "T",
              "duration": 6.0,
              "cues": [
                {"start": 0.0, "end": 6.0, "kind": "chime", "name": "bell", "line": 3}
              ]
            }

            """)
        let empty = Timeline(id: "e", title: "E", summary: nil, technique: nil, voice: .fallback, ambience: nil, duration: 0, cues: [], steps: [])
        let object = try? JSONSerialization.jsonObject(with: Data(CueSheet.json(empty).utf8)) as? [String: Any]
        #expect((object?["cues"] as? [Any])?.isEmpty == true)
    }

    @Test(arguments: [
        ("plain", "\"plain\""), ("a\"b\\c", "\"a\\\"b\\\\c\""), ("line\nbreak\ttab", "\"line\\nbreak\\ttab\""),
        ("\u{1}", "\"\\u0001\""), ("Respiración", "\"Respiración\""),
    ])
    func jsonStringsAreEscaped(_ text: String, _ literal: String) throws {
        #expect(JSON.string(text) == literal)
        let decoded = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
        #expect(decoded == [text])
    }

    @Test(arguments: [(6.0, "6.0"), (0.25, "0.25"), (313.615, "313.615"), (Double.nan, "null"), (Double.infinity, "null")])
    func jsonNumbers(_ value: Double, _ text: String) {
        #expect(JSON.number(value) == text)
    }

    @Test(arguments: [
        (0.0, "00:00:00.000"), (6.0, "00:00:06.000"), (9.1234, "00:00:09.123"), (59.9996, "00:01:00.000"),
        (3725.0016, "01:02:05.002"), (-1.0, "00:00:00.000"), (36000.5, "10:00:00.500"),
    ])
    func timestamps(_ seconds: Double, _ expected: String) {
        #expect(CueSheet.timestamp(seconds, separator: ".") == expected)
        #expect(CueSheet.timestamp(seconds, separator: ",") == expected.replacingOccurrences(of: ".", with: ","))
    }

    @Test func webVTTHasTheHeaderAndOneCaptionPerSpeechCue() {
        #expect(CueSheet.webVTT(Self.timeline) == """
            WEBVTT
            Language: \(SpeechLanguage(espeak: Self.timeline.voice.espeak).tag)

            1
            00:00:06.000 --> 00:00:09.123
            Sit or lie down. Rest &lt;here&gt; &amp; now.

            2
            01:02:05.002 --> 01:02:06.500
            Done.

            """)
    }

    @Test func srtUsesCommasAndNumbersFromOne() {
        #expect(CueSheet.srt(Self.timeline) == """
            1
            00:00:06,000 --> 00:00:09,123
            Sit or lie down. Rest <here> & now.

            2
            01:02:05,002 --> 01:02:06,500
            Done.

            """)
    }

    @Test func previewTableHasOneRowPerCueAndTotals() {
        let table = PreviewTable.render(Self.timeline)
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "Belly \"Breathing\"  (belly-breathing)")
        let rows = lines.filter { $0.hasPrefix("  ") && !$0.contains("TIME") }
        #expect(rows.count == Self.timeline.cues.count)
        #expect(rows[1].contains("0:06.0") && rows[1].contains("3.1s") && rows[1].contains("speech"))
        #expect(rows[3].contains("inhale · cycle 1"))
        #expect(table.contains("Length 5:00 · 6 cues · speech 0:05 (2 % of the session)"))
    }
}

/// The preview names a breath section's tone when it is not the standard one.
@Suite struct PreviewToneNoteTests {
    @Test func theToneIsNamedUnlessStandard() {
        #expect(PreviewTable.toneNote(BreathToneSpec.standard) == "")
        #expect(PreviewTable.toneNote(BreathToneSpec(style: .standard, pitch: 196)) == "")
        #expect(PreviewTable.toneNote(BreathToneSpec.silent) == " (no tone)")
        #expect(PreviewTable.toneNote(BreathToneSpec(style: .chime)) == " (chime tone)")
        #expect(PreviewTable.toneNote(BreathToneSpec(style: .bright)) == " (bright tone)")
    }
}
