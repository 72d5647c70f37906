import Testing

@Suite("soothe's espeak-ng variants through the binary")
struct EspeakVariantsListingTests {
    /// `voices --espeak` names soothe's own variants with espeak-ng's, and a profile can use them.
    @Test func soothesVariantsAreListedAndSpeak() throws {
        let listing = try SootheCLI.run(["voices", "--espeak"])
        #expect(listing.status == 0, "\(listing)")
        let line = try #require(listing.stdout.split(separator: "\n").first { $0.hasPrefix("variants: ") })
        for name in ["f3", "m3", "soothe-soft-f", "soothe-soft-m", "soothe-soft-n"] {
            #expect(line.split(separator: " ").contains { $0.trimmingCharacters(in: [","]) == name }, "\(line)")
        }
        let check = try SootheCLI.run(["check", "belly-breathing"])
        #expect(check.status == 0 && check.stderr.isEmpty, "\(check)")
    }
}
