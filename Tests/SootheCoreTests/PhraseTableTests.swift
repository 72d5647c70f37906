import Foundation
import Testing
@testable import SootheCore

/// Issue 15 point 4: the words soothe adds (counting, `soothe breathe`'s guidance) follow the
/// voice's language, with English and one warning for a language soothe has no words in.
@Suite struct PhraseTableTests {
    /// One voice per language soothe has words in, and two it has none in.
    static let voices: [String: VoiceProfile] = [
        "english": VoiceProfile(name: "english", espeak: "en-us+f3", rate: 120),
        "spanish": VoiceProfile(name: "spanish", espeak: "es-419", rate: 120),
        "german": VoiceProfile(name: "german", espeak: "de+m3", rate: 120),
        "french": VoiceProfile(name: "french", espeak: "fr-fr", rate: 120),
        "portuguese": VoiceProfile(name: "portuguese", espeak: "pt-br+f2", rate: 120),
        "italian": VoiceProfile(name: "italian", espeak: "it", rate: 120),
        "swahili": VoiceProfile(name: "swahili", espeak: "sw+f3", rate: 120),
        "finnish": VoiceProfile(name: "finnish", espeak: "fi", rate: 120),
    ]
    static let supported = ["english": "en", "spanish": "es", "german": "de", "french": "fr", "portuguese": "pt", "italian": "it"]

    /// Every phrase of a table with a name for messages.
    static func phrases(_ table: PhraseTable) -> [(String, String)] {
        let b = table.breathe, t = b.titles
        return [
            ("welcome", b.welcome), ("safety", b.safety), ("closing", b.closing),
            ("inhale", b.prompts.inhale), ("top-up", b.prompts.topUp), ("hold", b.prompts.hold),
            ("exhale", b.prompts.exhale), ("rest", b.prompts.rest),
            ("box", t.box), ("4-7-8", t.fourSevenEight), ("coherent", t.coherent), ("sigh", t.sigh),
            ("belly", t.belly), ("extended-exhale", t.extendedExhale), ("custom", t.custom), ("summary", t.summary),
        ]
    }

