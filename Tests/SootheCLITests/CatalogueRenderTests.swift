import Foundation
import SootheAudioIO
import SootheTestSupport
import Testing

/// `render --catalogue DIR` / `render --all DIR`: every script in a folder of the user's own,
/// in path order, sharded, summarised as a table or JSON, quietly.
@Suite struct CatalogueRenderTests {
    static let small = ["--sample-rate", "22050", "--channels", "1"]

    /// No CI's shard variables: the tests must not take the machine's own CI for a share.
    static let noCI = [
        "CI_NODE_INDEX", "CI_NODE_TOTAL", "CIRCLE_NODE_INDEX", "CIRCLE_NODE_TOTAL", "BUILDKITE_PARALLEL_JOB",
        "BUILDKITE_PARALLEL_JOB_COUNT", "JOB_COMPLETION_INDEX", "SOOTHE_SHARD_COUNT",
    ].reduce(into: [String: String]()) { $0[$1] = "" }

    /// A script that speaks nothing (so it renders in a moment): a bell and a second's rest.
    static func quiet(_ title: String, seconds: Int = 1) -> String {
        "title: \(title)\nsteps:\n  - chime: bell\n  - pause: \(seconds)s\n"
    }

    /// A catalogue of scripts in nested folders, with files that are not sessions beside them.
    static func catalogue() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("scripts/zeta.yaml", quiet("Zeta"))
        try folder.write("scripts/evening/b-rest.yml", quiet("B", seconds: 2))
        try folder.write("scripts/evening/a-rest.yaml", quiet("A", seconds: 3))
        try folder.write("scripts/morning/deep/wake.yaml", "title: Wake\nsteps:\n  - say: Good morning.\n  - pause: 1s\n")
        // Not sessions: a translation, a voice profile, a hidden folder, a file of another kind.
        try folder.write("scripts/translations/de/zeta.yaml", "title: Zeta\nlines: []\n")
        try folder.write("scripts/voices/mine.yaml", "espeak: en-us\nrate: 150\n")
        try folder.write("scripts/.drafts/draft.yaml", quiet("Draft"))
        try folder.write("scripts/notes.txt", "not a script\n")
        return folder
    }

    /// The order the catalogue's sessions come in: their paths inside the folder, sorted.
    static let order = ["a-rest", "b-rest", "wake", "zeta"]

    static func summary(_ result: SootheCLI.Result) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]], "\(result)")
    }

    @Test func aCatalogueRendersEveryScriptInPathOrderAndTheJSONSaysWhatWasWritten() throws {
        let folder = try Self.catalogue()
        let out = folder.file("out")
        let result = try SootheCLI.run(["render", "--catalogue", folder.file("scripts"), "-o", out, "--json", "--jobs", "2"] + Self.small, environment: Self.noCI)
        #expect(result.status == 0, "\(result)")
        let rows = try Self.summary(result)
        #expect(rows.map { $0["session"] as? String } == Self.order)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: out).filter { !$0.hasPrefix(".") }) == Set(Self.order.map { $0 + ".wav" }))
        for row in rows {
            let id = try #require(row["session"] as? String)
            #expect(Set(row.keys) == ["session", "status", "title", "language", "voice", "file", "size", "length", "loudness", "channels", "peak", "time"], "\(row)")
            #expect(row["status"] as? String == "rendered")
            #expect(row["file"] as? String == "\(out)/\(id).wav")
            let size = try #require(FileManager.default.attributesOfItem(atPath: "\(out)/\(id).wav")[.size] as? Int)
            #expect(row["size"] as? Int == size, "\(id)")
            #expect(row["channels"] as? Int == 1)
            #expect(row["language"] as? String == "en-US" && row["voice"] as? String != nil, "\(row)")
            // The loudness is what a standard meter reads of the file.
            let loudness = try #require(row["loudness"] as? Double), peak = try #require(row["peak"] as? Double)
            let samples = try AudioFileReader(path: "\(out)/\(id).wav").readAll()
            let meter = try LoudnessMeter(channels: 1, sampleRate: 22050, dualMono: false, measuresTruePeak: false)
            samples.withUnsafeBufferPointer { meter.add(interleaved: $0) }
            #expect(abs(loudness - meter.integratedLoudness) <= 0.051, "\(id): \(loudness) vs a meter's \(meter.integratedLoudness)")
            #expect(peak <= -1.0)
            // The length is the timeline's (the cue sheet's), to the millisecond.
            let script = try #require(["a-rest": "evening/a-rest.yaml", "b-rest": "evening/b-rest.yml", "wake": "morning/deep/wake.yaml", "zeta": "zeta.yaml"][id])
            let preview = try SootheCLI.run(["preview", folder.file("scripts/" + script), "--format", "json"])
            let sheet = try #require(try JSONSerialization.jsonObject(with: Data(preview.stdout.utf8)) as? [String: Any])
            #expect(row["length"] as? Double == sheet["duration"] as? Double, "\(id)")
        }
        // `--all DIR` is the same batch.
        let again = try SootheCLI.run(["render", "--all", folder.file("scripts"), "-o", folder.file("again"), "--json"] + Self.small, environment: Self.noCI)
        #expect(again.status == 0, "\(again)")
        #expect(try Self.summary(again).map { $0["session"] as? String } == Self.order)
        for id in Self.order {
            #expect(FileManager.default.contents(atPath: "\(out)/\(id).wav") == FileManager.default.contents(atPath: folder.file("again/\(id).wav")))
        }
    }

    @Test func aBrokenScriptIsReportedAndTheOthersRender() throws {
        let folder = try Self.catalogue()
        try folder.write("scripts/evening/broken.yaml", "title: Broken\nsteps:\n  - chime: gong-of-doom\n")
        let out = folder.file("out")
        let result = try SootheCLI.run(["render", "--catalogue", folder.file("scripts"), "-o", out, "--json"] + Self.small, environment: Self.noCI)
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.contains("broken.yaml") && result.stderr.contains("gong-of-doom"), "\(result)")
        #expect(result.stderr.contains("1 of 5 sessions failed"), "\(result)")
        let rows = try Self.summary(result)
        let broken = try #require(rows.first { $0["status"] as? String == "failed" })
        #expect((broken["session"] as? String)?.hasSuffix("evening/broken.yaml") == true, "\(broken)")
        #expect(broken["exit"] as? Int == 65 && broken["error"] as? String == "the script has errors", "\(broken)")
        #expect(rows.filter { $0["status"] as? String == "rendered" }.count == 4)
        for id in Self.order { #expect(FileManager.default.fileExists(atPath: "\(out)/\(id).wav")) }
    }

    @Test func twoScriptsWithOneIdOrNoScriptsAreRefusedBeforeRendering() throws {
        let folder = try Self.catalogue()
        try folder.write("scripts/morning/zeta.yaml", Self.quiet("Another Zeta"))
        let clash = try SootheCLI.run(["render", "--catalogue", folder.file("scripts"), "-o", folder.file("out")] + Self.small, environment: Self.noCI)
        #expect(clash.status == 64, "\(clash)")
        #expect(clash.stderr.contains("scripts/morning/zeta.yaml' and '") && clash.stderr.contains("scripts/zeta.yaml' are both session 'zeta'"), "\(clash)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("out/a-rest.wav")))
        let missing = try SootheCLI.run(["render", "--catalogue", folder.file("nowhere"), "-o", folder.file("out")] + Self.small)
        #expect(missing.status == 66 && missing.stderr.contains("no such folder: \(folder.file("nowhere"))"), "\(missing)")
        try folder.write("empty/notes.txt", "no scripts here\n")
        let empty = try SootheCLI.run(["render", "--catalogue", folder.file("empty"), "-o", folder.file("out")] + Self.small)
        #expect(empty.status == 66 && empty.stderr.contains("no session scripts found in"), "\(empty)")
    }

    @Test func quietPrintsNothingOnSuccess() throws {
        let folder = try Self.catalogue()
        let batch = try SootheCLI.run(["render", "--catalogue", folder.file("scripts"), "-o", folder.file("out"), "--quiet"] + Self.small, environment: Self.noCI)
        #expect(batch.status == 0 && batch.stdout.isEmpty && batch.stderr.isEmpty, "\(batch)")
        #expect(FileManager.default.fileExists(atPath: folder.file("out/zeta.wav")))
        let single = try SootheCLI.run(["render", folder.file("scripts/zeta.yaml"), "-o", folder.file("one.wav"), "-q"] + Self.small)
        #expect(single.status == 0 && single.stdout.isEmpty && single.stderr.isEmpty, "\(single)")
        #expect(FileManager.default.fileExists(atPath: folder.file("one.wav")))
        // Without it, the summary.
        let loud = try SootheCLI.run(["render", "--catalogue", folder.file("scripts"), "-o", folder.file("out2")] + Self.small, environment: Self.noCI)
        #expect(loud.stdout.hasPrefix("SESSION") && loud.stdout.hasSuffix("4 rendered, 0 failed\n"), "\(loud)")
        // A failure still speaks, on stderr.
        try folder.write("scripts/broken.yaml", "title: Broken\nsteps:\n  - chime: gong-of-doom\n")
        let failing = try SootheCLI.run(["render", "--catalogue", folder.file("scripts"), "-o", folder.file("out3"), "-q"] + Self.small, environment: Self.noCI)
        #expect(failing.status == 65 && failing.stdout.isEmpty && failing.stderr.contains("gong-of-doom"), "\(failing)")
    }

    /// The sessions a sharded run of the catalogue rendered, from its JSON summary.
    static func share(_ folder: TemporaryFolder, _ shard: String, environment: [String: String] = [:], name: String) throws -> [String] {
        let result = try SootheCLI.run(
            ["render", "--catalogue", folder.file("scripts"), "-o", folder.file(name), "--json", "--shard", shard] + small,
            environment: noCI.merging(environment) { $1 })
        #expect(result.status == 0, "\(result)")
        return try summary(result).compactMap { $0["session"] as? String }
    }

    @Test func shardsAreDisjointAndCoverTheCatalogue() throws {
        let folder = try Self.catalogue()
        for count in [2, 3] {
            let shares = try (1...count).map { try Self.share(folder, "\($0)/\(count)", name: "out-\($0)-of-\(count)") }
            #expect(shares.flatMap { $0 }.sorted() == Self.order, "\(shares)")
            #expect(Set(shares.flatMap { $0 }).count == Self.order.count, "disjoint: \(shares)")
            #expect(shares.allSatisfy { !$0.isEmpty })
        }
    }

    /// `--shard auto` takes the share each CI's variables name (as docs/ci.md uses them).
    @Test func shardAutoReadsEachCIsVariables() throws {
        let folder = try Self.catalogue()
        let expected = try (1...3).map { try Self.share(folder, "\($0)/3", name: "fixed-\($0)") }
        let cases: [(shard: String, environment: [String: String], share: Int)] = [
            ("auto", ["CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "3"], 2),  // GitLab counts from 1
            ("auto", ["CIRCLE_NODE_INDEX": "2", "CIRCLE_NODE_TOTAL": "3"], 3),  // CircleCI from 0
            ("auto", ["BUILDKITE_PARALLEL_JOB": "0", "BUILDKITE_PARALLEL_JOB_COUNT": "3"], 1),  // Buildkite from 0
            ("auto/3", ["JOB_COMPLETION_INDEX": "1"], 2),  // a Kubernetes indexed Job, from 0
            ("auto", ["JOB_COMPLETION_INDEX": "2", "SOOTHE_SHARD_COUNT": "3"], 3),
        ]
        for (index, item) in cases.enumerated() {
            let got = try Self.share(folder, item.shard, environment: item.environment, name: "auto-\(index)")
            #expect(got == expected[item.share - 1], "\(item.environment): \(got)")
        }
        // GitLab's job that is not parallel (CI_NODE_TOTAL=1, no index) renders everything.
        #expect(try Self.share(folder, "auto", environment: ["CI_NODE_TOTAL": "1"], name: "gitlab-whole") == Self.order)

        let refusals: [(String, [String: String], String)] = [
            ("auto", [:], "no CI shard variables are set (looked for CI_NODE_INDEX/CI_NODE_TOTAL, CIRCLE_NODE_INDEX/CIRCLE_NODE_TOTAL, BUILDKITE_PARALLEL_JOB/BUILDKITE_PARALLEL_JOB_COUNT, JOB_COMPLETION_INDEX"),
            ("auto", ["JOB_COMPLETION_INDEX": "0"], "give --shard auto/N or set SOOTHE_SHARD_COUNT"),
            ("auto", ["CI_NODE_INDEX": "4", "CI_NODE_TOTAL": "3"], "CI_NODE_INDEX=4 is outside 3 shares"),
            ("auto/2", ["CIRCLE_NODE_INDEX": "0", "CIRCLE_NODE_TOTAL": "3"], "--shard auto/2 disagrees with CIRCLE_NODE_TOTAL=3"),
            ("auto", ["BUILDKITE_PARALLEL_JOB": "x", "BUILDKITE_PARALLEL_JOB_COUNT": "3"], "BUILDKITE_PARALLEL_JOB is 'x'"),
        ]
        for (shard, environment, message) in refusals {
            let result = try SootheCLI.run(
                ["render", "--catalogue", folder.file("scripts"), "-o", folder.file("refused"), "--shard", shard] + Self.small,
                environment: Self.noCI.merging(environment) { $1 })
            #expect(result.status == 64 && result.stderr.contains(message), "\(environment): \(result)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("refused/zeta.wav")))
    }
}
