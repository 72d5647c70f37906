import Testing
@testable import SootheCore

/// A voice written out in a script (`voice: {espeak: de+f3, rate: 125}`), parsed by the profile
/// files' own code with its problems located in the script; and libraries layered from folders.
@Suite("Inline voices and voice libraries")
struct InlineVoiceTests {
    @Test func topLevelInlineVoiceIsTheSessionsVoice() throws {
        let yaml = "title: T\nid: calm-de\nvoice: {espeak: de+f3, rate: 125, pitch: 40, range: 20, word-gap: 4}\nsteps:\n  - say: Hallo.\n"
        let (script, diagnostics) = TestScripts.parse(yaml)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let inline = try #require(script?.inlineVoice)
        #expect(inline == VoiceProfile(name: "calm-de-inline", espeak: "de+f3", rate: 125, pitch: 40, range: 20, wordGap: 4, chain: SpeechChainSettings()))
        #expect(script?.voice == "calm-de-inline")
        #expect(script?.voiceLocation == SourceLocation(line: 3, column: 8))
        let built = try TimelineBuilder(voices: TestScripts.voices, timing: FixedSpeechTiming(seconds: 1)).build(try #require(script))
        #expect(built.timeline?.voice == inline)
        #expect(built.timeline?.cues.first?.spoken?.voice == inline)
    }

    @Test func inlineVoiceIsNamedAfterTheIdGivenAnywhereInTheFile() {
        // `id:` after `voice:` still names the inline voice; `name:` inside it wins.
        let late = TestScripts.parse("title: T\nvoice: {espeak: en}\nid: later\nsteps:\n  - say: Hi.\n")
        #expect(late.script?.inlineVoice?.name == "later-inline")
        let named = TestScripts.parse("title: T\nvoice: {name: soft, espeak: en}\nsteps:\n  - say: Hi.\n")
        #expect(named.script?.inlineVoice?.name == "soft")
        #expect(named.script?.voice == "soft")
    }

    @Test func aSayStepsInlineVoiceSpeaksThatStepOnly() throws {
        let yaml = TestScripts.session("""
              - say: One.
              - say: Two.
                voice: {espeak: en-gb, rate: 150}
              - say: Three.
                voice: warm
            """)
        let (script, diagnostics) = TestScripts.parse(yaml)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        guard case .say(let two)? = script?.steps[1].action else {
            Issue.record("no second say step")
            return
        }
        #expect(two.inlineVoice == VoiceProfile(name: "test-inline-5", espeak: "en-gb", rate: 150, chain: SpeechChainSettings()))
        let (timeline, _) = try TestScripts.build(yaml, timing: FixedSpeechTiming(seconds: 1))
        let voices = timeline?.cues.compactMap { $0.spoken?.voice.espeak }
        #expect(voices == ["en-us+f3", "en-gb", "en+m3"])
    }

    @Test func problemsInsideAnInlineVoiceAreLocatedInTheScript() {
        let (script, diagnostics) = TestScripts.parse("""
            title: T
            voice: {espeak: en-us, rte: 130, pitch: 120}
            steps:
              - say: Hi.
                voice:
                  rate: 100
            """)
        #expect(script == nil)
        let lines = diagnostics.map(\.description)
        #expect(lines.contains("test.yaml:2:24: error: unknown key 'rte' in voice profile; did you mean 'rate'? (expected name, description, espeak, rate, pitch, range, word-gap, clause-pause, sentence-pause, chain, room, room-level)"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("test.yaml:2:41: error: 'pitch' must be a whole number from 0 to 99") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("test.yaml:6:7: error: voice profile 'test-inline-6' needs 'espeak'") }, "\(lines)")
        #expect(diagnostics.count == 3)
    }

    @Test func aListIsNotAVoice() {
        let (_, diagnostics) = TestScripts.parse("title: T\nvoice: [en, de]\nsteps:\n  - say: Hi.\n")
        #expect(diagnostics.map(\.description) == [
            "test.yaml:2:8: error: 'voice' expects a voice profile's name or a mapping of profile keys such as {espeak: de+f3, rate: 125}; found a list",
        ])
    }

    @Test func voiceOverrideReplacesAnInlineVoice() {
        let library = VoiceLibrary(profiles: TestScripts.voices)
        let loader = SessionLoader(voices: library, timing: FixedSpeechTiming(seconds: 1), voiceOverride: "warm")
        let result = loader.load(bytes: Array("title: T\nvoice: {espeak: de}\nsteps:\n  - say: Hi.\n".utf8), file: "t.yaml", defaultID: "t")
        #expect(result.timeline?.voice.name == "warm")
    }

    // MARK: Libraries from folders

    static let gentleFile = "espeak: en-us+f3\nrate: 125\n"

    @Test func anEarlierFolderShadowsALaterOne() {
        let beside = VoiceLibrary(files: [("a/voices/gentle.yaml", "espeak: en-gb\nrate: 140\n")])
        let builtIn = VoiceLibrary(files: [("home/voices/gentle.yaml", Self.gentleFile), ("home/voices/warm.yaml", "espeak: en+m3\n")])
        let merged = beside.shadowing(builtIn)
        #expect(merged.profiles["gentle"]?.espeak == "en-gb")
        #expect(merged.files["gentle"] == "a/voices/gentle.yaml")
        #expect(merged.profiles["warm"]?.espeak == "en+m3")
        #expect(merged.files["warm"] == "home/voices/warm.yaml")
        #expect(merged.names == ["gentle", "warm"])
    }

    @Test func aBrokenProfileShadowsTooAndIsAnErrorWhereItIsUsed() throws {
        let user = VoiceLibrary(files: [("u/gentle.yaml", "espeak: en\nrat: 120\n"), ("u/other.yaml", "espeak: en\n")])
        let builtIn = VoiceLibrary(files: [("home/voices/gentle.yaml", Self.gentleFile), ("home/voices/bad.yaml", "rate: 9000\n")])
        let merged = user.shadowing(builtIn)
        #expect(merged.profiles["gentle"] == nil)
        #expect(merged.invalid["gentle"]?.first?.file == "u/gentle.yaml")
        #expect(merged.allNames == ["bad", "gentle", "other"])
        // Both broken files that are in use are reported; none is dropped silently.
        #expect(Set(merged.diagnostics.map(\.file)) == ["u/gentle.yaml", "home/voices/bad.yaml"])

        // A session that does not use the broken profile is fine; one that does gets an error
        // at its `voice:`, followed by the profile file's own.
        let loader = SessionLoader(voices: merged, timing: FixedSpeechTiming(seconds: 1))
        let fine = loader.load(bytes: Array("title: T\nvoice: other\nsteps:\n  - say: Hi.\n".utf8), file: "s.yaml", defaultID: "s")
        #expect(fine.timeline != nil && fine.diagnostics.isEmpty, "\(fine.diagnostics)")
        let broken = loader.load(bytes: Array("title: T\nvoice: other\nsteps:\n  - say: Hi.\n  - say: Again.\n    voice: gentle\n".utf8), file: "s.yaml", defaultID: "s")
        #expect(broken.timeline == nil)
        #expect(broken.diagnostics.map(\.description) == [
            "s.yaml:6:12: error: voice profile 'gentle' (u/gentle.yaml) has an error, so it cannot be used",
            "u/gentle.yaml:2:1: error: unknown key 'rat' in voice profile; did you mean 'rate'? (expected name, description, espeak, rate, pitch, range, word-gap, clause-pause, sentence-pause, chain, room, room-level)",
        ])
    }

    @Test func aProfileFileIsParsedAsBefore() {
        let (profile, diagnostics) = VoiceLibrary.parse(text: "name: soft\nespeak: en+f2\nrate: 120\npitch: 30\nrange: 20\nword-gap: 5\n", file: "v/soft.yaml", defaultName: "x")
        #expect(diagnostics.isEmpty)
        #expect(profile == VoiceProfile(name: "soft", espeak: "en+f2", rate: 120, pitch: 30, range: 20, wordGap: 5, chain: SpeechChainSettings()))
        let (none, problems) = VoiceLibrary.parse(text: "- en\n", file: "v/list.yaml", defaultName: "list")
        #expect(none == nil)
        #expect(problems.map(\.description) == ["v/list.yaml:1:1: error: a voice profile is a mapping with 'espeak', 'rate', 'pitch', 'range' and 'word-gap'"])
    }

    @Test func diagnosticsOfEachFileStayTogether() {
        let list = [
            Diagnostic(.error, file: "s.yaml", line: 9, column: 1, "late"),
            Diagnostic(.error, file: "p.yaml", line: 1, column: 1, "profile"),
            Diagnostic(.warning, file: "s.yaml", line: 2, column: 1, "early"),
        ]
        #expect(list.sortedByLocation().map(\.message) == ["early", "late", "profile"])
    }

    // MARK: The sample passage

    @Test(arguments: [("en-us+f3", "en"), ("es+f3", "es"), ("de", "de"), ("fr-fr", "fr"), ("roa/pt-BR", "pt"), ("it+m3", "it"), ("nl", "nl")])
    func languageOfAnEspeakName(espeak: String, language: String) {
        #expect(VoiceSample.language(ofEspeak: espeak) == language)
    }

    @Test func everyLanguageHasTheSameShortPassage() {
        #expect(Set(VoiceSample.passages.keys) == ["en", "es", "de", "fr", "pt", "it"])
        for (language, sentences) in VoiceSample.passages {
            #expect(sentences.count == VoiceSample.passages["en"]!.count, "\(language)")
            #expect(sentences.allSatisfy { $0.split(separator: " ").count <= 14 }, "\(language)")
        }
    }

    @Test func theSampleSpeaksTheProfilesLanguageElseEnglish() throws {
        let spanish = VoiceProfile(name: "calma", espeak: "es+f3")
        let script = VoiceSample.script(name: "calma", voice: spanish)
        #expect(script.inlineVoice == spanish)
        #expect(script.id == "sample-calma")
        let texts = script.steps.compactMap { step -> String? in
            if case .say(let say) = step.action { return say.text }
            return nil
        }
        #expect(texts == VoiceSample.passages["es"])
        let dutch = VoiceProfile(name: "zacht", espeak: "nl")
        #expect(!VoiceSample.hasPassage(for: dutch))
        #expect(VoiceSample.script(name: "zacht", voice: dutch).steps.count == VoiceSample.passages["en"]!.count)
        let built = try TimelineBuilder(voices: [:], timing: FixedSpeechTiming(seconds: 2)).build(script)
        // Four sentences of 2 s, each followed by a second's pause.
        #expect(built.timeline?.duration == 12)
    }
}

extension Cue {
    /// The speech of a speech cue.
    fileprivate var spoken: Speech? {
        if case .speech(let speech) = event { return speech }
        return nil
    }
}