    static func build(_ script: Script, timing: any SpeechTiming = FixedSpeechTiming(seconds: 0.4)) throws -> (Timeline, [Diagnostic]) {
        let (timeline, diagnostics) = try TimelineBuilder(voices: voices, timing: timing).build(script)
        return (try #require(timeline, "\(diagnostics)"), diagnostics)
    }

    static func parse(_ yaml: String) throws -> Script {
        let (script, diagnostics) = ScriptParser(voiceNames: voices.keys.sorted()).parse(text: yaml, file: "t.yaml", defaultID: "t")
        return try #require(script, "\(diagnostics)")
    }

    // MARK: The tables

    @Test func theSixLanguagesHaveTables() {
        #expect(PhraseTable.all.map(\.language) == ["en", "es", "de", "fr", "pt", "it"])
        for (name, language) in Self.supported {
            let espeak = Self.voices[name]!.espeak
            #expect(PhraseTable.table(for: SpeechLanguage(espeak: espeak))?.language == language, "\(espeak)")
        }
        #expect(PhraseTable.table(for: SpeechLanguage(espeak: "sw+f3")) == nil)
        #expect(PhraseTable.table(for: SpeechLanguage(espeak: "fi")) == nil)
    }

    /// Each table counts as far as the builder counts, in distinct words, and translates every
    /// phrase (none left empty or in English), with the pattern placeholder where one is needed.
    @Test(arguments: PhraseTable.all)
    func everyTableIsComplete(table: PhraseTable) {
        #expect(table.numbers.count == PhraseTable.highestCount, "\(table.name) counts to \(table.numbers.count)")
        #expect(Set(table.numbers).count == table.numbers.count, "\(table.name): a number word twice")
        #expect(table.number(1) == table.numbers.first && table.number(PhraseTable.highestCount + 1) == nil && table.number(0) == nil)
        let english = Dictionary(uniqueKeysWithValues: Self.phrases(.english))
        for (key, phrase) in Self.phrases(table) {
            #expect(!phrase.isEmpty && !phrase.hasPrefix(" ") && !phrase.hasSuffix(" "), "\(table.name) \(key): '\(phrase)'")
            if table.language != "en" { #expect(phrase != english[key], "\(table.name) \(key) is the English '\(phrase)'") }
        }
        #expect(table.breathe.titles.custom.contains("{pattern}") && table.breathe.titles.summary.contains("{pattern}"), "\(table.name)")
        for preset in BreathPattern.presetNames {
            #expect(table.breathe.titles.preset(preset) != nil, "\(table.name) has no title for \(preset)")
        }
        for phase in BreathPhase.allCases {
            // A prompt opens a phase: a few words at most, however short the phase.
            #expect(table.breathe.prompts[phase].split(separator: " ").count <= 3, "\(table.name) \(phase) prompt")
        }
    }

    @Test(arguments: [
        ("en-us+f3", "en-US", "en"), ("en", "en", "en"), ("es+f3", "es", "es"), ("es-419", "es-419", "es"),
        ("pt-br", "pt-BR", "pt"), ("fr-fr+m2", "fr-FR", "fr"), ("de", "de", "de"), ("en_us", "en-US", "en"),
        ("en-gb-x-rp", "en-GB-x-rp", "en"), ("cmn-latn-pinyin", "cmn-Latn-pinyin", "cmn"), ("EN-US", "en-US", "en"),
        ("", "und", "und"), ("+f3", "und", "und"), ("\"><x", "x", "x"),
    ])
    func languagesComeFromTheEspeakName(espeak: String, tag: String, primary: String) {
        let language = SpeechLanguage(espeak: espeak)
        #expect(language.tag == tag)
        #expect(language.primary == primary)
    }

    // MARK: Counting

    @Test func aSpanishVoiceCountsInSpanish() throws {
        let script = try Self.parse("title: T\nvoice: spanish\nsteps:\n  - breathe: {pattern: 4-0-3-0, cycles: 1, count: true}\n")
        let (timeline, diagnostics) = try Self.build(script)
        #expect(timeline.cues.compactMap(\.speech?.text) == ["dos", "tres", "cuatro", "dos", "tres"])
        #expect(diagnostics.isEmpty)
    }

    /// A phase long enough to count past the table counts every second up to its end.
    @Test(arguments: ["english", "spanish", "german", "french", "portuguese", "italian"])
    func everyLanguageCountsAsFarAsTheBuilderCounts(voice: String) throws {
        let script = try Self.parse("title: T\nvoice: \(voice)\nsteps:\n  - breathe: {pattern: 1-30-1-0, cycles: 1, count: true}\n")
        let (timeline, diagnostics) = try Self.build(script)
        let table = try #require(PhraseTable.table(for: SpeechLanguage(espeak: Self.voices[voice]!.espeak)))
        #expect(timeline.cues.compactMap(\.speech?.text) == Array(table.numbers[1...]), "the hold is counted from two to the last word")
        #expect(diagnostics.isEmpty, "no warning for a language soothe speaks: \(diagnostics)")
    }

    /// A voice in a language without a table counts in English, with one warning at the first
    /// step that counts, however many steps count.
    @Test(arguments: ["swahili", "finnish"])
    func aLanguageWithoutATableCountsInEnglishWithOneWarning(voice: String) throws {
        let script = try Self.parse("""
            title: T
            voice: \(voice)
            steps:
              - say: Habari.
              - breathe: {pattern: 3-0-3-0, cycles: 2, count: true}
              - breathe: {pattern: 4-0-4-0, cycles: 1, count: true}

            """)
        let (timeline, diagnostics) = try Self.build(script)
        #expect(timeline.cues.compactMap(\.speech?.text).dropFirst().prefix(4) == ["two", "three", "two", "three"])
        #expect(diagnostics.count == 1, "\(diagnostics)")
        let warning = try #require(diagnostics.first)
        #expect(warning.severity == .warning)
        #expect((warning.line, warning.column) == (5, 5), "at the first counting step")
        let espeak = Self.voices[voice]!.espeak
        #expect(warning.message.contains("'\(SpeechLanguage(espeak: espeak).tag)'") && warning.message.contains(voice) && warning.message.contains("English"))
    }

    /// The warning docs/voices.md quotes is the one a Finnish session that counts gets.
    @Test func theDocumentedWarningIsTheBuildersWarning() throws {
        let script = try #require(ScriptParser(voiceNames: ["suomi"]).parse(
            text: "title: Hengitys\nvoice: suomi\nsteps:\n  - say: Hengitä rauhassa.\n  - breathe: {pattern: 4-0-4-0, cycles: 2, count: true}\n",
            file: "fi.yaml", defaultID: "fi").script)
        let suomi = VoiceProfile(name: "suomi", espeak: "fi+f3", rate: 125)
        let (_, diagnostics) = try TimelineBuilder(voices: ["suomi": suomi], timing: FixedSpeechTiming(seconds: 0.4)).build(script)
        let warning = try #require(diagnostics.first)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/voices.md"), encoding: .utf8)
        #expect(doc.contains("\n\(warning.description)\n"), "\(warning)")
    }

