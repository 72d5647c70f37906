import Foundation

/// A folder of session scripts of the user's own (`render --catalogue DIR`, `render --all DIR`).
enum Catalogue {
    /// Folders whose YAML files are not sessions: translations and voice profiles kept beside the
    /// scripts (see session-format.md and voices.md).
    static let notSessionFolders: Set<String> = ["translations", "voices"]

    /// Why a folder gives no scripts.
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// Whether `path` is an existing folder (through a link too).
    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The session scripts in `folder` and the folders below it: `*.yaml` and `*.yml` files,
    /// sorted by their path inside the folder (the same order on every machine), leaving out
    /// hidden files and folders (a name starting with `.`), `translations/` and `voices/` folders,
    /// and folders reached through a symbolic link (which could lead in a circle). A symbolic link
    /// to a script file is a script.
    static func scripts(in folder: String) throws(Problem) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            throw Problem(description: "no such folder: \(folder)")
        }
        guard isDirectory.boolValue else {
            throw Problem(description: "\(folder) is a file; --catalogue takes a folder of session scripts")
        }
        var found: [String] = []
        collect(folder, relative: "", into: &found)
        // Byte order of the relative paths: independent of the locale and of the file system's order.
        let sorted = found.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        return sorted.map { base + $0 }
    }

    private static func collect(_ root: String, relative: String, into found: inout [String]) {
        let here = relative.isEmpty ? root : RenderRunner.path(relative, in: root)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: here) else { return }
        for name in names where !name.hasPrefix(".") {
            let path = RenderRunner.path(name, in: here)
            let inner = relative.isEmpty ? name : relative + "/" + name
            let type = (try? FileManager.default.attributesOfItem(atPath: path)[.type]) as? FileAttributeType
            if type == .typeDirectory {
                if !notSessionFolders.contains(name) { collect(root, relative: inner, into: &found) }
                continue
            }
            guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") else { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                found.append(inner)
            }
        }
    }
}
