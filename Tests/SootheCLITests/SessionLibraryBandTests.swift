import Foundation
import Testing

/// The built-in sessions with espeak-ng's real timing, through the built binary: `check` finds
/// nothing to warn about (no prompt longer than its phase), and each session lasts its target
/// length from docs/sessions.md within −5 % … +15 %.
@Suite struct SessionLibraryBandTests {
    /// Accepted length around a target: a session may run a little short, or longer by its bells
    /// and the 18 s of closing quiet (docs/sessions.md).
    static let band = 0.95...1.15

    /// `id → target seconds` from the table of docs/sessions.md. A target such as
    /// "2:00 (+18 s quiet)" counts the quiet too.
    static func targets() throws -> [String: Double] {
        let doc = try String(contentsOfFile: SootheCLI.packageRoot + "/docs/sessions.md", encoding: .utf8)
        var targets: [String: Double] = [:]
        let row = #/^\| `([a-z0-9-]+)` \| (\d+):(\d{2})(?: \(\+(\d+) s quiet\))? \|/#
        for line in doc.split(separator: "\n") {
            guard let match = try row.firstMatch(in: String(line)) else { continue }
            let seconds = Double(match.output.2)! * 60 + Double(match.output.3)! + (match.output.4.flatMap { Double($0) } ?? 0)
            targets[String(match.output.1)] = seconds
        }
        return targets
    }

    /// `id → measured length` (`m:ss`) from the table of docs/sessions.md.
    static func measured() throws -> [String: String] {
        let doc = try String(contentsOfFile: SootheCLI.packageRoot + "/docs/sessions.md", encoding: .utf8)
        var lengths: [String: String] = [:]
        let row = #/^\| `([a-z0-9-]+)` \| [^|]+ \| ([^|]+?) \|/#
        for line in doc.split(separator: "\n") {
            guard let match = try row.firstMatch(in: String(line)) else { continue }
            lengths[String(match.output.1)] = String(match.output.2)
        }
        return lengths
    }

    static var builtInIDs: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: SootheCLI.packageRoot + "/assets/sessions")) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    @Test func everyBuiltInChecksWithoutAWarning() throws {
        let ids = Self.builtInIDs
        try #require(ids.count >= 34)
        let result = try SootheCLI.run(["check", "--quiet"] + ids)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.isEmpty, "\(result.stdout)")
        // --quiet prints nothing for clean sessions: any line here is a warning or an error.
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test func everyBuiltInLastsItsTargetLength() throws {
        let targets = try Self.targets()
        #expect(Set(targets.keys) == Set(Self.builtInIDs), "docs/sessions.md and assets/sessions/ disagree")
        let result = try SootheCLI.run(["list", "--json", "--exact"])
        #expect(result.status == 0, "\(result)")
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(sessions.count == targets.count)
        // The SOS sessions, with real timing: five minutes at most, and at least four of them
        // four minutes or less.
        let sos = sessions.filter { ($0["tags"] as? [String])?.contains("sos") == true }.compactMap { $0["duration"] as? Double }
        #expect(sos.allSatisfy { $0 <= 300 } && sos.filter { $0 <= 240 }.count >= 4, "SOS lengths \(sos)")
        // At least one session of twenty minutes or more.
        #expect(sessions.contains { ($0["duration"] as? Double ?? 0) >= 1200 })
        // The "measured" column is the program's (bench/sessions-table.py writes it from this listing).
        let measured = try Self.measured()
        for session in sessions {
            let id = try #require(session["id"] as? String)
            #expect(measured[id] == session["length"] as? String,
                    "docs/sessions.md says \(id) measures \(measured[id] ?? "nothing"); soothe list --exact says \(session["length"] ?? "-"): run python3 bench/sessions-table.py")
            let duration = try #require(session["duration"] as? Double, "\(id) has no length: \(session)")
            let target = try #require(targets[id], "\(id) has no target in docs/sessions.md")
            let low = target * Self.band.lowerBound, high = target * Self.band.upperBound
            #expect((low...high).contains(duration),
                    "\(id) lasts \(duration) s; its target \(target) s allows \(Int(low.rounded(.up)))–\(Int(high)) s")
        }
    }
}
