import Testing
@testable import SootheCore

/// The `ambience` keys of the music and tone beds: read into the spec, refused where they do not
/// belong or out of range, each problem at its place.
@Suite struct BedSettingsParserTests {
    static func script(_ ambience: String) -> String {
        "title: T\nambience: \(ambience)\nsteps:\n  - pause: 1s\n"
    }

    @Test func musicSettingsAreRead() throws {
        let (script, diagnostics) = TestScripts.parse(Self.script("{sound: music, key: F#, mode: minor, style: bells, chord-every: 9s, level: -3}"))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let spec = try #require(script?.ambience)
        #expect(spec == AmbienceSpec(sound: .music, level: -3, music: MusicSettings(tonic: 6, mode: .minor, style: .bells, chordSeconds: 9)))
        #expect(spec.origin == "test.yaml:2:11")
    }

    @Test func aBareNameTakesTheDefaults() throws {
        let (script, _) = TestScripts.parse(Self.script("binaural"))
        let spec = try #require(script?.ambience)
        #expect(spec.tones == ToneBedSettings())
        #expect(spec.tones.endBeat == spec.tones.beat && spec.tones.endCarrier == spec.tones.carrier)
        #expect(spec.origin == "test.yaml:2:11")
    }

    @Test func toneSettingsAndTheirChangeAreRead() throws {
        let (script, diagnostics) = TestScripts.parse(Self.script("{sound: isochronic, carrier: 180, beat: 10, to: {beat: 4}}"))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let tones = try #require(script?.ambience?.tones)
        #expect(tones == ToneBedSettings(carrier: 180, beat: 10, endCarrier: 180, endBeat: 4))
    }

    static let bad: [BadScript] = [
        BadScript("unknown musical key", script("{sound: music, key: H}"), at: 2, 31, "unknown musical key 'H'", "C#"),
        BadScript("unknown mode", script("{sound: music, mode: dorian}"), at: 2, 32, "unknown mode 'dorian'", "major, minor"),
        BadScript("unknown style", script("{sound: music, style: pads}"), at: 2, 33, "unknown music style 'pads'", "did you mean 'pad'?"),
        BadScript("chord-every too short", script("{sound: music, chord-every: 2s}"), at: 2, 39, "'chord-every' must be between 4 s and 60 s", "2s"),
        BadScript("carrier out of range", script("{sound: binaural, carrier: 3000}"), at: 2, 38, "'carrier' must be between 40 and 1500 Hz"),
        BadScript("beat out of range", script("{sound: isochronic, beat: 0.1}"), at: 2, 37, "'beat' must be between 0.5 and 40 Hz"),
        BadScript("end beat out of range", script("{sound: binaural, to: {beat: 60}}"), at: 2, 40, "'beat' must be between 0.5 and 40 Hz"),
        BadScript("unknown key in to", script("{sound: binaural, to: {carier: 100}}"), at: 2, 34, "unknown key 'carier' in 'to'", "did you mean 'carrier'?"),
        BadScript("to is not a mapping", script("{sound: binaural, to: 4}"), at: 2, 33, "'to' expects the values at the session's end"),
        BadScript("a tone key on music", script("{sound: music, beat: 6}"), at: 2, 26, "'beat' is a setting of the binaural and isochronic beds, not of 'music'"),
        BadScript("a music key on noise", script("{sound: rain, key: D}"), at: 2, 25, "'key' is a setting of the music bed, not of 'rain'"),
        BadScript("an ear's tone too low", script("{sound: binaural, carrier: 40, beat: 30}"), at: 2, 11, "left ear's tone at the start at 25 Hz", "raise the carrier"),
        BadScript("an unknown key lists the new ones", script("{sound: music, tempo: 60}"), at: 2, 26, "unknown key 'tempo' in 'ambience'", "'chord-every'"),
    ]

    @Test(arguments: bad)
    func reportsTheProblemWithItsLocation(_ bad: BadScript) {
        let (script, diagnostics) = TestScripts.parse(bad.yaml)
        let match = diagnostics.first { d in
            d.severity == bad.severity && d.line == bad.line && d.column == bad.column
                && bad.fragments.allSatisfy { d.message.contains($0) }
        }
        #expect(match != nil, "expected \(bad.severity) at \(bad.line):\(bad.column) with \(bad.fragments); got:\n\(diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(script == nil)
    }
}