    @Test func aLanguageWithoutATableIsNoConcernWhenSootheAddsNoWords() throws {
        let script = try Self.parse("title: T\nvoice: finnish\nsteps:\n  - say: Hengitä.\n  - breathe: {pattern: 3-0-3-0, cycles: 2, prompts: {inhale: Sisään}}\n")
        let (_, diagnostics) = try Self.build(script)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    // MARK: soothe breathe

    /// `soothe breathe` in German: the intro, the prompts of every phase, the closing and the
    /// title are the German table's, and nothing is English.
    @Test func breatheWithAGermanVoiceSpeaksGerman() throws {
        let track = try #require(BreathingTrack(pattern: "box", cycles: 2, guidedCycles: 1, voice: "german"))
        let (timeline, diagnostics) = try Self.build(track.script(voice: Self.voices["german"]!))
        let german = PhraseTable.german.breathe
        let spoken = timeline.cues.compactMap(\.speech?.text)
        #expect(spoken == [german.welcome, german.safety, german.prompts.inhale, german.prompts.hold,
                           german.prompts.exhale, german.prompts.rest, german.closing])
        #expect(timeline.title == "Box-Atmung")
        #expect(timeline.summary == "Atmen im Takt, Muster box.")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    /// Every pattern's track in every language says only that language's words: each prompt its
    /// phases need, the intro and the closing.
    @Test(arguments: ["english", "spanish", "german", "french", "portuguese", "italian"])
    func breatheSpeaksTheVoicesLanguageForEveryPattern(voice: String) throws {
        let profile = Self.voices[voice]!
        let table = try #require(PhraseTable.table(for: SpeechLanguage(espeak: profile.espeak)))
        for name in BreathPattern.presetNames + ["4-2-6-1"] {
            let track = try #require(BreathingTrack(pattern: name, cycles: 1, count: true, voice: voice))
            let (timeline, diagnostics) = try Self.build(track.script(voice: profile))
            let spoken = Set(timeline.cues.compactMap(\.speech?.text))
            var expected: Set = [table.breathe.welcome, table.breathe.safety, table.breathe.closing]
            for (phase, length) in track.pattern.phases where length > 0 { expected.insert(table.breathe.prompts[phase]) }
            #expect(spoken.subtracting(table.numbers) == expected, "\(voice) \(name)")
            #expect(timeline.title == track.title(in: table) && !timeline.title.contains("{"), "\(voice) \(name)")
            #expect(diagnostics.isEmpty, "\(voice) \(name): \(diagnostics)")
        }
    }

    @Test func breatheInALanguageWithoutATableSpeaksEnglishWithOneWarning() throws {
        let track = try #require(BreathingTrack(pattern: "4-7-8", cycles: 3, count: true, voice: "finnish"))
        let (timeline, diagnostics) = try Self.build(track.script(voice: Self.voices["finnish"]!))
        let spoken = timeline.cues.compactMap(\.speech?.text)
        #expect(spoken.first == PhraseTable.english.breathe.welcome && spoken.contains("Hold") && spoken.contains("five"))
        #expect(timeline.title == "4-7-8 Breathing")
        #expect(diagnostics.count == 1, "one warning for the guidance and the counting together: \(diagnostics)")
        let warning = try #require(diagnostics.first)
        #expect(warning.severity == .warning && warning.description.hasPrefix("<breathe>:1:1: warning: "))
    }

    @Test func breatheWithoutGuidanceNeedsNoWordsAndGetsNoWarning() throws {
        let track = try #require(BreathingTrack(pattern: "box", cycles: 2, voiceGuidance: false, voice: "finnish"))
        let (timeline, diagnostics) = try Self.build(track.script(voice: Self.voices["finnish"]!))
        #expect(timeline.cues.allSatisfy { $0.kind != .speech })
        #expect(diagnostics.isEmpty)
    }

    /// The preparation dry run (which asks for every phrase first) does not repeat the warning.
    @Test func theWarningIsGivenOnceWithPreparation() throws {
        let track = try #require(BreathingTrack(pattern: "box", cycles: 2, count: true, voice: "swahili"))
        let (_, diagnostics) = try Self.build(track.script(voice: Self.voices["swahili"]!), timing: PreparingSpeechTiming())
        #expect(diagnostics.count == 1, "\(diagnostics)")
    }
}
