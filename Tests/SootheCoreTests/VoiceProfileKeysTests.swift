import SootheCore
import Testing

@Suite("Voice profile keys for pacing and the speech chain")
struct VoiceProfileKeysTests {
    func parse(_ text: String) -> (VoiceProfile?, [Diagnostic]) {
        VoiceLibrary.parse(text: text, file: "v.yaml", defaultName: "v")
    }

    @Test func pausesChainAndRoomAreRead() throws {
        let (profile, diagnostics) = parse("""
            espeak: en-us+f3
            clause-pause: 450ms
            sentence-pause: 2s
            room: 35
            room-level: -8
            """)
        #expect(diagnostics.isEmpty)
        let voice = try #require(profile)
        #expect(voice.clausePause == 0.45 && voice.sentencePause == 2)
        #expect(voice.chain == SpeechChainSettings(enabled: true, room: 35, roomLevel: -8))
    }

    @Test func aProfileFileGetsTheChainUnlessItSaysOff() throws {
        let plain = try #require(parse("espeak: en").0)
        #expect(plain.chain.enabled && plain.chain.room == 0 && plain.clausePause == 0)
        let off = try #require(parse("espeak: en\nchain: off\nroom: off").0)
        #expect(off.chain.isDry)
    }

    @Test func badValuesAreLocatedErrors() {
        let (profile, diagnostics) = parse("""
            espeak: en
            clause-pause: soon
            sentence-pause: 9s
            chain: maybe
            room: 120
            room-level: -30
            """)
        #expect(profile == nil)
        #expect(diagnostics.map(\.line) == [2, 3, 4, 5, 6])
        #expect(diagnostics[0].message.contains("'clause-pause' must be a duration from 0 to 5s"))
        #expect(diagnostics[2].message.contains("'chain' must be on or off"))
        #expect(diagnostics[4].message.contains("from -10 to 0"))
    }
}
