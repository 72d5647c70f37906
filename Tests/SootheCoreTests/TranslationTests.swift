import Foundation
import Testing
@testable import SootheCore

/// Translations beside a script: matched to the original's lines by checksum, every problem
/// located in the translation file, the structure always the original's.
@Suite struct TranslationTests {
    static let original = """
        title: Breathe
        summary: A short one.
        when: Now.
        steps:
          - chime: singing-bowl
          - say: Hello. [1s] Sit down.
            after: 2s
          - breathe:
              pattern: 4-0-6-0
              cycles: 3
              prompts: {inhale: In, exhale: Out}
          - repeat:
              for: [hands, feet]
              steps:
                - say: "Relax your {item}."
                - pause: 3s
          - say: Goodbye.
        """

    static func script() throws -> Script {
        let (script, diagnostics) = TestScripts.parse(original)
        #expect(diagnostics.isEmpty)
        return try #require(script)
    }

    static func sum(_ text: String) -> String { TranslatableLine.checksum(of: text) }

    /// A German translation of `original`, with `lines` as its `lines:` entries.
    static func translation(_ lines: String) -> String {
        "language: de\ntitle: Atmen\nsummary: Eine kurze.\nwhen: Jetzt.\nlines:\n" + lines
    }

    static let fullLines = """
          - say: Hallo. [1s] Setz dich.
            from: \(sum("Hello. [1s] Sit down."))
            after: 4s
          - inhale: Ein
            from: \(sum("In"))
          - exhale: Aus
            from: \(sum("Out"))
          - item: Hände
            from: \(sum("hands"))
          - item: Füße
            from: \(sum("feet"))
          - say: "Entspann deine {item}."
            from: \(sum("Relax your {item}."))
          - say: Tschüss.
            from: \(sum("Goodbye."))

        """

    static func apply(_ text: String) throws -> (script: Script?, diagnostics: [Diagnostic]) {
        let (translation, problems) = Translation.parse(bytes: Array(text.utf8), file: "translations/de/t.yaml", language: "de")
        guard let translation else { return (nil, problems) }
        let (script, more) = TranslationApplier.apply(translation, to: try script(), voice: "calma")
        return (script, problems + more)
    }

    /// The script with every text blanked: what a translation may not change.
    static func structure(_ steps: [Step]) -> [Step] {
        steps.map { step in
            var step = step
            step.location = .start
            // Where a chapter starts is structure; its title is words (a translation's come from its own).
            if step.chapter != nil { step.chapter = .auto }
            switch step.action {
            case .say(var say):
                say.text = ""
                say.after = 0
                step.action = .say(say)
            case .breathe(var breathe):
                for phase in breathe.prompts.keys { breathe.prompts[phase] = Step.Prompt("") }
                step.action = .breathe(breathe)
            case .repeat(var repeated):
                repeated.items = repeated.items.map { $0.map { _ in "" } }
                repeated.steps = structure(repeated.steps)
                step.action = .repeat(repeated)
            case .pause, .chime: break
            }
            return step
        }
    }

    @Test func aFullTranslationReplacesTheWordsAndKeepsTheStructure() throws {
        let (translated, diagnostics) = try Self.apply(Self.translation(Self.fullLines))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let script = try #require(translated)
        #expect(script.title == "Atmen" && script.summary == "Eine kurze." && script.when == "Jetzt.")
        #expect(script.file == "translations/de/t.yaml")
        #expect(script.voice == "calma")
        #expect(Self.structure(script.steps) == Self.structure(try Self.script().steps))
        #expect(TranslatableLine.lines(of: script).map(\.text) == ["Hallo. [1s] Setz dich.", "Ein", "Aus", "Hände", "Füße", "Entspann deine {item}.", "Tschüss."])
        // The pause a translation lengthens; the speech located in the translation file.
        guard case .say(let first) = script.steps[1].action else { Issue.record("not a say"); return }
        #expect(first.after == 4)
        #expect(script.steps[1].location.line == 6)
        guard case .breathe(let breathe) = script.steps[2].action else { Issue.record("not a breathe"); return }
        #expect(breathe.prompts[.inhale]?.location.line == 9)
    }

