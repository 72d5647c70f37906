import Yams

/// The voice profiles in a `voices/` folder.
public struct VoiceLibrary: Sendable {
    /// Profiles by name.
    public var profiles: [String: VoiceProfile]
    /// Problems found in the profile files.
    public var diagnostics: [Diagnostic]

    public init(profiles: [String: VoiceProfile], diagnostics: [Diagnostic] = []) {
        self.profiles = profiles
        self.diagnostics = diagnostics
    }

    /// Sorted profile names.
    public var names: [String] { profiles.keys.sorted() }

    /// The profiles in `files` (each a path and its text), read in the given order; a profile's
    /// default name is its file name without `.yaml`.
    public init(files: [(path: String, text: String)]) {
        self.init(profiles: [:])
        for (path, text) in files {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            let (profile, diagnostics) = Self.parse(text: text, file: path, defaultName: name.hasSuffix(".yaml") ? String(name.dropLast(5)) : name)
            self.diagnostics += diagnostics
            if let profile { profiles[profile.name] = profile }
        }
    }

    static let keys = [
        "name", "description", "espeak", "rate", "pitch", "range", "word-gap", "clause-pause", "sentence-pause",
        "chain", "room", "room-level",
    ]

    /// Parses one profile file.
    public static func parse(text: String, file: String, defaultName: String) -> (VoiceProfile?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        func report(_ node: Node?, _ message: String) {
            let at = node?.location ?? .start
            diagnostics.append(Diagnostic(.error, file: file, line: at.line, column: at.column, message))
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            report(nil, "YAML syntax error in voice profile: \(error)")
            return (nil, diagnostics)
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
