@testable import SootheCore

/// Helpers shared by the parser and builder tests.
enum TestScripts {
    /// The voice profiles of the repository's `voices/` folder.
    static let voiceNames = ["calma", "clear", "gentle", "warm"]
    static let file = "test.yaml"

    /// Voices for the builder: fixed numbers so estimated timings are stable.
    static let voices: [String: VoiceProfile] = [
        "gentle": VoiceProfile(name: "gentle", espeak: "en-us+f3", rate: 120, wordGap: 0),
        "warm": VoiceProfile(name: "warm", espeak: "en+m3", rate: 150, wordGap: 0),
        "calma": VoiceProfile(name: "calma", espeak: "es+f3", rate: 120, wordGap: 0),
        "clear": VoiceProfile(name: "clear", espeak: "en-us", rate: 130, wordGap: 0),
        "calma-419": VoiceProfile(name: "calma-419", espeak: "es-419+f3", rate: 120, wordGap: 0),
        "steady": VoiceProfile(name: "steady", espeak: "en-gb+f3", rate: 125, wordGap: 0),
    ]

    static func parse(_ yaml: String) -> (script: Script?, diagnostics: [Diagnostic]) {
        ScriptParser(voiceNames: voiceNames).parse(text: yaml, file: file, defaultID: "test")
    }

    static func parse(bytes: [UInt8]) -> (script: Script?, diagnostics: [Diagnostic]) {
        ScriptParser(voiceNames: voiceNames).parse(bytes: bytes, file: file, defaultID: "test")
    }

    /// A session with `title: T` and the given steps (each line indented under `steps:`).
    static func session(_ steps: String) -> String {
        "title: T\nsteps:\n" + steps
    }
}

extension TestScripts {
    /// Parses (which must succeed) and builds with `timing`.
    static func build(_ yaml: String, timing: any SpeechTiming) throws -> (timeline: Timeline?, diagnostics: [Diagnostic]) {
        let (script, diagnostics) = parse(yaml)
        guard let script else {
            throw ParseFailed(diagnostics: diagnostics)
        }
        let built = try TimelineBuilder(voices: voices, timing: timing).build(script)
        return (built.timeline, diagnostics + built.diagnostics)
    }

    struct ParseFailed: Error, CustomStringConvertible {
        var diagnostics: [Diagnostic]
        var description: String { diagnostics.map(\.description).joined(separator: "\n") }
    }
}
