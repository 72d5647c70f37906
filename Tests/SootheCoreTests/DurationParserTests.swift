import Testing
@testable import SootheCore

@Suite struct DurationParserTests {
    /// Every form the session format names, plus the ones the parser adds (`h`, `min`, spaces).
    @Test(arguments: [
        ("6s", 6.0), ("1.5s", 1.5), ("2m", 120), ("1m30s", 90), ("250ms", 0.25), ("90", 90),
        ("1h", 3600), ("1h30m", 5400), ("2min", 120), ("0.5", 0.5), (" 6s ", 6), ("1m0.5s", 60.5),
        ("1h2m3s4ms", 3723.004), ("-3s", -3), ("0s", 0),
        // What people write (issue 20): clocks, spelt-out units, a space before the unit.
        ("1:30", 90), ("0:05", 5), ("1:02:30", 3750), ("1:30.5", 90.5), ("90sec", 90), ("90 sec", 90),
        ("2min", 120), ("1.5 min", 90), ("1.5min", 90), ("5 minutes", 300), ("1 hour", 3600),
        ("1h 30min", 5400), ("30 seconds", 30), ("2 mins", 120), ("3 secs", 3),
    ])
    func parsesValidDurations(_ text: String, _ seconds: Double) throws {
        let parsed = try DurationParser.parse(text)
        #expect(abs(parsed - seconds) < 1e-9, "'\(text)' gave \(parsed)")
    }

    /// Malformed text: unknown units, repeated or out-of-order units, no number, not finite.
    @Test(arguments: [
        "6x", "1m1m", "", "s", "30s1m", "ms", "1.5.5s", "6 s s", "inf", "nan", "1s-2s", "--3s", "3ss", "m5",
        // Not forms people write: exponents, signs, clocks with a bad field.
        "1e2", "+5", "1:3", "1:60", "1:2:30", "1:62:30", ":30", "1::30", "1:30:", "1:30s", "five minutes",
    ])
    func rejectsMalformedDurations(_ text: String) {
        #expect(throws: DurationParser.Failure(text: text)) {
            try DurationParser.parse(text)
        }
    }

    @Test(arguments: [
        (0.0, "0:00"), (5, "0:05"), (65, "1:05"), (59.6, "1:00"), (599.4, "9:59"), (3599.5, "1:00:00"),
        (3725, "1:02:05"), (86400, "24:00:00"),
    ])
    func clockFormatsMinutesAndHours(_ seconds: Double, _ expected: String) {
        #expect(DurationParser.clock(seconds) == expected)
    }
}
