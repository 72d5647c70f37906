import Foundation
import Testing

/// docs/ci.md and the batch summary in docs/cli.md say what the program does.
@Suite struct CIDocsTests {
    static func doc(_ name: String) throws -> String {
        try String(contentsOfFile: SootheCLI.packageRoot + "/docs/" + name, encoding: .utf8)
    }

    /// The fenced block of `language` that follows `heading`.
    static func block(_ text: String, after heading: String, language: String) throws -> String {
        let start = try #require(text.range(of: heading), "no '\(heading)'")
        let open = try #require(text.range(of: "```\(language)\n", range: start.upperBound..<text.endIndex))
        let close = try #require(text.range(of: "\n```", range: open.upperBound..<text.endIndex))
        return String(text[open.upperBound..<close.lowerBound])
    }

    /// The Kubernetes indexed Job of docs/ci.md: its pods, given the variables the Job gives them,
    /// take the shares `--shard K/N` names, together the whole catalogue.
    @Test func theKubernetesJobsSharesAreWhatSootheReads() throws {
        let job = try Self.block(try Self.doc("ci.md"), after: "## Kubernetes", language: "yaml")
        let completionsMatch = try #require(job.firstMatch(of: #/completions: (\d+)/#))
        let completions = try #require(Int(completionsMatch.output.1))
        #expect(job.contains("completionMode: Indexed"))
        let count = try #require(job.firstMatch(of: #/name: SOOTHE_SHARD_COUNT\s+value: "(\d+)"/#)).output.1
        #expect(Int(count) == completions)
        let command = try #require(job.split(separator: "\n").first { $0.contains("soothe render") })
        #expect(command.contains("--shard auto ") && command.contains("$JOB_COMPLETION_INDEX"), "\(command)")

        let folder = try CatalogueRenderTests.catalogue()
        var union: [String] = []
        for index in 0..<completions {
            let pod = try CatalogueRenderTests.share(
                folder, "auto", environment: ["JOB_COMPLETION_INDEX": "\(index)", "SOOTHE_SHARD_COUNT": String(count)], name: "pod-\(index)")
            let fixed = try CatalogueRenderTests.share(folder, "\(index + 1)/\(completions)", name: "fixed-\(index)")
            #expect(pod == fixed, "pod \(index)")
            union += pod
        }
        #expect(union.sorted() == CatalogueRenderTests.order)
    }

    /// The table of variables names every one soothe reads, each with the base soothe counts from.
    @Test func theVariablesTableIsWhatSootheReads() throws {
        let text = try Self.doc("ci.md")
        let rows: [(index: String, total: String, base: String)] = [
            ("CI_NODE_INDEX", "CI_NODE_TOTAL", "1"), ("CIRCLE_NODE_INDEX", "CIRCLE_NODE_TOTAL", "0"),
            ("BUILDKITE_PARALLEL_JOB", "BUILDKITE_PARALLEL_JOB_COUNT", "0"), ("JOB_COMPLETION_INDEX", "SOOTHE_SHARD_COUNT", "0"),
        ]
        let folder = try CatalogueRenderTests.catalogue()
        for row in rows {
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("|") && $0.contains("`\(row.index)`") })
            #expect(line.contains("`\(row.total)`") && line.hasSuffix("| \(row.base) |"), "\(line)")
            // The last share: index 3 of 3 counted from 1, or 2 counted from 0.
            let index = row.base == "1" ? "3" : "2"
            let got = try CatalogueRenderTests.share(folder, "auto", environment: [row.index: index, row.total: "3"], name: row.index)
            #expect(got == (try CatalogueRenderTests.share(folder, "3/3", name: "3-of-3-\(row.index)")), "\(row.index)")
        }
        let gitlab = try Self.block(text, after: "## GitLab", language: "yaml")
        #expect(gitlab.contains("parallel: 4") && gitlab.contains("--shard auto "))
    }

    /// The example of docs/cli.md has, for each status, the fields the program prints.
    @Test func theSummaryExampleHasTheProgramsFields() throws {
        let example = try Self.block(try Self.doc("cli.md"), after: "### The batch summary", language: "json")
        let documented = try #require(try JSONSerialization.jsonObject(with: Data(example.utf8)) as? [[String: Any]])
        let folder = try CatalogueRenderTests.catalogue()
        try folder.write("scripts/broken.yaml", "title: Broken\nsteps:\n  - chime: gong-of-doom\n")
        let args = ["render", "--catalogue", folder.file("scripts"), "-o", folder.file("out"), "--json", "--incremental"] + CatalogueRenderTests.small
        _ = try SootheCLI.run(args, environment: CatalogueRenderTests.noCI)
        try folder.write("scripts/zeta.yaml", CatalogueRenderTests.quiet("Zeta", seconds: 2))
        let result = try SootheCLI.run(args, environment: CatalogueRenderTests.noCI)
        let rows = try CatalogueRenderTests.summary(result)
        for status in ["rendered", "unchanged", "failed"] {
            let real = try #require(rows.first { $0["status"] as? String == status }, "\(status): \(result)")
            let doc = try #require(documented.first { $0["status"] as? String == status }, "\(status)")
            #expect(Set(real.keys) == Set(doc.keys), "\(status)")
        }
    }
}
