import Foundation
import Testing
@testable import SootheCore
import SootheFormats

/// The built-in session library (`assets/sessions/`): every script parses and builds cleanly, and
/// one session's timeline is kept as a readable snapshot.
///
/// The lengths with espeak-ng's real timing are checked end to end in `SootheCLITests`
/// (`SessionLibraryBandTests`); here speech is timed by a fake, so the results never move with
/// espeak-ng's version.
@Suite struct SessionLibraryTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let sessionsFolder = packageRoot + "/assets/sessions"
    static let snapshotsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Snapshots"

    /// Speech timed by word count alone: 0.4 s a word, plus pause marks. Deterministic and free of
    /// espeak-ng, so a snapshot made with it is stable.
    struct WordCountTiming: SpeechTiming {
        func speechDuration(of text: String, voice: VoiceProfile) throws -> Double {
            SpeechText.segments(of: text).reduce(0) { total, segment in
                switch segment {
                case .text(let words): total + 0.4 * Double(words.split(separator: " ").count)
                case .pause(let seconds): total + seconds
                }
            }
        }
    }

    static let builtInIDs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sessionsFolder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }()

    static func load(_ id: String, timing: any SpeechTiming) throws -> SessionLoader.Result {
        let path = sessionsFolder + "/" + id + ".yaml"
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let loader = SessionLoader(voices: VoiceLibrary(profiles: TestScripts.voices), timing: timing)
        return loader.load(bytes: bytes, file: path, defaultID: id)
    }

    @Test func theLibraryHoldsEverySessionOfTheDocs() throws {
        // docs/sessions.md lists 34 sessions; a missing file would silently shrink the library.
        #expect(Self.builtInIDs.count == 34, "\(Self.builtInIDs)")
    }

    @Test(arguments: builtInIDs)
    func everyBuiltInParsesAndBuildsWithoutDiagnostics(id: String) throws {
        let result = try Self.load(id, timing: EstimatedSpeechTiming())
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description).joined(separator: "\n"))")
        let timeline = try #require(result.timeline)
        #expect(timeline.id == id)
        // Every session opens with a bell and ends with the closing bell and 18 s of quiet
        // (docs/sessions.md, "Shape shared by every session").
        #expect(timeline.cues.first?.kind == .chime)
        if result.script?.tags.contains(.night) == true { return }
        let lastChime = try #require(timeline.cues.last { $0.kind == .chime })
        let lastPause = try #require(timeline.cues.last)
        #expect(lastPause.kind == .pause && abs(lastPause.duration - 18) < 1e-9, "\(lastPause)")
        #expect(lastChime.start < lastPause.start && lastPause.start - lastChime.start <= 10, "\(lastChime)")
        #expect(abs(timeline.duration - lastPause.end) < 1e-9, "the session should end with its quiet, not a ringing bell")
    }

    /// Everything a built-in says: `say` text and breathing prompts, with `{item}` filled in,
    /// without pause marks.
    static func spokenTexts(of steps: [Step], item: String? = nil) -> [String] {
        steps.flatMap { step -> [String] in
            switch step.action {
            case .say(let say): [say.text]
            case .breathe(let breathe): breathe.prompts.values.map(\.text)
            case .repeat(let r): r.items.flatMap { spokenTexts(of: r.steps, item: $0) }
            case .pause, .chime: []
            }
        }.map { text in
            let filled = item.map { text.replacingOccurrences(of: "{item}", with: $0) } ?? text
            return SpeechText.segments(of: filled).compactMap {
                if case .text(let words) = $0 { return words } else { return nil }
            }.joined(separator: " ")
        }
    }

    static func script(_ id: String) throws -> Script {
        try #require(try load(id, timing: EstimatedSpeechTiming()).script)
    }

    /// espeak-ng reads "988" as "nine hundred eighty-eight": a number a listener must dial is
    /// written as words, digit by digit, and so is every other number.
    @Test(arguments: builtInIDs)
    func noBuiltInSpeaksADigit(id: String) throws {
        for text in Self.spokenTexts(of: try Self.script(id).steps) {
            #expect(!text.contains { $0.isASCII && $0.isNumber }, "\(id) says a digit: \(text)")
        }
    }

    /// Every built-in is filed: at least one tag and the moment it is for.
    @Test(arguments: builtInIDs)
    func everyBuiltInHasTagsAndAMoment(id: String) throws {
        let script = try Self.script(id)
        #expect(!script.tags.isEmpty, "\(id) has no tags")
        #expect(!(script.when ?? "").isEmpty, "\(id) has no 'when'")
        // A Spanish session is tagged so, and only a Spanish one.
        let voice = TestScripts.voices[script.voice]
        #expect(script.tags.contains(.spanish) == (voice?.espeak.hasPrefix("es") == true), "\(id)")
    }

    /// The SOS, acceptance, self-compassion and night sessions say aloud that the practice does
    /// not replace therapy, and where to turn in a crisis: the 988 line in the United States,
    /// spoken digit by digit.
    @Test(arguments: builtInIDs)
    func supportIsSpokenWhereItIsNeeded(id: String) throws {
        let script = try Self.script(id)
        let needs = script.tags.contains(.sos) || script.tags.contains(.night)
            || ["distress-tolerance/acceptance", "distress-tolerance/self-compassion"].contains(script.technique ?? "")
        guard needs else { return }
        let spoken = Self.spokenTexts(of: script.steps).joined(separator: " ").lowercased()
        if script.tags.contains(.spanish) {
            #expect(spoken.contains("terapia") && spoken.contains("nueve, ocho, ocho") && spoken.contains("español"), "\(id)")
        } else {
            #expect(spoken.contains("therapy") && spoken.contains("nine eight eight") && spoken.contains("one one six, one two three"), "\(id)")
        }
    }

    /// A night session may be heard falling asleep: it never asks to open the eyes, rings no
    /// bell after its first words, and ends in a long quiet under its bed, which fades out.
    @Test(arguments: builtInIDs)
    func nightSessionsEndWithoutWakingTheListener(id: String) throws {
        let result = try Self.load(id, timing: EstimatedSpeechTiming())
        let script = try #require(result.script)
        guard script.tags.contains(.night) else { return }
        let timeline = try #require(result.timeline)
        let spoken = Self.spokenTexts(of: script.steps).joined(separator: " ").lowercased()
        #expect(!spoken.contains("open your eyes") && !spoken.contains("abre los ojos"))
        let firstSpeech = try #require(timeline.cues.first { $0.kind == .speech })
        #expect(!timeline.cues.contains { $0.kind == .chime && $0.start > firstSpeech.start }, "a bell after the first words")
        #expect(script.ambience != nil, "no bed to fade out")
        let last = try #require(timeline.cues.last)
        #expect(last.kind == .pause && last.duration >= 60, "\(last)")
    }

    /// There are SOS sessions in English and Spanish, and TIPP's health caution is spoken before
    /// the cold. (Their lengths with real speech: `SessionLibraryBandTests`.)
    @Test func sosSessionsExistAndTheHighDistressOneCautions() throws {
        var sos = 0, tipp = 0
        for id in Self.builtInIDs {
            let script = try Self.script(id)
            guard script.tags.contains(.sos) else { continue }
            sos += 1
            guard script.technique == "distress-tolerance/tipp" else { continue }
            let spoken = Self.spokenTexts(of: script.steps).joined(separator: " ").lowercased()
            let caution = spoken.range(of: spoken.contains("heart") ? "heart condition" : "enfermedad del corazón")
            let cold = spoken.range(of: spoken.contains("heart") ? "cold, wet cloth" : "agua fría")
            #expect(caution != nil && cold != nil && caution!.lowerBound < cold!.lowerBound, "\(id)")
            tipp += 1
        }
        #expect(sos >= 8 && tipp == 2, "\(sos) SOS sessions, \(tipp) TIPP")
    }

    /// docs/session-format.md names every tag the parser knows, and docs/sessions.md's tag table
    /// every one a built-in uses.
    @Test func theDocsNameEveryTag() throws {
        let format = try String(contentsOfFile: Self.packageRoot + "/docs/session-format.md", encoding: .utf8)
        let row = try #require(format.split(separator: "\n").first { $0.hasPrefix("| `tags` |") })
        for name in SessionTag.names {
            #expect(row.contains("`\(name)`"), "docs/session-format.md does not name the tag '\(name)'")
        }
        let sessions = try String(contentsOfFile: Self.packageRoot + "/docs/sessions.md", encoding: .utf8)
        let used = Set(try Self.builtInIDs.flatMap { try Self.script($0).tags })
        for tag in used {
            #expect(sessions.contains("`\(tag.rawValue)`"), "docs/sessions.md does not name the tag '\(tag.rawValue)'")
        }
    }

    // MARK: Snapshot

    /// `SOOTHE_UPDATE_SNAPSHOTS=1` rewrites snapshots instead of comparing them.
    static let updating = ProcessInfo.processInfo.environment["SOOTHE_UPDATE_SNAPSHOTS"] == "1"

    @Test func fourSevenEightTimelineMatchesItsSnapshot() throws {
        let result = try Self.load("four-seven-eight", timing: WordCountTiming())
        let timeline = try #require(result.timeline, "\(result.diagnostics)")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        try Self.assertSnapshot(PreviewTable.render(timeline), named: "four-seven-eight.preview.txt")
    }

    /// Compares `text` with the stored snapshot line by line, naming the first difference.
    static func assertSnapshot(_ text: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let path = snapshotsFolder + "/" + name
        if updating {
            try FileManager.default.createDirectory(atPath: snapshotsFolder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return
        }
        guard let stored = FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }) else {
            Issue.record("no snapshot at \(path); run the tests with SOOTHE_UPDATE_SNAPSHOTS=1 to write it", sourceLocation: sourceLocation)
            return
        }
        guard stored != text else { return }
        let want = stored.split(separator: "\n", omittingEmptySubsequences: false)
        let got = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(want, got).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(want.count, got.count)
        let expected = line < want.count ? String(want[line]) : "(end of snapshot)"
        let actual = line < got.count ? String(got[line]) : "(end of output)"
        Issue.record(
            """
            the timeline differs from the snapshot \(path) at line \(line + 1):
              snapshot: \(expected)
              now:      \(actual)
            (\(want.count) lines stored, \(got.count) now). If the change is intended, rerun with \
            SOOTHE_UPDATE_SNAPSHOTS=1 and review the diff of the snapshot file.
            """, sourceLocation: sourceLocation)
    }
}
