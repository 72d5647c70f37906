import Foundation
import Testing

/// `soothe preview`'s table takes the width it is shown at: `COLUMNS`, else the terminal's
/// size, else (a file or a pipe) a stable 86 columns; `--wide` puts every row on one line.
@Suite struct PreviewWidthTests {
    /// The table's lines (from the header to the last row), as Characters count them.
    static func tableWidths(_ output: String) -> [Int] {
        let lines = output.replacingOccurrences(of: "\r", with: "").split(separator: "\n", omittingEmptySubsequences: false)
        guard let header = lines.firstIndex(where: { $0.contains("TIME") && $0.contains("WHAT") }),
              let totals = lines.firstIndex(where: { $0.hasPrefix("Length ") }) else { return [] }
        return lines[header..<totals].map(\.count)
    }

    @Test func aFileOrPipeGetsTheDefaultWidth() throws {
        let result = try SootheCLI.run(["preview", "four-seven-eight"], environment: ["COLUMNS": ""])
        #expect(result.status == 0, "\(result)")
        let widths = Self.tableWidths(result.stdout)
        #expect(widths.first == 86, "the header spans the default width")
        #expect(widths.allSatisfy { $0 <= 86 })
    }

    @Test func columnsSetsTheWidth() throws {
        let result = try SootheCLI.run(["preview", "four-seven-eight"], environment: ["COLUMNS": "64"])
        #expect(result.status == 0, "\(result)")
        let widths = Self.tableWidths(result.stdout)
        #expect(widths.first == 64)
        #expect(widths.allSatisfy { $0 <= 64 }, "\(result.stdout)")
    }

    @Test func wideKeepsEveryRowWhole() throws {
        let result = try SootheCLI.run(["preview", "four-seven-eight", "--wide"], environment: ["COLUMNS": "64"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("\"You breathe in quietly through your nose, hold, and breathe out through your mouth with a soft whoosh.\""))
        #expect(try #require(Self.tableWidths(result.stdout).max()) > 100)
        let misuse = try SootheCLI.run(["preview", "four-seven-eight", "--wide", "--format", "json"])
        #expect(misuse.status == 64, "\(misuse)")
    }

    /// On a terminal (a pseudo-terminal from script(1), 70 columns) without COLUMNS, the
    /// terminal's own width.
    @Test func aTerminalGivesItsWidth() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "script(1) from util-linux")
        let binary = try #require(SootheCLI.binary)
        let command = "stty cols 70 rows 40; exec '\(binary)' preview four-seven-eight"
        let result = try SootheCLI.run(["-q", "-e", "-c", command, "/dev/null"], environment: ["COLUMNS": ""], executable: "/usr/bin/script")
        #expect(result.status == 0, "\(result)")
        let widths = Self.tableWidths(result.stdout)
        #expect(widths.first == 70, "\(result.stdout)")
        #expect(!widths.isEmpty && widths.allSatisfy { $0 <= 70 })
    }
}
