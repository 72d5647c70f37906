import Testing
@testable import SootheCore

@Suite struct SuggestionsTests {
    static let topKeys = ["title", "id", "summary", "technique", "voice", "ambience", "steps"]

    @Test(arguments: [
        ("kitten", "sitting", 3), ("", "abc", 3), ("abc", "", 3), ("same", "same", 0),
        ("ab", "ba", 1),  // a transposition is one edit
        ("exhale", "exale", 1), ("breathe", "braethe", 1), ("title", "titel", 1), ("flaw", "lawn", 2),
    ])
    func distanceCountsEdits(_ a: String, _ b: String, _ expected: Int) {
        #expect(Suggestions.distance(a, b) == expected)
        #expect(Suggestions.distance(b, a) == expected, "distance is symmetric")
    }

    @Test(arguments: [
        ("titel", "title"), ("step", "steps"), ("voise", "voice"), ("ambiance", "ambience"),
        ("Title", "title"), ("sumary", "summary"),
    ])
    func nearestFindsTheIntendedKey(_ typo: String, _ intended: String) {
        #expect(Suggestions.nearest(to: typo, in: Self.topKeys, limit: 1) == [intended])
    }

    @Test func nearestIsOrderedByDistanceAndLimited() {
        let candidates = ["bell", "ball", "bowl", "belly", "wood-block"]
        let near = Suggestions.nearest(to: "bel", in: candidates, limit: 3)
        #expect(near == ["bell", "ball", "belly"])  // 1, 2, 2 edits; ties by name
        #expect(Suggestions.nearest(to: "bel", in: candidates, limit: 1) == ["bell"])
    }

    @Test func prefixesOfLongNamesAreSuggested() {
        // "sing" is 8 edits from "singing-bowl" but a prefix of it.
        #expect(Suggestions.nearest(to: "sing", in: ChimeKind.names, limit: 1) == ["singing-bowl"])
    }

    @Test(arguments: ["xyzzy", "completely-different", "zzzzzz"])
    func farWordsGetNoSuggestion(_ word: String) {
        #expect(Suggestions.nearest(to: word, in: ChimeKind.names + Self.topKeys).isEmpty)
        #expect(Suggestions.didYouMean(word, in: ChimeKind.names + Self.topKeys) == "")
    }

    @Test func didYouMeanNamesTheBestCandidate() {
        #expect(Suggestions.didYouMean("rian", in: AmbienceSound.names) == "; did you mean 'rain'?")
        #expect(Suggestions.didYouMean("gentel", in: ["calma", "clear", "gentle", "warm"]) == "; did you mean 'gentle'?")
    }
}
