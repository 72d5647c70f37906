import Foundation
import Testing

@Suite struct CheckCommandTests {
    /// `FILE:LINE:COLUMN: error: MESSAGE`.
    static var errorLine: Regex<(Substring, Substring, Substring, Substring, Substring)> { #/^(.+):(\d+):(\d+): error: (.+)$/# }

    @Test func aValidBuiltInPasses() throws {
        let result = try SootheCLI.run(["check", "in-the-moment-reset"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("in-the-moment-reset.yaml: ok"))
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test func quietPrintsNothingForValidSessions() throws {
        let result = try SootheCLI.run(["check", "--quiet", "in-the-moment-reset"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
    }

    @Test func aBrokenFileFailsWith65AndLocatesEveryError() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("broken.yaml", """
            title: Broken
            voice: gentel
            steps:
              - pause: 6x
              - chime: gong
              - breathe: {pattern: box, cycles: 4, duration: 1m}

            """)
        let result = try SootheCLI.run(["check", path])
        #expect(result.status == 65, "\(result)")
        let errors = result.stderr.split(separator: "\n").compactMap { try? Self.errorLine.wholeMatch(in: String($0)) }
        #expect(errors.count == 4, "\(result)")
        #expect(errors.allSatisfy { $0.output.1 == path })
        #expect(errors.map { "\($0.output.2):\($0.output.3)" } == ["2:8", "4:12", "5:12", "6:50"])
        #expect(result.stderr.contains("did you mean 'gentle'?"))
        #expect(result.stdout.contains("broken.yaml: 4 errors"))
    }

    @Test func warningsAloneDoNotFail() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("warn.yaml", "title: W\nsteps:\n  - {pause: 3s, chime: bell}\n")
        let result = try SootheCLI.run(["check", path])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("\(path):3:17: warning: 'chime' in a pause names the interval bell"))
        #expect(result.stdout.contains("ok") && result.stdout.contains("1 warning"))
    }

    @Test func aPromptLongerThanItsPhaseIsAWarningWithBothLengths() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("long.yaml", """
            title: Long prompt
            steps:
              - breathe:
                  pattern: 1-0-4-0
                  cycles: 2
                  prompts: {inhale: Breathe in slowly through your nose and let the belly rise}

            """)
        let result = try SootheCLI.run(["check", path])
        #expect(result.status == 0, "\(result)")
        let warning = try #require(result.stderr.split(separator: "\n").first { $0.contains(": warning: ") }, "\(result)")
        #expect(warning.hasPrefix("\(path):6:25: warning: the inhale prompt"))
        // "takes X s to say, longer than the 1.0 s inhale": the spoken length is real espeak-ng timing.
        let lengths = warning.matches(of: #/(\d+\.\d) s/#).compactMap { Double($0.output.1) }
        #expect(lengths.count == 2, "\(warning)")
        #expect(lengths.last == 1.0)
        #expect((lengths.first ?? 0) > 2, "a twelve-word prompt takes seconds to say")
    }

    @Test func anUnknownSessionFailsWith66WithSuggestions() throws {
        let result = try SootheCLI.run(["check", "belly-breath"])
        #expect(result.status == 66, "\(result)")
        #expect(result.stderr.contains("unknown session 'belly-breath'"))
        #expect(result.stderr.contains("did you mean 'belly-breathing'"))
        #expect(result.stderr.hasPrefix("soothe: error: "))
    }

    @Test func nosuchSessionFailsWith66() throws {
        let result = try SootheCLI.run(["check", "nosuch-session"])
        #expect(result.status == 66, "\(result)")
        #expect(result.stderr.contains("unknown session 'nosuch-session'"))
        #expect(result.stderr.contains("soothe list"))
    }

    @Test func aMissingFileFailsWith66() throws {
        let folder = try TemporaryFolder()
        let missing = folder.file("gone.yaml")
        let result = try SootheCLI.run(["check", missing])
        #expect(result.status == 66, "\(result)")
        #expect(result.stderr.contains("no such file: \(missing)"))
    }

    @Test func everySessionIsCheckedEvenAfterAFailure() throws {
        let folder = try TemporaryFolder()
        let result = try SootheCLI.run(["check", folder.file("gone.yaml"), "in-the-moment-reset"])
        #expect(result.status == 66, "\(result)")
        #expect(result.stdout.contains("in-the-moment-reset.yaml: ok"))
    }

    @Test func aFileThatIsNotUTF8FailsWith65() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("latin1.yaml")
        var bytes = Array("title: Caf".utf8)
        bytes.append(0xE9)
        bytes += Array("\nsteps:\n  - pause: 1s\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let result = try SootheCLI.run(["check", path])
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.contains("\(path):1:11: error: the file is not UTF-8"))
    }
}
