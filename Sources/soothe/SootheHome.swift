import Foundation

/// Where soothe's built-in sessions (`assets/sessions/`) and voice profiles (`voices/`) live.
///
/// Looked for, in order: `$SOOTHE_HOME`; next to the executable (or above it, as for a build in
/// `.build/`); the install prefix `BIN/../share/soothe`; then walking up from the current folder.
struct SootheHome: Sendable {
    /// The folder holding `assets/sessions/` and `voices/`, if one was found.
    var root: String?
    /// Every place looked at, for the message when nothing is found.
    var searched: [String]

    /// `root/assets/sessions`.
    var sessionsDirectory: String? { root.map { $0 + "/assets/sessions" } }
    /// `root/voices`.
    var voicesDirectory: String? { root.map { $0 + "/voices" } }

    /// The path of `relative` (e.g. a schema, for an editor line) under the home, when it is there.
    func installed(_ relative: String) -> String? {
        guard let root else { return nil }
        let path = root + "/" + relative
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// Finds the home from the environment, the executable's path and the current folder.
    static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executablePath: String = runningExecutable(),
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) -> SootheHome {
        var searched: [String] = []
        func holdsAssets(_ folder: String) -> Bool {
            searched.append(folder)
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder + "/assets/sessions", isDirectory: &isDirectory) && isDirectory.boolValue
        }
        if let home = environment["SOOTHE_HOME"], !home.isEmpty {
            let folder = (home as NSString).standardizingPath
            return SootheHome(root: holdsAssets(folder) ? folder : nil, searched: searched)
        }
        let executable = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent().path
        var candidates = ancestors(of: executable, limit: 4)
        candidates.append((executable as NSString).appendingPathComponent("../share/soothe"))
        candidates += ancestors(of: currentDirectory, limit: 32)
        for folder in candidates {
            let standard = (folder as NSString).standardizingPath
            if searched.contains(standard) { continue }
            if holdsAssets(standard) { return SootheHome(root: standard, searched: searched) }
        }
        return SootheHome(root: nil, searched: searched)
    }

    /// The running executable's real path: `/proc/self/exe`, which names it however it was
    /// started (from `PATH`, through a symlink); `argv[0]` where there is no `/proc`.
    static func runningExecutable() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return CommandLine.arguments.first ?? ""
    }

    static func ancestors(of folder: String, limit: Int) -> [String] {
        var result: [String] = []
        var current = (folder as NSString).standardizingPath
        for _ in 0..<limit {
            result.append(current)
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current || parent.isEmpty { break }
            current = parent
        }
        return result
    }
}
