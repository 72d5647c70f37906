import Foundation
import SootheCore

/// Where voice profiles are looked for, in order: a `voices/` folder beside the script; the
/// folders in `$SOOTHE_VOICES` (colon-separated), or when it is unset
/// `$XDG_CONFIG_HOME/soothe/voices` (else `~/.config/soothe/voices`); then the built-ins (`voices/`
/// in soothe's home, or the one profile compiled in when there is none). A profile in an earlier
/// folder shadows a later one of the same name.
struct VoiceSearchPath: Sendable {
    /// One place profiles come from.
    struct Folder: Sendable {
        enum Kind: Sendable {
            case besideScript, user, builtIn
        }

        /// The folder (nil: the profile compiled into soothe).
        var path: String?
        var kind: Kind
        var library: VoiceLibrary

        /// Where its profiles came from, as `soothe voices` says it.
        var source: String { kind == .builtIn ? "built-in" : path ?? "built-in" }
    }

    /// The folders from `$SOOTHE_VOICES` or the configuration folder, in order (missing ones too).
    var user: [Folder]
    var builtIn: Folder

    /// Reads the user folders and the built-ins.
    static func locate(home: SootheHome, environment: [String: String] = ProcessInfo.processInfo.environment) -> VoiceSearchPath {
        var builtIn = Folder(path: home.voicesDirectory, kind: .builtIn, library: home.voicesDirectory.map(VoiceLibrary.load(directory:)) ?? VoiceLibrary(profiles: [:]))
        if builtIn.library.profiles.isEmpty && builtIn.library.invalid.isEmpty {
            builtIn = Folder(path: nil, kind: .builtIn, library: VoiceLibrary(profiles: [VoiceProfile.fallback.name: .fallback]))
        }
        var seen: Set<String> = builtIn.path.map { [standard($0)] } ?? []
        var user: [Folder] = []
        for path in userFolders(environment: environment) where seen.insert(standard(path)).inserted {
            user.append(Folder(path: path, kind: .user, library: VoiceLibrary.load(directory: path)))
        }
        return VoiceSearchPath(user: user, builtIn: builtIn)
    }

    /// `$SOOTHE_VOICES` split at colons (empty parts skipped: set and empty means none), or when
    /// it is unset `$XDG_CONFIG_HOME/soothe/voices` (an absolute `XDG_CONFIG_HOME` only, as the
    /// XDG specification says), else `$HOME/.config/soothe/voices`.
    static func userFolders(environment: [String: String]) -> [String] {
        if let list = environment["SOOTHE_VOICES"] {
            return list.split(separator: ":").map(String.init)
        }
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return [config + "/soothe/voices"]
        }
        if let home = environment["HOME"], !home.isEmpty {
            return [home + "/.config/soothe/voices"]
        }
        return []
    }

    /// The `voices/` folder beside a script file (nil for standard input).
    static func folder(besideScript path: String) -> String? {
        guard path != SessionSource.standardInputName else { return nil }
        let parent = (path as NSString).deletingLastPathComponent
        return parent.isEmpty ? "voices" : parent + "/voices"
    }

    /// Every folder a session in `scriptPath` sees, first to last (the same folder only once).
    func folders(besideScript scriptPath: String?) -> [Folder] {
        var result: [Folder] = []
        if let scriptPath, let beside = Self.folder(besideScript: scriptPath) {
            let standard = Self.standard(beside)
            let elsewhere = (user.compactMap(\.path) + [builtIn.path].compactMap { $0 }).map(Self.standard)
            if !elsewhere.contains(standard), FileManager.default.fileExists(atPath: beside) {
                result.append(Folder(path: beside, kind: .besideScript, library: VoiceLibrary.load(directory: beside)))
            }
        }
        return result + user + [builtIn]
    }

    /// The profiles a session in `scriptPath` (nil: no script) can use, earlier folders first.
    func library(besideScript scriptPath: String?) -> VoiceLibrary {
        let all = folders(besideScript: scriptPath)
        return all.dropFirst().reduce(all[0].library) { $0.shadowing($1.library) }
    }

    static func standard(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
