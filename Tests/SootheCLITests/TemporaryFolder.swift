import Foundation

/// A fresh folder under the system temporary folder, removed with its contents on deinit.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/soothe-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    /// Writes `text` to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let target = file(name)
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: target))
        return target
    }

    /// A soothe home holding the package's voices and only the named built-in sessions (so that
    /// `list` stays fast), each a symbolic link to the real file.
    static func home(with sessions: [String]) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder.file("assets/sessions"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: folder.file("voices"), withDestinationPath: SootheCLI.packageRoot + "/voices")
        for id in sessions {
            try fm.createSymbolicLink(
                atPath: folder.file("assets/sessions/\(id).yaml"),
                withDestinationPath: SootheCLI.packageRoot + "/assets/sessions/\(id).yaml")
        }
        return folder
    }
}
