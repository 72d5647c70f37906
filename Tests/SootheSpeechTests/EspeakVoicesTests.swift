import Testing
@testable import SootheSpeech

@Suite("Installed espeak-ng voices")
struct EspeakVoicesTests {
    @Test func listsInstalledVoices() throws {
        let voices = try EspeakVoices.installed()
        #expect(voices.count > 50)
        let american = try #require(voices.first { $0.languages.first == "en-us" })
        #expect(american.identifier.hasSuffix("en-US"))
        #expect(american.name.contains("America"))
        #expect(american.gender == .male)
        #expect(voices.contains { $0.languages.contains("es") })
        // MBROLA voices are not installed and are left out.
        #expect(!voices.contains { $0.identifier.hasPrefix("mb/") })
        #expect(try EspeakVoices.variants().contains("f3"))
    }

    @Test(arguments: ["en-us", "en-us+f3", "en+m3", "en-gb", "en-gb-x-rp+f4", "es", "es+f3", "de", "fr-fr"])
    func validNamesPass(name: String) {
        #expect(EspeakVoices.validate(name) == nil)
    }

    @Test(arguments: [
        ("en_us", "en-us"), ("en-uss", "en-us"), ("en-us+f33", "en-us+f3"), ("spanish-xx", nil),
        ("", nil), ("en-us+", nil),
    ] as [(String, String?)])
    func invalidNamesFailWithSuggestions(name: String, nearest: String?) throws {
        let error = try #require(EspeakVoices.validate(name))
        guard case .unknownVoice(let reported, let suggestions) = error.kind else {
            Issue.record("wrong kind \(error.kind)")
            return
        }
        #expect(reported == name)
        if let nearest {
            #expect(suggestions.first == nearest)
            #expect(error.description.contains("'\(nearest)'"))
        }
    }
}
