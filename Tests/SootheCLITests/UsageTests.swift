import Testing

/// Bad usage exits 64 (EX_USAGE) with a message on stderr and nothing on stdout.
@Suite struct UsageTests {
    @Test(arguments: [
        ["list", "--bogus"],
        ["preview"],
        ["preview", "belly-breathing", "--format", "xml"],
        ["preview", "belly-breathing", "--output"],
        ["frobnicate"],
        ["check", "--nope", "belly-breathing"],
    ])
    func badUsageExits64(_ arguments: [String]) throws {
        let result = try SootheCLI.run(arguments)
        #expect(result.status == 64, "\(result)")
        #expect(!result.stderr.isEmpty)
        #expect(result.stdout.isEmpty)
    }

    @Test func formatErrorNamesTheChoices() throws {
        let result = try SootheCLI.run(["preview", "belly-breathing", "--format", "xml"])
        #expect(result.stderr.contains("xml"))
        #expect(result.stderr.contains("json"))
    }

    @Test func helpAndVersionSucceed() throws {
        let help = try SootheCLI.run(["--help"])
        #expect(help.status == 0, "\(help)")
        #expect(help.stdout.contains("preview") && help.stdout.contains("check") && help.stdout.contains("list"))
        let version = try SootheCLI.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.firstMatch(of: #/^\d+\.\d+\.\d+/#) != nil, "\(version)")
    }
}
