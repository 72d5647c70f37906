import Foundation
import Testing

/// One session rendered in every shipped language through its translations, checked for what
/// can be checked without understanding the languages.
@Suite struct TranslatedRenderTests {
    static let session = "four-seven-eight"
    static let languages = ["es": "calma-419", "de": "sanft", "fr": "douce", "pt-BR": "suave", "it": "dolce"]

    /// The spoken words of each `say` and prompt entry of a translation file, pause marks removed.
    static func translatedTexts(_ language: String) throws -> [String] {
        let path = SootheCLI.packageRoot + "/assets/sessions/translations/\(language)/\(session).yaml"
        let entry = #/^  - (?:say|inhale|top-up|hold|exhale|rest): (".*")$/#
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").compactMap { line in
            guard let match = String(line).wholeMatch(of: entry) else { return nil }
            let text = try JSONDecoder().decode(String.self, from: Data(match.output.1.utf8))
            return spoken(text)
        }
    }

    /// `text` without pause marks, as captions and cue sheets show it.
    static func spoken(_ text: String) -> String {
        text.replacing(#/\s*\[[0-9.]+m?s\]\s*/#, with: " ").trimmingCharacters(in: .whitespaces)
    }

    static func cues(_ json: String) throws -> [[String: Any]] {
        let sheet = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try #require(sheet["cues"] as? [[String: Any]])
    }

    /// Breath cues as (phase, cycle, milliseconds long): the structure a translation keeps.
    static func breaths(_ cues: [[String: Any]]) -> [String] {
        cues.filter { $0["kind"] as? String == "breath" }.map {
            "\($0["phase"]!) \($0["cycle"]!) \(Int((((($0["end"] as? Double) ?? 0) - (($0["start"] as? Double) ?? 0)) * 1000).rounded()))"
        }
    }

    @Test func oneSessionInEveryShippedLanguage() throws {
        let folder = try TemporaryFolder()
        let cache = folder.file("cache")
        let render = try SootheCLI.run([
            "render", Self.session, "--lang", "es,de,fr,pt-BR,it", "--json", "--captions", "-o", folder.file("out"),
            "--sample-rate", "22050", "--channels", "1", "-q",
        ], cache: cache)
        #expect(render.status == 0, "\(render)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(render.stdout.utf8)) as? [[String: Any]])
        #expect(summary.count == Self.languages.count)
        let target = try #require(try SessionLibraryBandTests.targets()[Self.session])
        let original = try SootheCLI.run(["preview", Self.session, "--format", "json"], cache: cache)
        #expect(original.status == 0, "\(original)")
        let originalCues = try Self.cues(original.stdout)
        // Sentences only: a count word can be the same in two languages ("six").
        let originalTexts = Set(originalCues.compactMap { $0["text"] as? String }.filter { $0.contains(" ") })
        #expect(!Self.breaths(originalCues).isEmpty)

        for (language, voice) in Self.languages {
            let row = try #require(summary.first { $0["language"] as? String == language }, "no row for \(language)")
            #expect(row["status"] as? String == "rendered" && row["voice"] as? String == voice, "\(row)")
            let file = folder.file("out/\(language)/\(voice)/\(Self.session).wav")
            #expect(row["file"] as? String == file)
            #expect(FileManager.default.fileExists(atPath: file))
            // The length within the session's band (docs/sessions.md target, −5 % … +15 %).
            let duration = try #require(row["length"] as? Double)
            #expect((target * SessionLibraryBandTests.band.lowerBound...target * SessionLibraryBandTests.band.upperBound).contains(duration),
                    "\(language): \(duration) s for a \(target) s target")

            let translated = try Self.translatedTexts(language)
            #expect(translated.count >= 10)
            // Captions: headed with the language, carrying every translated line, none of the original's.
            let vtt = try String(contentsOfFile: folder.file("out/\(language)/\(voice)/\(Self.session).vtt"), encoding: .utf8)
            let lines = vtt.split(separator: "\n").map(String.init)
            #expect(lines.prefix(2) == ["WEBVTT", "Language: \(language == "es" ? "es-419" : language)"], "\(lines.prefix(2))")
            for text in translated { #expect(lines.contains(text), "\(language): no caption '\(text)'") }
            #expect(Set(lines).isDisjoint(with: originalTexts), "\(language) captions hold the original's text")

            // The cue sheet: speech from the translation, the breath structure the original's.
            let preview = try SootheCLI.run(["preview", Self.session, "--lang", language, "--format", "json"], cache: cache)
            #expect(preview.status == 0, "\(preview)")
            let cues = try Self.cues(preview.stdout)
            let spoken = cues.compactMap { $0["text"] as? String }
            #expect(Set(translated).isSubset(of: Set(spoken)), "\(language): \(Set(translated).subtracting(spoken))")
            #expect(Set(spoken).isDisjoint(with: originalTexts))
            #expect(Self.breaths(cues) == Self.breaths(originalCues), "\(language): the breath cues differ from the original's")
        }
    }

    @Test func aMissingTranslationIsSkippedWithANoteNotAFailure() throws {
        let folder = try TemporaryFolder()
        let render = try SootheCLI.run(["render", "box-breathing", "--lang", "sv", "-o", folder.file("out")])
        #expect(render.status == 0, "\(render)")
        #expect(render.stdout.contains("skipped: no sv translation"), "\(render.stdout)")
        #expect(render.stdout.contains("0 rendered, 1 skipped"))
    }
}
