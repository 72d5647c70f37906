import Foundation
import Testing

/// The module map in the README and in docs/architecture.md is the package's: every target in
/// `Package.swift` (tests aside) has a row in both tables, and no row names a target that is gone.
@Suite struct ModuleMapTests {
    /// The non-test targets `Package.swift` declares.
    static func declaredTargets() throws -> Set<String> {
        let manifest = try String(contentsOfFile: SootheCLI.packageRoot + "/Package.swift", encoding: .utf8)
        let declaration = #/\.(target|executableTarget|systemLibrary)\(\s*name:\s*"([A-Za-z0-9]+)"/#
        return Set(manifest.matches(of: declaration).map { String($0.output.2) })
    }

    /// The targets named in the first column of the markdown table whose header starts `| target |`.
    static func tabledTargets(in file: String) throws -> Set<String> {
        let text = try String(contentsOfFile: SootheCLI.packageRoot + "/" + file, encoding: .utf8)
        var names: Set<String> = []
        var inTable = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("| target |") { inTable = true; continue }
            guard inTable else { continue }
            guard line.hasPrefix("|") else { break }
            let first = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().first ?? ""
            for match in first.matches(of: #/`([A-Za-z0-9]+)`/#) { names.insert(String(match.output.1)) }
        }
        return names
    }

    @Test(arguments: ["README.md", "docs/architecture.md"])
    func tableMatchesThePackage(_ file: String) throws {
        let declared = try Self.declaredTargets()
        #expect(declared.count >= 10, "\(declared)")
        let tabled = try Self.tabledTargets(in: file)
        #expect(declared.subtracting(tabled).isEmpty, "\(file) lacks \(declared.subtracting(tabled).sorted())")
        #expect(tabled.subtracting(declared).isEmpty, "\(file) names targets that do not exist: \(tabled.subtracting(declared).sorted())")
    }
}
