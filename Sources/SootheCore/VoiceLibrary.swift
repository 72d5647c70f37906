import Yams

/// The voice profiles in a `voices/` folder, or in several folders layered (see ``shadowing(_:)``).
public struct VoiceLibrary: Sendable {
    /// Profiles by name.
    public var profiles: [String: VoiceProfile]
    /// Problems found in the profile files.
    public var diagnostics: [Diagnostic]
    /// The file each profile came from, by name (none for a profile made in code).
    public var files: [String: String]
    /// Profile files with errors, by name (the file name without `.yaml`), with those errors: a
    /// session that uses one of these names gets an error, not another folder's profile.
    public var invalid: [String: [Diagnostic]]

    public init(profiles: [String: VoiceProfile], diagnostics: [Diagnostic] = []) {
        self.profiles = profiles
        self.diagnostics = diagnostics
        self.files = [:]
        self.invalid = [:]
    }

    /// Sorted profile names.
    public var names: [String] { profiles.keys.sorted() }

    /// Every name a script may give, valid or not (for checking names and suggesting them), sorted.
    public var allNames: [String] { Set(profiles.keys).union(invalid.keys).sorted() }

    /// The profiles in `files` (each a path and its text), read in the given order; a profile's
    /// default name is its file name without `.yaml`.
    public init(files: [(path: String, text: String)]) {
        self.init(profiles: [:])
        for (path, text) in files {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            let defaultName = name.hasSuffix(".yaml") ? String(name.dropLast(5)) : name
            let (profile, diagnostics) = Self.parse(text: text, file: path, defaultName: defaultName)
            self.diagnostics += diagnostics
            if let profile {
                profiles[profile.name] = profile
                self.files[profile.name] = path
            } else {
                invalid[defaultName, default: []] += diagnostics
                self.files[defaultName] = path
            }
        }
    }

    /// This library with `later`'s profiles added under the names this one does not have: a
    /// profile (or a profile file with errors) in an earlier folder shadows a later one's.
    public func shadowing(_ later: VoiceLibrary) -> VoiceLibrary {
        var merged = self
        let taken = Set(profiles.keys).union(invalid.keys)
        var shadowedFiles = Set<String>()
        for name in Set(later.profiles.keys).union(later.invalid.keys) {
            if taken.contains(name) {
                if let file = later.files[name] { shadowedFiles.insert(file) }
                continue
            }
            if let profile = later.profiles[name] { merged.profiles[name] = profile }
            if let problems = later.invalid[name] { merged.invalid[name] = problems }
            if let file = later.files[name] { merged.files[name] = file }
        }
        merged.diagnostics += later.diagnostics.filter { !shadowedFiles.contains($0.file) }
        return merged
    }

    static let keys = [
        "name", "description", "espeak", "rate", "pitch", "range", "word-gap", "clause-pause", "sentence-pause",
        "chain", "room", "room-level",
    ]

    /// Parses one profile file.
    public static func parse(text: String, file: String, defaultName: String) -> (VoiceProfile?, [Diagnostic]) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            return (nil, [Diagnostic(.error, file: file, line: 1, column: 1, "YAML syntax error in voice profile: \(error)")])
        }
        return parse(node: root, file: file, defaultName: defaultName)
    }

    /// Parses a profile's mapping: a profile file's root, or a voice written inline in a script
    /// (`voice: {espeak: de+f3, rate: 125}`), whose problems are then located in the script.
    static func parse(node root: Node?, file: String, defaultName: String) -> (VoiceProfile?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        func report(_ node: Node?, _ message: String) {
            let at = node?.location ?? .start
            diagnostics.append(Diagnostic(.error, file: file, line: at.line, column: at.column, message))
        }
        guard case .mapping(let mapping)? = root else {
            report(root, "a voice profile is a mapping with 'espeak', 'rate', 'pitch', 'range' and 'word-gap'")
            return (nil, diagnostics)
        }
        // A profile file gets the speech chain unless it says `chain: off`.
        var profile = VoiceProfile(name: defaultName, espeak: "", chain: SpeechChainSettings())
        func integer(_ node: Node, _ key: String, _ range: ClosedRange<Int>) -> Int? {
            guard let value = node.scalarText.flatMap({ Int($0) }), range.contains(value) else {
                report(node, "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound); found \(node.kindDescription)")
                return nil
            }
            return value
        }
        func pause(_ node: Node, _ key: String) -> Double? {
            guard let text = node.scalarText, let seconds = try? DurationParser.parse(text), (0...5).contains(seconds) else {
                report(node, "'\(key)' must be a duration from 0 to 5s, such as 300ms or 0.8s; found \(node.kindDescription)")
                return nil
            }
            return seconds
        }
        func switchValue(_ node: Node, _ key: String) -> Bool? {
            switch node.scalarText?.lowercased() {
            case "on", "true", "yes": return true
            case "off", "false", "no": return false
            default:
                report(node, "'\(key)' must be on or off; found \(node.kindDescription)")
                return nil
            }
        }
        for (keyNode, value) in mapping {
            let key = keyNode.scalarText ?? ""
            switch key {
            case "name": profile.name = value.scalarText ?? defaultName
            case "description": profile.description = value.scalarText ?? ""
            case "espeak": profile.espeak = value.scalarText ?? ""
            case "rate": profile.rate = integer(value, key, 80...450) ?? profile.rate
            case "pitch": profile.pitch = integer(value, key, 0...99) ?? profile.pitch
            case "range": profile.range = integer(value, key, 0...99) ?? profile.range
            case "word-gap": profile.wordGap = integer(value, key, 0...100) ?? profile.wordGap
            case "clause-pause": profile.clausePause = pause(value, key) ?? profile.clausePause
            case "sentence-pause": profile.sentencePause = pause(value, key) ?? profile.sentencePause
            case "chain": profile.chain.enabled = switchValue(value, key) ?? profile.chain.enabled
            case "room":
                // `room: off` is `room: 0`.
                profile.chain.room = ["off", "false", "no"].contains(value.scalarText?.lowercased() ?? "")
                    ? 0 : integer(value, key, 0...100) ?? profile.chain.room
            case "room-level": profile.chain.roomLevel = Double(integer(value, key, -10...0) ?? Int(profile.chain.roomLevel))
            default: report(keyNode, "unknown key '\(key)' in voice profile\(Suggestions.didYouMean(key, in: keys)) (expected \(keys.joined(separator: ", ")))")
            }
        }
        if profile.espeak.isEmpty { report(root, "voice profile '\(profile.name)' needs 'espeak': an espeak-ng voice name such as en-us+f3") }
        return (diagnostics.isEmpty ? profile : nil, diagnostics)
    }
}
