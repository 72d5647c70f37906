import Foundation
import Testing

@Suite struct ListCommandTests {
    /// `m:ss` (or `h:mm:ss`) at the end of a row.
    static var clock: Regex<(Substring, Substring?)> { #/(\d+:)?\d{1,2}:\d{2}$/# }

    /// A session's row in the plain listing: two spaces, the id, two spaces.
    static var rowStart: Regex<(Substring, Substring)> { #/^  ([a-z0-9][a-z0-9-]*)  /# }
    /// A length (`m:ss`, `~m:ss` for an estimate) in a row.
    static var length: Regex<Substring> { #/~?(?:\d+:)?\d{1,2}:\d{2}/# }

    /// The rows of a plain listing: (id, line, the `when` line below it or nil).
    static func rows(_ stdout: String) -> [(id: String, line: String, when: String?)] {
        let lines = stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return lines.indices.compactMap { i in
            guard let match = lines[i].firstMatch(of: rowStart), match.output.1 != "ID" else { return nil }
            let next = i + 1 < lines.count ? lines[i + 1] : ""
            let when = next.hasPrefix("   ") && next.firstMatch(of: rowStart) == nil ? next.trimmingCharacters(in: .whitespaces) : nil
            return (String(match.output.1), lines[i], when)
        }
    }

    @Test func listsEveryBuiltInOnceWithTheSOSSessionsFirst() throws {
        let result = try SootheCLI.run(["list"])
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("For a hard moment, now (tag sos") == true, "\(lines.first ?? "")")
        #expect(lines.dropFirst().first?.hasPrefix("  ID") == true && lines[1].contains("LENGTH") && lines[1].contains("TAGS"))
        let rows = Self.rows(result.stdout)
        let belly = try #require(rows.first { $0.id == "belly-breathing" }, "\(result)")
        #expect(belly.line.contains("Belly Breathing") && belly.line.contains("breathing, practice"))
        #expect(belly.when == "You want to learn a slow, steady breath to come back to.")
        // One row per file in assets/sessions, each with a length and the moment it is for.
        let ids = try FileManager.default.contentsOfDirectory(atPath: SootheCLI.packageRoot + "/assets/sessions")
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        #expect(rows.map(\.id).sorted() == ids)
        #expect(rows.allSatisfy { $0.line.firstMatch(of: Self.length) != nil && $0.when != nil })
        // The SOS sessions come first, before any other heading, the shortest first.
        let sos = rows.prefix { $0.line.contains("sos") }
        #expect(sos.count >= 4 && !rows.dropFirst(sos.count).contains { $0.line.contains(" sos") })
        func seconds(_ row: (id: String, line: String, when: String?)) -> Int {
            String(row.line.firstMatch(of: Self.length)!.output).trimmingCharacters(in: ["~"]).split(separator: ":").reduce(0) { $0 * 60 + Int($1)! }
        }
        #expect(sos.map(seconds) == sos.map(seconds).sorted(), "\(sos.map(\.line))")
        #expect(lines.contains("At night (tag night: lying down, no closing bell, fades out):"))
        #expect(lines.contains("More sessions:"))
    }

    /// The README's sample of `soothe list --tag sos` is the program's output, word for word.
    @Test func theReadmeSampleOfTheSOSListingIsTheProgramsOutput() throws {
        let readme = try String(contentsOfFile: SootheCLI.packageRoot + "/README.md", encoding: .utf8)
        let intro = try #require(readme.range(of: "`soothe list --tag sos` prints"))
        let open = try #require(readme.range(of: "```text\n", range: intro.upperBound..<readme.endIndex))
        let close = try #require(readme.range(of: "```", range: open.upperBound..<readme.endIndex))
        let result = try SootheCLI.run(["list", "--tag", "sos", "--exact"])
        #expect(result.status == 0, "\(result)")
        #expect(String(readme[open.upperBound..<close.lowerBound]) == result.stdout)
    }

    @Test func aTagFiltersAndAnUnknownTagIsBadUsage() throws {
        let result = try SootheCLI.run(["list", "--tag", "sos"])
        #expect(result.status == 0, "\(result)")
        let rows = Self.rows(result.stdout)
        #expect(rows.count >= 4 && rows.allSatisfy { $0.line.contains("sos") }, "\(result.stdout)")
        #expect(result.stdout.hasPrefix("Tagged sos ("))
        // Several tags: all must match.
        let both = try SootheCLI.run(["list", "--tag", "sos", "--tag", "spanish"])
        let spanishSOS = Self.rows(both.stdout)
        #expect(!spanishSOS.isEmpty && spanishSOS.allSatisfy { $0.line.contains("sos") && $0.line.contains("spanish") })
        #expect(spanishSOS.count < rows.count)
        let wrong = try SootheCLI.run(["list", "--tag", "nigth"])
        #expect(wrong.status == 64, "\(wrong)")
        #expect(wrong.stderr.contains("unknown tag 'nigth'; did you mean 'night'?"), "\(wrong.stderr)")
    }

    /// On a cold cache `list` speaks nothing: lengths are estimates, marked `~` (and `estimated`
    /// in JSON), within a few seconds of the truth; `--exact` speaks the speech, and from then
    /// on a plain `list` is exact from the cache.
    @Test func aColdCacheGivesMarkedEstimatesAndExactSpeaks() throws {
        let home = try TemporaryFolder.home(with: ["belly-breathing", "box-breathing", "self-compassion"])
        let cache = try TemporaryFolder()
        func rows(_ arguments: [String]) throws -> (lengths: [String], stderr: String) {
            let result = try SootheCLI.run(arguments, home: home.path, cache: cache.path)
            #expect(result.status == 0, "\(result)")
            return (Self.rows(result.stdout).map { String($0.line.firstMatch(of: Self.length)!.output) }, result.stderr)
        }
        let cold = try rows(["list"])
        #expect(cold.lengths.count == 3 && cold.lengths.allSatisfy { $0.hasPrefix("~") }, "\(cold)")
        #expect(cold.stderr.contains("~ marks a length estimated from its words"), "\(cold)")
        let spoken = ((try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []).filter { $0.hasSuffix(".clip") }
        #expect(spoken.isEmpty, "a cold list spoke \(spoken.count) phrases")
        let json = try SootheCLI.run(["list", "--json"], home: home.path, cache: cache.path)
        let estimated = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(estimated.allSatisfy { $0["estimated"] as? Bool == true })

        let exact = try rows(["list", "--exact"])
        #expect(exact.lengths.allSatisfy { !$0.hasPrefix("~") } && exact.stderr.isEmpty, "\(exact)")
        let warm = try rows(["list"])
        #expect(warm.lengths == exact.lengths && warm.stderr.isEmpty, "\(warm)")
        // The estimates are near enough to plan by.
        func seconds(_ clock: String) -> Int {
            clock.trimmingCharacters(in: ["~"]).split(separator: ":").reduce(0) { $0 * 60 + Int($1)! }
        }
        for (guess, truth) in zip(cold.lengths, exact.lengths) {
            #expect(abs(seconds(guess) - seconds(truth)) <= max(5, seconds(truth) / 20), "\(guess) for \(truth)")
        }
    }

    @Test func jsonParsesWithOneObjectPerSession() throws {
        let home = try TemporaryFolder.home(with: ["belly-breathing", "in-the-moment-reset"])
        let result = try SootheCLI.run(["list", "--json"], home: home.path)
        #expect(result.status == 0, "\(result)")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(array.map { $0["id"] as? String } == ["belly-breathing", "in-the-moment-reset"])
        let belly = array[0]
        #expect(belly["title"] as? String == "Belly Breathing")
        #expect(belly["technique"] as? String == "calming/deep-breathing")
        #expect(belly["tags"] as? [String] == ["breathing", "practice", "body"])
        #expect(belly["when"] as? String == "You want to learn a slow, steady breath to come back to.")
        let duration = try #require(belly["duration"] as? Double)
        // Built to last about five minutes (techniques.md's default timeline).
        #expect((240...360).contains(duration))
        let length = try #require(belly["length"] as? String)
        let seconds = Int(duration.rounded())
        #expect(length == "\(seconds / 60):\(String(format: "%02d", seconds % 60))")
        #expect((belly["file"] as? String)?.hasSuffix("assets/sessions/belly-breathing.yaml") == true)
    }

    @Test func anInvalidBuiltInIsListedAndFailsWith65() throws {
        let home = try TemporaryFolder.home(with: ["in-the-moment-reset"])
        try home.write("assets/sessions/broken.yaml", "title: Broken\nsteps:\n  - pause: 6x\n")
        let result = try SootheCLI.run(["list"], home: home.path)
        #expect(result.status == 65, "\(result)")
        #expect(result.stdout.contains("in-the-moment-reset"))
        #expect(result.stdout.contains("broken") && result.stdout.contains("(invalid: see errors)"))
        #expect(result.stderr.contains("broken.yaml:3:12: error: malformed duration '6x'"))
    }

    @Test func noBuiltInsSaysWhereItLookedAndFailsWith66() throws {
        let empty = try TemporaryFolder()
        let result = try SootheCLI.run(["list"], home: empty.path)
        #expect(result.status == 66, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("no built-in sessions found"))
        #expect(result.stderr.contains(empty.path))
        #expect(result.stderr.contains("SOOTHE_HOME"))
    }
}
