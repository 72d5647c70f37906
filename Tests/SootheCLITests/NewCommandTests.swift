import Foundation
import SootheCore
import Testing

/// `soothe new`: a starting script that passes `check`, lasts about the length asked for, and
/// never replaces a file.
@Suite struct NewCommandTests {
    @Test(arguments: SessionTemplate.Practice.allCases.map(\.rawValue), ["5m", "12:30"])
    func theStartingScriptChecksCleanAndLastsAboutItsLength(_ technique: String, _ length: String) throws {
        let folder = try TemporaryFolder()
        let path = folder.file("evening-calm.yaml")
        let made = try SootheCLI.run(["new", "evening-calm", "--technique", technique, "--length", length, "-o", path])
        #expect(made.status == 0, "\(made)")
        let checked = try SootheCLI.run(["check", path])
        #expect(checked.status == 0 && checked.stderr.isEmpty, "\(checked)")
        let preview = try SootheCLI.run(["preview", path, "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(preview.stdout.utf8)) as? [String: Any]
        let seconds = try #require(json?["duration"] as? Double)
        let asked = try DurationParser.parse(length)
        #expect(abs(seconds - asked) / asked < 0.05, "\(technique) \(length): \(seconds) s")
    }

    @Test func anExistingFileIsNeverReplaced() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("mine.yaml")
        try Data("title: Mine\n".utf8).write(to: URL(fileURLWithPath: path))
        let result = try SootheCLI.run(["new", "mine", "-o", path])
        #expect(result.status == 73)
        #expect(result.stderr.contains("never replaces a file"), "\(result)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "title: Mine\n")
        let badID = try SootheCLI.run(["new", "Evening Calm", "-o", folder.file("x.yaml")])
        #expect(badID.status == 64 && badID.stderr.contains("lowercase letters, digits and dashes"), "\(badID)")
    }
}
