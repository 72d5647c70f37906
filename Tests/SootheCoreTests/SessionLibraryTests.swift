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
        // docs/sessions.md lists 18 sessions; a missing file would silently shrink the library.
        #expect(Self.builtInIDs.count == 18, "\(Self.builtInIDs)")
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
        let lastChime = try #require(timeline.cues.last { $0.kind == .chime })
        let lastPause = try #require(timeline.cues.last)
        #expect(lastPause.kind == .pause && abs(lastPause.duration - 18) < 1e-9, "\(lastPause)")
        #expect(lastChime.start < lastPause.start && lastPause.start - lastChime.start <= 10, "\(lastChime)")
        #expect(abs(timeline.duration - lastPause.end) < 1e-9, "the session should end with its quiet, not a ringing bell")
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