    @Test func aMissingLineIsAnErrorNamingTheOriginalLine() throws {
        let lines = Self.fullLines.replacingOccurrences(of: "  - exhale: Aus\n    from: \(Self.sum("Out"))\n", with: "")
        let (script, diagnostics) = try Self.apply(Self.translation(lines))
        #expect(script == nil)
        let error = try #require(diagnostics.first { $0.severity == .error })
        #expect(error.file == "translations/de/t.yaml")
        #expect(error.message.contains("missing the exhale at line 11 of the original: 'Out'"), "\(error)")
        #expect(error.line == 11, "reported before the entry that follows the gap: \(error)")
    }

    @Test func anExtraLineIsAnError() throws {
        let (script, diagnostics) = try Self.apply(Self.translation(Self.fullLines + "  - say: Noch etwas.\n    from: 00000000\n"))
        #expect(script == nil)
        #expect(diagnostics.map(\.message) == ["extra say entry: the original has no further line here to translate (from: 00000000 matches none)"])
        #expect(diagnostics.first?.line == 21)
    }

    @Test func aChangedOriginalIsAWarningAtItsEntry() throws {
        let lines = Self.fullLines.replacingOccurrences(of: Self.sum("Goodbye."), with: Self.sum("Bye."))
        let (script, diagnostics) = try Self.apply(Self.translation(lines))
        #expect(script != nil, "a stale entry is still used")
        #expect(diagnostics.count == 1)
        let warning = try #require(diagnostics.first)
        #expect(warning.severity == .warning && warning.line == 19)
        #expect(warning.message.contains("has changed since this was translated (from: \(Self.sum("Bye.")), now \(Self.sum("Goodbye.")))"), "\(warning)")
    }

    @Test func aLineDroppedAmongChangedOnesIsMissingNotAMismatch() throws {
        // Every checksum stale (the original was reworded), and the exhale left out: the
        // entries still pair with the lines of their kind, and only the exhale is missing.
        var lines = Self.fullLines
        for text in ["Hello. [1s] Sit down.", "In", "Out", "hands", "feet", "Relax your {item}.", "Goodbye."] {
            lines = lines.replacingOccurrences(of: Self.sum(text), with: Self.sum(text + "!"))
        }
        lines = lines.replacingOccurrences(of: "  - exhale: Aus\n    from: \(Self.sum("Out!"))\n", with: "")
        let (script, diagnostics) = try Self.apply(Self.translation(lines))
        #expect(script == nil)
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.message) == ["missing the exhale at line 11 of the original: 'Out' (from: \(Self.sum("Out")))"], "\(errors)")
        #expect(diagnostics.filter { $0.severity == .warning }.count == 6)
    }

    @Test func placeholdersMustMatch() throws {
        let lines = Self.fullLines.replacingOccurrences(of: "Entspann deine {item}.", with: "Entspann dich.")
        let (script, diagnostics) = try Self.apply(Self.translation(lines))
        #expect(script == nil)
        #expect(diagnostics.map(\.message) == ["the placeholders differ from the original's (line 15): the original has {item}, the translation none"])
    }

    @Test func aLineOfAnotherKindIsAnError() throws {
        let lines = Self.fullLines.replacingOccurrences(of: "  - inhale: Ein\n    from: \(Self.sum("In"))", with: "  - say: Ein\n    from: \(Self.sum("In"))")
        let (_, diagnostics) = try Self.apply(Self.translation(lines))
        #expect(diagnostics.contains { $0.severity == .error && $0.message.contains("expected the inhale at line 11 of the original ('In'), found 'say'") }, "\(diagnostics)")
    }

    @Test func badEntriesAreAllReportedWithTheirPlace() throws {
        let text = "language: fr\ntitle: X\nlines:\n  - sing: la\n  - say: A\n    after: soon\n  - inhale: B\n    after: 2s\n"
        let (translation, diagnostics) = Translation.parse(bytes: Array(text.utf8), file: "t.yaml", language: "de")
        #expect(translation == nil)
        #expect(diagnostics.map(\.line) == [1, 4, 4, 6, 7])
        #expect(diagnostics[0].message.contains("disagrees with the folder"))
        #expect(diagnostics[1].message.contains("unknown key 'sing'"))
    }

    @Test func theTemplateIsATranslationThatMatchesWithoutFindings() throws {
        let script = try Self.script()
        let template = TranslationApplier.template(for: script, language: "de")
        let (translation, problems) = Translation.parse(bytes: Array(template.utf8), file: "t.yaml", language: "de")
        #expect(problems.isEmpty, "\(problems)")
        let (translated, diagnostics) = TranslationApplier.apply(try #require(translation), to: script, voice: "gentle")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(TranslatableLine.lines(of: try #require(translated)).map(\.text) == TranslatableLine.lines(of: script).map(\.text))
    }

    @Test func languageTagsAreNormalised() {
        #expect(LanguageVoices.normalized("pt-br") == "pt-BR")
        #expect(LanguageVoices.normalized("DE") == "de")
        #expect(LanguageVoices.normalized("es-419") == "es-419")
        #expect(LanguageVoices.normalized("x") == nil)
        #expect(LanguageVoices.normalized("de/../x") == nil)
        #expect(LanguageVoices.speaks(SpeechLanguage(espeak: "es-419+f3"), "es"))
        #expect(!LanguageVoices.speaks(SpeechLanguage(espeak: "en-us"), "es"))
    }
}

/// The shipped translations of the built-in catalogue.
@Suite struct CatalogueTranslationTests {
    static let folder = SessionLibraryTests.sessionsFolder + "/translations"

    /// Every (language, session id) with a translation file.
    static let files: [String] = {
        let languages = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        return languages.flatMap { language in
            (((try? FileManager.default.contentsOfDirectory(atPath: folder + "/" + language)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted())
                .map { language + "/" + $0.dropLast(5) }
        }
    }()

    static let voices: [String: VoiceProfile] = TestScripts.voices.merging([
        "sanft": VoiceProfile(name: "sanft", espeak: "de+f3", rate: 120, wordGap: 0),
        "douce": VoiceProfile(name: "douce", espeak: "fr+f3", rate: 120, wordGap: 0),
        "suave": VoiceProfile(name: "suave", espeak: "pt-br+f3", rate: 120, wordGap: 0),
        "dolce": VoiceProfile(name: "dolce", espeak: "it+f3", rate: 120, wordGap: 0),
    ]) { $1 }

    static func load(_ entry: String) throws -> (translation: Translation, original: Script, diagnostics: [Diagnostic]) {
        let parts = entry.split(separator: "/").map(String.init)
        let (language, id) = (parts[0], parts[1])
        let path = folder + "/" + entry + ".yaml"
        let (translation, problems) = Translation.parse(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), file: path, language: language)
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
        return (try #require(translation), try SessionLibraryTests.script(id), problems)
    }

    @Test func thereAreTranslationsInEveryShippedLanguage() {
        for language in LanguageVoices.translated {
            #expect(Self.files.contains { $0.hasPrefix(language + "/") }, "no translation into \(language)")
        }
        #expect(Set(LanguageVoices.translated + ["en"]) == Set(LanguageVoices.defaults.keys))
    }

    /// Every translation matches its original (no missing, extra, stale or mismatched line),
    /// builds without a finding, keeps the original's structure and speaks no digit.
    @Test(arguments: files)
    func everyTranslationMatchesItsOriginal(entry: String) throws {
        let (translation, original, _) = try Self.load(entry)
        if let version = translation.version {
            let other = try SessionLibraryTests.script(version)
            #expect(other.id != original.id)
            return
        }
        let voice = try #require(LanguageVoices.defaults[translation.language])
        let (script, diagnostics) = TranslationApplier.apply(translation, to: original, voice: voice)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description).joined(separator: "\n"))")
        let translated = try #require(script)
        #expect(TranslationTests.structure(translated.steps) == TranslationTests.structure(original.steps))
        for text in SessionLibraryTests.spokenTexts(of: translated.steps) {
            #expect(!text.contains { $0.isASCII && $0.isNumber }, "\(entry) says a digit: \(text)")
        }
        let (timeline, built) = try TimelineBuilder(voices: Self.voices, timing: EstimatedSpeechTiming()).build(translated)
        #expect(built.isEmpty, "\(built.map(\.description).joined(separator: "\n"))")
        #expect(timeline?.voice.name == voice)
    }
}
