import Yams

/// Turns the bytes of a session script into a ``Script``, reporting every problem at once.
///
/// The parser never stops at the first problem: it walks the whole YAML tree, collects located
/// ``Diagnostic``s and returns a script only when there were no errors.
public struct ScriptParser: Sendable {
    /// The voice profile names scripts may use (for checking `voice:` and suggesting names).
    public var voiceNames: [String]

    /// Files larger than this are rejected before parsing.
    public static let maximumFileSize = 1 << 20
    /// Flow-collection nesting deeper than this is rejected before parsing.
    public static let maximumNesting = 64
    /// `repeat` inside `repeat` deeper than this is rejected.
    public static let maximumRepeatDepth = 8
    /// The longest length any one duration may have.
    public static let maximumDuration = 24 * 3600.0

    /// The home folder, for sound file paths written `~/…` (nil: such paths stay as written).
    public var homeFolder: String?

    public init(voiceNames: [String], homeFolder: String? = nil) {
        self.voiceNames = voiceNames
        self.homeFolder = homeFolder
    }

    /// Parses `bytes` read from `file`. `defaultID` is used when the script has no `id`.
    public func parse(bytes: [UInt8], file: String, defaultID: String) -> (script: Script?, diagnostics: [Diagnostic]) {
        var run = ParseRun(file: file, voiceNames: voiceNames)
        run.home = homeFolder
        let script = run.parseFile(bytes: bytes, defaultID: defaultID)
        let diagnostics = run.diagnostics.sortedByLocation()
        return (diagnostics.hasErrors ? nil : script, diagnostics)
    }

    /// Parses YAML text (convenience for tests and built-in scripts).
    public func parse(text: String, file: String, defaultID: String) -> (script: Script?, diagnostics: [Diagnostic]) {
        parse(bytes: Array(text.utf8), file: file, defaultID: defaultID)
    }

    /// An id made from a file name: lower case, runs of other characters turned into `-`.
    public static func defaultID(forFileName name: String) -> String {
        var base = Substring(name)
        if let slash = base.lastIndex(of: "/") { base = base[base.index(after: slash)...] }
        for ext in [".yaml", ".yml"] where base.hasSuffix(ext) { base = base.dropLast(ext.count) }
        var id = ""
        for ch in base.lowercased().unicodeScalars {
            if ("a"..."z").contains(ch) || ("0"..."9").contains(ch) {
                id.unicodeScalars.append(ch)
            } else if !id.isEmpty, id.last != "-" {
                id += "-"
            }
        }
        while id.hasSuffix("-") { id.removeLast() }
        return id.isEmpty ? "session" : id
    }

    /// Whether `id` is a valid session id (`[a-z0-9-]+`).
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

/// The state of one parse: the diagnostics found so far.
struct ParseRun {
    let file: String
    let voiceNames: [String]
    /// The home folder for `~/` in sound file paths.
    var home: String?
    var diagnostics: [Diagnostic] = []
    /// The session's id as far as it is known before parsing its keys: inline voices are named
    /// after it (`ID-inline`, `ID-inline-LINE` for a step's).
    var sessionID = "session"

    static let topKeys = ["title", "id", "summary", "technique", "tags", "when", "voice", "ambience", "chapters", "length", "steps"]
    static let stepKeys = ["say", "pause", "chime", "breathe", "repeat"]
    static let optionKeys: [String: [String]] = [
        "say": ["voice", "rate", "after"],
        "pause": ["chime-every", "chime", "stretch"],
        "chime": ["level", "strikes", "wait"],
        "breathe": [],
        "repeat": [],
    ]
    /// Keys any step takes beside its own options.
    static let everyStepKeys = ["chapter"]
    static let breatheKeys = ["pattern", "to", "cycles", "duration", "prompts", "prompt-cycles", "count", "tone"]
    static let toneKeys = ["style", "pitch", "level"]
    static let repeatKeys = ["times", "for", "steps"]
    static let phaseKeys = ["inhale", "top-up", "hold", "exhale", "rest"]
    static let durationExample = "a duration such as \(DurationParser.forms)"

    init(file: String, voiceNames: [String]) {
        self.file = file
        self.voiceNames = voiceNames
    }

    mutating func error(_ at: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(.error, file: file, line: at.line, column: at.column, message))
    }

    mutating func warning(_ at: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(.warning, file: file, line: at.line, column: at.column, message))
    }

    // MARK: File

    mutating func parseFile(bytes: [UInt8], defaultID: String) -> Script? {
        guard bytes.count <= ScriptParser.maximumFileSize else {
            // Readers stop one byte past the limit, so the count says only that it is over.
            error(.start, "the input is larger than \(ScriptParser.maximumFileSize) bytes (1 MiB), the most a session script may be")
            return nil
        }
        if let nul = bytes.firstIndex(of: 0) {
            error(location(ofByte: nul, in: bytes), "the file holds binary data (a NUL byte); expected a UTF-8 text file of YAML")
            return nil
        }
        guard var text = String(validating: bytes, as: UTF8.self) else {
            let bad = firstInvalidUTF8(bytes)
            error(location(ofByte: bad, in: bytes), "the file is not UTF-8 text (invalid byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) at offset \(bad)); save it as UTF-8")
            return nil
        }
        // Editors on Windows often save a byte-order mark; libyaml rejects it inside the text.
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        if text.allSatisfy(\.isWhitespace) {
            error(.start, "the file is empty; expected a session with 'title' and 'steps'")
            return nil
        }
        if let deep = deepNesting(in: text) {
            error(deep, "nesting is deeper than \(ScriptParser.maximumNesting) levels")
            return nil
        }
        // An alias can stand for billions of nodes and hang the composer: none are accepted.
        if let alias = YAMLAliasScanner.firstAlias(in: text) {
            error(alias, "YAML aliases ('*NAME') are not supported in session scripts: write the value out, or use 'repeat' to play steps again")
            return nil
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                error(.start, "the file holds no YAML document; expected a session with 'title' and 'steps'")
                return nil
            }
            root = node
        } catch let yamlError as YamlError {
            reportYAMLError(yamlError, in: text)
            return nil
        } catch {
            self.error(.start, "YAML syntax error: \(error)")
            return nil
        }
        return parseSession(root, defaultID: defaultID)
    }

    mutating func reportYAMLError(_ yamlError: YamlError, in text: String) {
        let (location, message) = YAMLErrorText.describe(yamlError, in: text)
        error(location, message)
    }

    // MARK: Top level

    mutating func parseSession(_ root: Node, defaultID: String) -> Script? {
        guard case .mapping(let mapping) = root else {
            error(root.location, "a session script is a mapping with 'title' and 'steps'; found \(root.kindDescription)")
            return nil
        }
        var title: String?
        var id = defaultID
        var summary: String?
        var technique: String?
        var tags: [SessionTag] = []
        var when: String?
        var voice = "gentle"
        var voiceLocation = SourceLocation.start
        var inlineVoice: VoiceProfile?
        var ambience: AmbienceSpec?
        var length: (Double, SourceLocation)?
        var steps: [Step]?
        var chapters = ChapterPolicy.auto
        var stepsLocation = root.location
        let givenID = mapping.first { $0.key.scalarText == "id" }?.value.scalarText
        sessionID = givenID.flatMap { ScriptParser.isValidID($0) ? $0 : nil } ?? defaultID

        for (keyNode, value) in mapping {
            guard let key = keyName(keyNode) else { continue }
            switch key {
            case "title": title = text(value, for: "title")
            case "summary": summary = text(value, for: "summary")
            case "technique": technique = text(value, for: "technique")
            case "tags": tags = parseTags(value)
            case "when": when = text(value, for: "when")
            case "id":
                if let given = text(value, for: "id") {
                    if ScriptParser.isValidID(given) {
                        id = given
                    } else {
                        error(value.location, "invalid id '\(given)': expected lower-case letters, digits and '-' only")
                    }
                }
            case "voice":
                if let (name, inline) = voiceChoice(value, inlineName: sessionID + "-inline") {
                    voice = name
                    inlineVoice = inline
                    voiceLocation = value.location
                }
            case "ambience": ambience = parseAmbience(value)
            case "chapters": chapters = parseChapters(value) ?? .auto
            case "length": length = duration(value, for: "length", allowZero: false).map { ($0, value.location) }
            case "steps":
                stepsLocation = value.location
                steps = parseSteps(value, key: "steps", repeatDepth: 0)
            case "fit":
                // One name for one thing: `length`, as in `soothe new --length`.
                error(keyNode.location, "unknown key 'fit' at the top level; did you mean 'length'? ('length: 10m' fits the session to ten minutes)")
            default:
                unknownKey(key, at: keyNode.location, expected: Self.topKeys, context: "at the top level")
            }
        }
        if title == nil, !mapping.keys.contains(where: { $0.scalarText == "title" }) {
            error(root.location, "missing 'title': every session needs a title (shown in listings and written into the file's metadata)")
        }
        if steps == nil, !mapping.keys.contains(where: { $0.scalarText == "steps" }) {
            error(root.location, "missing 'steps': expected a list of steps such as '- say: Welcome.'")
        } else if let list = steps, list.isEmpty, !diagnostics.contains(where: { $0.line == stepsLocation.line && $0.severity == .error }) {
            error(stepsLocation, "'steps' is empty; a session needs at least one step")
        }
        guard let title, let steps else { return nil }
        var script = Script(
            file: file, id: id, title: title, summary: summary, technique: technique, voice: voice,
            voiceLocation: voiceLocation, inlineVoice: inlineVoice, ambience: ambience, tags: tags, when: when, steps: steps)
        script.chapters = chapters
        if let (seconds, at) = length { script.length = LengthTarget(seconds: seconds, location: at) }
        return script
    }

    static let chaptersExpected = "auto, off, or a mapping {breathe: RULE, speech: RULE} where each RULE is auto, off or a title"

    /// `chapters: auto | off | {breathe: RULE, speech: RULE}`, each rule auto, off or a title.
    mutating func parseChapters(_ node: Node) -> ChapterPolicy? {
        switch node {
        case .scalar:
            guard let value = text(node, for: "chapters") else { return nil }
            switch value.lowercased() {
            case "auto", "true", "yes", "on": return .auto
            case "off", "false", "no": return .off
            default:
                error(node.location, "'chapters' expects \(Self.chaptersExpected); found '\(value)'")
                return nil
            }
        case .mapping(let mapping):
            var policy = ChapterPolicy.auto
            var ok = true
            for (keyNode, value) in mapping {
                guard let key = keyName(keyNode) else { continue }
                guard ChapterPolicy.kindKeys.contains(key) else {
                    unknownKey(key, at: keyNode.location, expected: ChapterPolicy.kindKeys, context: "in 'chapters'")
                    ok = false
                    continue
                }
                guard let rule = chapterRule(value, for: key) else {
                    ok = false
                    continue
                }
                if key == "breathe" { policy.breathe = rule } else { policy.speech = rule }
            }
            return ok ? policy : nil
        default:
            error(node.location, "'chapters' expects \(Self.chaptersExpected); found \(node.kindDescription)")
            return nil
        }
    }

    /// One kind's rule in `chapters:`: auto, off or a title.
    mutating func chapterRule(_ node: Node, for key: String) -> ChapterPolicy.Rule? {
        guard case .scalar = node else {
            error(node.location, "'\(key)' in 'chapters' expects auto, off or a title; found \(node.kindDescription)")
            return nil
        }
        guard let value = chapterTitleText(node, for: key) else { return nil }
        switch value.lowercased() {
        case "auto", "true", "yes", "on": return .auto
        case "off", "false", "no": return .off
        default: return .title(value)
        }
    }

    /// A step's `chapter: TITLE`, or `chapter: true`.
    mutating func chapterMark(_ node: Node) -> ChapterMark? {
        guard case .scalar = node else {
            error(node.location, "'chapter' expects the chapter's title, e.g. 'chapter: Breathing together'; found \(node.kindDescription)")
            return nil
        }
        // `chapter: true`: a chapter starts here, titled from its first words.
        if node.scalarText == "true" { return .auto }
        return chapterTitleText(node, for: "chapter").map { .named($0) }
    }

    /// A chapter title: one line of text, not empty.
    mutating func chapterTitleText(_ node: Node, for key: String) -> String? {
        if node.isNull {
            error(node.location, "'\(key)' has no title: write the chapter's title, or leave '\(key)' out (soothe then titles the chapter from its first words)")
            return nil
        }
        guard let title = text(node, for: key) else { return nil }
        if title.allSatisfy(\.isWhitespace) {
            error(node.location, "'\(key)' is empty: write the chapter's title, or leave '\(key)' out (soothe then titles the chapter from its first words)")
            return nil
        }
        if title.contains(where: \.isNewline) {
            error(node.location, "'\(key)' holds a line break: a chapter title is one line")
            return nil
        }
        return title.trimmingCharacters(in: " ")
    }

    /// `tags: [sos, breathing]`: known tag names, each once; every unknown or repeated one is
    /// reported where it stands.
    mutating func parseTags(_ node: Node) -> [SessionTag] {
        guard case .sequence(let sequence) = node else {
            error(node.location, "'tags' expects a list of tag names such as [sos, breathing]; found \(node.kindDescription) (tags: \(SessionTag.names.joined(separator: ", ")))")
            return []
        }
        var tags: [SessionTag] = []
        for item in sequence {
            guard let name = text(item, for: "tags") else { continue }
            guard let tag: SessionTag = known(name, at: item.location, kind: "tag", in: SessionTag.names) else { continue }
            if tags.contains(tag) {
                error(item.location, "the tag '\(name)' is given twice")
            } else {
                tags.append(tag)
            }
        }
        return tags
    }

    mutating func parseAmbience(_ node: Node) -> AmbienceSpec? {
        switch node {
        case .scalar:
            guard let name = text(node, for: "ambience"), let source = ambienceSource(name, at: node.location) else { return nil }
            return AmbienceSpec(source: source, level: 0, origin: origin(node.location))
        case .mapping(let mapping):
            var source: AmbienceSpec.Source?
            var level = 0.0
            var settings = BedSettingsDraft()
            var loop: (Bool, SourceLocation)?
            for (keyNode, value) in mapping {
                guard let key = keyName(keyNode) else { continue }
                switch key {
                case "sound":
                    if let name = text(value, for: "sound") { source = ambienceSource(name, at: value.location) }
                case "level": level = number(value, for: "level", in: -60...12, unit: " dB") ?? 0
                case "loop": loop = bool(value, for: "loop").map { ($0, keyNode.location) }
                default:
                    if !bedSetting(key, at: keyNode.location, value, into: &settings) {
                        unknownKey(key, at: keyNode.location, expected: ["sound", "level", "loop"] + Self.bedSettingKeys, context: "in 'ambience'")
                    }
                }
            }
            if !mapping.keys.contains(where: { $0.scalarText == "sound" }) {
                error(node.location, "'ambience' needs 'sound': one of \(AmbienceSound.names.joined(separator: ", ")) or a sound file's path")
            }
            if let loop { source = withLoop(source, loop.0, at: loop.1) }
            return source.flatMap { finishBed(AmbienceSpec(source: $0, level: level, origin: origin(node.location)), settings, at: node.location) }
        default:
            error(node.location, "'ambience' expects a sound name or {sound: NAME, level: DB}; found \(node.kindDescription)")
            return nil
        }
    }

    // MARK: Steps

    mutating func parseSteps(_ node: Node, key: String, repeatDepth: Int) -> [Step]? {
        guard case .sequence(let sequence) = node else {
            error(node.location, "'\(key)' expects a list of steps (lines starting with '- '); found \(node.kindDescription)")
            return nil
        }
        var steps: [Step] = []
        for item in sequence {
            if let step = parseStep(item, repeatDepth: repeatDepth) { steps.append(step) }
        }
        return steps
    }

    mutating func parseStep(_ node: Node, repeatDepth: Int) -> Step? {
        guard case .mapping(let mapping) = node else {
            let found = node.scalarText.map { Self.stepKeys.contains($0) ? "'\($0)' with no value" : "'\($0)'" } ?? node.kindDescription
            error(node.location, "a step is a mapping such as 'say: TEXT' or 'pause: 5s'; found \(found)")
            return nil
        }
        var actions = mapping.compactMap { pair -> (String, Node, Node)? in
            guard let key = pair.key.scalarText, Self.stepKeys.contains(key) else { return nil }
            return (key, pair.key, pair.value)
        }
        // In `{pause: 10m, chime-every: 5m, chime: bell}` the `chime` key is the pause's option.
        if actions.contains(where: { $0.0 == "pause" }) {
            actions.removeAll { $0.0 == "chime" }
        }
        guard let (action, actionKey, value) = actions.first else {
            let keys = mapping.keys.compactMap(\.scalarText).filter { $0 != "chapter" }
            if keys.isEmpty, !mapping.isEmpty {
                error(node.location, "a step needs one action besides 'chapter': say, pause, chime, breathe or repeat (the chapter starts at that step)")
                return nil
            }
            let hint = keys.lazy.compactMap { key -> String? in
                let near = Suggestions.nearest(to: key, in: Self.stepKeys, limit: 1)
                return near.first.map { "; did you mean '\($0)' instead of '\(key)'?" }
            }.first ?? ""
            error(node.location, "a step needs one action: say, pause, chime, breathe or repeat\(hint)")
            return nil
        }
        if actions.count > 1 {
            error(actions[1].1.location, "a step does one thing; found both '\(action)' and '\(actions[1].0)' (write them as two steps)")
            return nil
        }
        // Options beside the action key (the long form).
        var options: [String: (key: Node, value: Node)] = [:]
        let allowed = Self.optionKeys[action] ?? []
        var chapter: ChapterMark?
        for (keyNode, optionValue) in mapping where keyNode != actionKey {
            guard let key = keyName(keyNode) else { continue }
            if key == "chapter" {
                chapter = chapterMark(optionValue)
            } else if allowed.contains(key) {
                options[key] = (keyNode, optionValue)
            } else {
                let extra = allowed.isEmpty
                    ? "'\(action)' takes its options inside its own mapping"
                    : "'\(action)' takes \(allowed.map { "'\($0)'" }.joined(separator: ", "))"
                let near = Suggestions.didYouMean(key, in: allowed + ["chapter"] + (action == "breathe" ? Self.breatheKeys : []))
                error(keyNode.location, "unknown option '\(key)' for '\(action)'\(near) (\(extra))")
            }
        }
        let at = actionKey.location
        var step: Step?
        switch action {
        case "say": step = parseSay(value, options: options, at: at)
        case "pause": step = parsePause(value, options: options, at: at)
        case "chime": step = parseChime(value, options: options, at: at)
        case "breathe": step = parseBreathe(value, at: at)
        default: step = parseRepeat(value, at: at, depth: repeatDepth + 1)
        }
        step?.chapter = chapter
        return step
    }

    mutating func parseSay(_ value: Node, options: [String: (key: Node, value: Node)], at: SourceLocation) -> Step? {
        guard let raw = text(value, for: "say"), !raw.isEmpty else {
            if value.isNull { error(value.location, "'say' needs the text to speak") }
            return nil
        }
        checkSpeechText(raw, at: value.location, for: "say")
        var say = Step.Say(text: raw)
        if let voice = options["voice"] {
            let choice = voiceChoice(voice.value, inlineName: "\(sessionID)-inline-\(voice.value.location.line)")
            say.voice = choice?.name
            say.inlineVoice = choice?.inline
            say.voiceLocation = voice.value.location
        }
        if let rate = options["rate"] {
            say.rate = integer(rate.value, for: "rate", in: 80...450, unit: " words per minute (espeak-ng's range)")
        }
        if let after = options["after"] {
            say.after = duration(after.value, for: "after", allowZero: true) ?? 0
        }
        return Step(.say(say), at: at)
    }

    mutating func parsePause(_ value: Node, options: [String: (key: Node, value: Node)], at: SourceLocation) -> Step? {
        guard let seconds = duration(value, for: "pause", allowZero: false) else { return nil }
        var pause = Step.Pause(duration: seconds, chimeEvery: nil, chime: .softChime)
        if let every = options["chime-every"] {
            pause.chimeEvery = duration(every.value, for: "chime-every", allowZero: false)
            if let interval = pause.chimeEvery, interval >= seconds {
                warning(every.value.location, "'chime-every' \(Self.seconds(interval)) is not shorter than the pause (\(Self.seconds(seconds))): no interval bell will ring")
            }
        }
        if let kind = options["chime"] {
            if let name = text(kind.value, for: "chime"), let chime: ChimeKind = known(name, at: kind.value.location, kind: "chime", in: ChimeKind.names) {
                pause.chime = chime
            }
            if options["chime-every"] == nil {
                warning(kind.key.location, "'chime' in a pause names the interval bell, but there is no 'chime-every'")
            }
        }
        if let stretch = options["stretch"] { pause.stretch = bool(stretch.value, for: "stretch") }
        return Step(.pause(pause), at: at)
    }

    mutating func parseChime(_ value: Node, options: [String: (key: Node, value: Node)], at: SourceLocation) -> Step? {
        guard let name = text(value, for: "chime"), let sound = chimeSound(name, at: value.location) else { return nil }
        var chime = Step.Chime(sound: sound, level: 0, strikes: 1, wait: Step.Chime.defaultWait)
        if let level = options["level"] { chime.level = number(level.value, for: "level", in: -40...6, unit: " dB") ?? 0 }
        if let strikes = options["strikes"] { chime.strikes = integer(strikes.value, for: "strikes", in: 1...10) ?? 1 }
        if let wait = options["wait"] { chime.wait = duration(wait.value, for: "wait", allowZero: true) ?? chime.wait }
        return Step(.chime(chime), at: at)
    }

    mutating func parseRepeat(_ value: Node, at: SourceLocation, depth: Int) -> Step? {
        guard case .mapping(let mapping) = value else {
            error(value.location, "'repeat' expects a mapping {times: N, steps: [...]} or {for: [A, B], steps: [...]}; found \(value.kindDescription)")
            return nil
        }
        if depth > ScriptParser.maximumRepeatDepth {
            error(at, "'repeat' is nested more than \(ScriptParser.maximumRepeatDepth) deep")
            return nil
        }
        var items: [String?]?
        var steps: [Step]?
        var sawTimes = false, sawFor = false
        for (keyNode, option) in mapping {
            guard let key = keyName(keyNode) else { continue }
            switch key {
            case "times":
                sawTimes = true
                if let n = integer(option, for: "times", in: 1...10_000) { items = Array(repeating: nil, count: n) }
            case "for":
                sawFor = true
                guard case .sequence(let list) = option, !list.isEmpty else {
                    error(option.location, "'for' expects a non-empty list of items, e.g. [feet, legs, hands]; found \(option.kindDescription)")
                    continue
                }
                var values: [String?] = []
                for item in list {
                    if let t = item.scalarText, !item.isNull {
                        if let control = ControlCharacters.first(in: t) {
                            error(item.location, "a 'for' item holds the control character \(ControlCharacters.name(control)); text may hold letters, punctuation, spaces and line breaks, not terminal or escape codes")
                        } else {
                            values.append(t)
                        }
                    } else {
                        error(item.location, "each 'for' item is text that replaces {item}; found \(item.kindDescription)")
                    }
                }
                items = values
            case "steps": steps = parseSteps(option, key: "steps", repeatDepth: depth)
            default: unknownKey(key, at: keyNode.location, expected: Self.repeatKeys, context: "in 'repeat'")
            }
        }
        if sawTimes && sawFor {
            error(at, "'repeat' takes 'times' or 'for', not both")
            return nil
        }
        if !sawTimes && !sawFor {
            error(at, "'repeat' needs 'times: N' or 'for: [A, B, ...]'")
            return nil
        }
        if steps == nil, !mapping.keys.contains(where: { $0.scalarText == "steps" }) {
            error(at, "'repeat' needs 'steps': the list of steps to repeat")
            return nil
        }
        if let steps, steps.isEmpty {
            error(at, "'repeat' has no steps to repeat")
            return nil
        }
        guard let items, let steps else { return nil }
        return Step(.repeat(Step.Repeat(items: items, steps: steps)), at: at)
    }

    // MARK: breathe

    mutating func parseBreathe(_ value: Node, at: SourceLocation) -> Step? {
        if let preset = value.scalarText, !value.isNull {
            error(value.location, "'breathe' expects a mapping of options, e.g. {pattern: \(preset), cycles: 6}")
            return nil
        }
        guard case .mapping(let mapping) = value else {
            error(value.location, "'breathe' expects a mapping with 'pattern' and 'cycles' or 'duration'; found \(value.kindDescription)")
            return nil
        }
        var pattern: BreathPattern?
        var target: BreathPattern?
        var cycles: (Int, SourceLocation)?
        var fill: (Double, SourceLocation)?
        var prompts: [BreathPhase: Step.Prompt] = [:]
        var promptCycles: Int?
        var count = false
        var tone = BreathToneSpec.standard
        var ok = true
        for (keyNode, option) in mapping {
            guard let key = keyName(keyNode) else { continue }
            switch key {
            case "pattern": pattern = breathPattern(option, for: "pattern"); ok = ok && pattern != nil
            case "to": target = breathPattern(option, for: "to"); ok = ok && target != nil
            case "cycles":
                if let n = integer(option, for: "cycles", in: 1...100_000) { cycles = (n, option.location) } else { ok = false }
            case "duration":
                if let d = duration(option, for: "duration", allowZero: false) { fill = (d, option.location) } else { ok = false }
            case "prompts": prompts = parsePrompts(option)
            case "prompt-cycles": promptCycles = integer(option, for: "prompt-cycles", in: 0...100_000)
            case "count": count = bool(option, for: "count") ?? false
            case "tone": tone = parseTone(option) ?? .standard
            default: unknownKey(key, at: keyNode.location, expected: Self.breatheKeys, context: "in 'breathe'")
            }
        }
        if !mapping.keys.contains(where: { $0.scalarText == "pattern" }) {
            error(at, "'breathe' needs 'pattern': IN-HOLD-OUT-REST seconds (e.g. 4-7-8-0), a preset (\(BreathPattern.presetNames.joined(separator: ", "))) or {inhale: 4, exhale: 6}")
            ok = false
        }
        if let cycles, let fill {
            error(fill.1, "'breathe' takes 'cycles' or 'duration', not both (cycles \(cycles.0) at line \(cycles.1.line))")
            return nil
        }
        if cycles == nil && fill == nil && ok {
            error(at, "'breathe' needs 'cycles: N' or 'duration: TIME' (e.g. duration: 5m ends on a whole breath)")
            return nil
        }
        guard ok, let pattern else { return nil }
        for (phase, prompt) in prompts {
            let length = pattern.phases.first { $0.0 == phase }!.1
            let last = target.map { t in t.phases.first { $0.0 == phase }!.1 } ?? length
            if length == 0 && last == 0 {
                warning(prompt.location, "the '\(phase.rawValue)' prompt is never spoken: the pattern has no \(phase.rawValue)")
            }
        }
        let length: Step.Breathe.Length = cycles.map { .cycles($0.0) } ?? .duration(fill!.0)
        return Step(.breathe(Step.Breathe(
            pattern: pattern, to: target, length: length, prompts: prompts, promptCycles: promptCycles,
            count: count, tone: tone)), at: at)
    }

    /// `tone:` true / false, a style name, or {style, pitch, level}.
    mutating func parseTone(_ node: Node) -> BreathToneSpec? {
        switch node {
        case .scalar:
            guard let name = text(node, for: "tone") else { return nil }
            switch name.lowercased() {
            case "true", "yes", "on": return .standard
            case "false", "no", "off": return .silent
            default: break
            }
            let style: ToneStyle? = known(name, at: node.location, kind: "tone style", in: ToneStyle.names + ["true", "false"])
            return style.map { BreathToneSpec(style: $0) }
        case .mapping(let mapping):
            var spec = BreathToneSpec.standard
            var ok = true
            for (keyNode, value) in mapping {
                guard let key = keyName(keyNode) else { continue }
                switch key {
                case "style":
                    if let name = text(value, for: "style"), let style: ToneStyle = known(name, at: value.location, kind: "tone style", in: ToneStyle.names) {
                        spec.style = style
                    } else { ok = false }
                case "pitch":
                    let range = BreathToneSpec.pitchRange
                    if let hertz = number(value, for: "pitch", in: range, unit: " Hz") { spec.pitch = hertz } else { ok = false }
                case "level":
                    if let level = number(value, for: "level", in: BreathToneSpec.levelRange, unit: " dB") { spec.level = level } else { ok = false }
                default:
                    unknownKey(key, at: keyNode.location, expected: Self.toneKeys, context: "in 'tone'")
                    ok = false
                }
            }
            return ok ? spec : nil
        default:
            error(node.location, "'tone' expects true, false, a style (\(ToneStyle.names.joined(separator: ", "))) or {style: NAME, pitch: HZ, level: DB}; found \(node.kindDescription)")
            return nil
        }
    }

    mutating func breathPattern(_ node: Node, for key: String) -> BreathPattern? {
        let pattern: BreathPattern
        switch node {
        case .scalar:
            guard let raw = node.scalarText, !node.isNull else {
                error(node.location, "'\(key)' needs a pattern")
                return nil
            }
            guard let parsed = BreathPattern.parse(raw) else {
                let near = Suggestions.didYouMean(raw, in: BreathPattern.presetNames)
                error(node.location, "malformed pattern '\(raw)' for '\(key)'\(near): expected IN-HOLD-OUT-REST in seconds (e.g. 4-7-8-0), a preset (\(BreathPattern.presetNames.joined(separator: ", "))) or a mapping {inhale: 4, hold: 7, exhale: 8, rest: 0}")
                return nil
            }
            pattern = parsed
        case .mapping(let mapping):
            var phases: [String: Double] = [:]
            for (keyNode, value) in mapping {
                guard let phase = keyName(keyNode) else { continue }
                guard Self.phaseKeys.contains(phase) else {
                    unknownKey(phase, at: keyNode.location, expected: Self.phaseKeys, context: "in '\(key)'")
                    continue
                }
                if let seconds = duration(value, for: phase, allowZero: true) { phases[phase] = seconds }
            }
            pattern = BreathPattern(
                inhale: phases["inhale"] ?? 0, topUp: phases["top-up"] ?? 0, hold: phases["hold"] ?? 0,
                exhale: phases["exhale"] ?? 0, rest: phases["rest"] ?? 0)
        default:
            error(node.location, "'\(key)' expects a pattern such as 4-7-8-0 or {inhale: 4, exhale: 6}; found \(node.kindDescription)")
            return nil
        }
        if let problem = pattern.problem {
            error(node.location, "pattern '\(pattern.notation)' for '\(key)' \(problem)")
            return nil
        }
        return pattern
    }

    mutating func parsePrompts(_ node: Node) -> [BreathPhase: Step.Prompt] {
        guard case .mapping(let mapping) = node else {
            error(node.location, "'prompts' expects a mapping of phase to text, e.g. {inhale: Breathe in, exhale: And out}; found \(node.kindDescription)")
            return [:]
        }
        var prompts: [BreathPhase: Step.Prompt] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyName(keyNode) else { continue }
            guard let phase = BreathPhase(rawValue: key) else {
                unknownKey(key, at: keyNode.location, expected: Self.phaseKeys, context: "in 'prompts'")
                continue
            }
            if let t = text(value, for: key), !t.isEmpty {
                checkSpeechText(t, at: value.location, for: "\(key) prompt")
                prompts[phase] = Step.Prompt(t, at: value.location)
            }
        }
        return prompts
    }

    // MARK: Values

    /// The key's text; reports a non-text key.
    mutating func keyName(_ node: Node) -> String? {
        guard let key = node.scalarText else {
            error(node.location, "a key must be a plain name; found \(node.kindDescription)")
            return nil
        }
        return key
    }

    mutating func unknownKey(_ key: String, at: SourceLocation, expected: [String], context: String) {
        let near = Suggestions.didYouMean(key, in: expected)
        error(at, "unknown key '\(key)' \(context)\(near) (expected \(expected.map { "'\($0)'" }.joined(separator: ", ")))")
    }

    mutating func text(_ node: Node, for key: String) -> String? {
        guard let value = node.scalarText else {
            var hint = ""
            if case .mapping = node, ["say", "pause", "chime"].contains(key) {
                hint = "; a step's options go beside it, not inside: '- {\(key): ..., option: value}' or on the following lines at the same indentation"
            }
            error(node.location, "'\(key)' expects text; found \(node.kindDescription)\(hint)")
            return nil
        }
        if node.isNull {
            error(node.location, "'\(key)' has no value")
            return nil
        }
        if let control = ControlCharacters.first(in: value) {
            error(node.location, "'\(key)' holds the control character \(ControlCharacters.name(control)); text may hold letters, punctuation, spaces and line breaks, not terminal or escape codes")
            return nil
        }
        return value.trimmingCharacters(in: " ")
    }

    /// A `voice:` value: a profile's name, or a voice written out as a mapping of profile keys
    /// (named `inlineName` unless it says `name:`), its problems located in this file.
    mutating func voiceChoice(_ node: Node, inlineName: String) -> (name: String, inline: VoiceProfile?)? {
        switch node {
        case .mapping:
            let (profile, problems) = VoiceLibrary.parse(node: node, file: file, defaultName: inlineName)
            diagnostics += problems
            return profile.map { ($0.name, $0) }
        case .sequence:
            error(node.location, "'voice' expects a voice profile's name or a mapping of profile keys such as {espeak: de+f3, rate: 125}; found \(node.kindDescription)")
            return nil
        default:
            return voiceName(node).map { ($0, nil) }
        }
    }

    mutating func voiceName(_ node: Node) -> String? {
        guard let name = text(node, for: "voice") else { return nil }
        guard checkName(name, at: node.location, kind: "voice profile", in: voiceNames) else { return nil }
        return name
    }

    /// Reports a name not in `known`, with the nearest known names.
    /// The sound `name` names, or nil after an error listing the sounds there are.
    mutating func known<Sound: RawRepresentable<String>>(_ name: String, at: SourceLocation, kind: String, in names: [String]) -> Sound? {
        guard checkName(name, at: at, kind: kind, in: names) else { return nil }
        return Sound(rawValue: name)
    }

    mutating func checkName(_ name: String, at: SourceLocation, kind: String, in known: [String]) -> Bool {
        if known.contains(name) { return true }
        let near = Suggestions.didYouMean(name, in: known)
        let list = known.isEmpty ? "none are installed" : "expected one of \(known.joined(separator: ", "))"
        error(at, "unknown \(kind) '\(name)'\(near) (\(list))")
        return false
    }

    mutating func duration(_ node: Node, for key: String, allowZero: Bool) -> Double? {
        guard let raw = node.scalarText, !node.isNull else {
            error(node.location, "'\(key)' expects \(Self.durationExample); found \(node.kindDescription)")
            return nil
        }
        let seconds: Double
        do {
            seconds = try DurationParser.parse(raw)
        } catch {
            self.error(node.location, "malformed duration '\(raw)' for '\(key)': expected \(Self.durationExample)")
            return nil
        }
        if seconds < 0 || (!allowZero && seconds == 0) {
            error(node.location, "'\(key)' must be \(allowZero ? "zero or more" : "longer than zero"); found '\(raw)'")
            return nil
        }
        if seconds > ScriptParser.maximumDuration {
            error(node.location, "'\(key)' of '\(raw)' is longer than 24 hours")
            return nil
        }
        return seconds
    }

    mutating func number(_ node: Node, for key: String, in range: ClosedRange<Double>, unit: String = "") -> Double? {
        guard let raw = node.scalarText, let value = Double(raw.trimmingCharacters(in: " ")), value.isFinite else {
            error(node.location, "'\(key)' expects a number\(unit); found \(node.kindDescription)")
            return nil
        }
        guard range.contains(value) else {
            outOfRange(node, key, Self.trim(range.lowerBound), Self.trim(range.upperBound), unit, found: raw)
            return nil
        }
        return value
    }

    /// "'KEY' must be between LOW and HIGH[UNIT]; found RAW" at `node`.
    mutating func outOfRange(_ node: Node, _ key: String, _ low: String, _ high: String, _ unit: String, found raw: String) {
        error(node.location, "'\(key)' must be between \(low) and \(high)\(unit); found \(raw)")
    }

    mutating func integer(_ node: Node, for key: String, in range: ClosedRange<Int>, unit: String = "") -> Int? {
        guard let raw = node.scalarText?.trimmingCharacters(in: " "), !node.isNull else {
            error(node.location, "'\(key)' expects a whole number; found \(node.kindDescription)")
            return nil
        }
        guard let value = Int(raw) else {
            // Huge whole numbers get the range; `4.0` (in range, but not an integer) does not.
            if let big = Double(raw), big.isFinite, big == big.rounded(), !range.contains(Int(exactly: big) ?? Int.max) {
                outOfRange(node, key, "\(range.lowerBound)", "\(range.upperBound)", unit, found: raw)
            } else {
                error(node.location, "'\(key)' expects a whole number; found '\(raw)'")
            }
            return nil
        }
        guard range.contains(value) else {
            outOfRange(node, key, "\(range.lowerBound)", "\(range.upperBound)", unit, found: raw)
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node, for key: String) -> Bool? {
        switch node.scalarText?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            error(node.location, "'\(key)' expects true or false; found \(node.kindDescription)")
            return nil
        }
    }

    mutating func checkSpeechText(_ text: String, at: SourceLocation, for key: String) {
        for bad in SpeechText.malformedPauseMarks(in: text) {
            error(at, "malformed pause '[\(bad)]' in \(key) text: a pause inside speech is a duration in brackets, e.g. [2s]")
        }
        for case .pause(let seconds) in SpeechText.segments(of: text) where seconds > ScriptParser.maximumDuration {
            error(at, "a pause of \(Self.seconds(seconds)) in \(key) text is longer than 24 hours")
        }
        if SpeechText.spokenText(of: text).isEmpty {
            error(at, "the \(key) text has nothing to speak")
        }
    }

    // MARK: Byte-level checks

    func location(ofByte offset: Int, in bytes: [UInt8]) -> SourceLocation {
        var line = 1, column = 1
        for byte in bytes[..<offset] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(line: line, column: column)
    }

    func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var offset = 0
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var consumed = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                consumed += UTF8.width(scalar)
                offset = consumed
            case .emptyInput:
                return max(0, min(offset, bytes.count - 1))
            case .error:
                return min(offset, bytes.count - 1)
            }
        }
    }

    /// The place where flow nesting (`[` / `{`) first passes the limit, outside quotes and comments.
    func deepNesting(in text: String) -> SourceLocation? {
        var depth = 0, line = 1, column = 0
        var quote: Character?
        var comment = false
        for ch in text {
            column += 1
            if ch == "\n" {
                line += 1
                column = 0
                comment = false
                continue
            }
            if comment { continue }
            if let q = quote {
                if ch == q { quote = nil }
                continue
            }
            switch ch {
            case "#": comment = true
            case "\"", "'": if depth > 0 { quote = ch }
            case "[", "{":
                depth += 1
                if depth > ScriptParser.maximumNesting { return SourceLocation(line: line, column: column) }
            case "]", "}": depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    static func seconds(_ value: Double) -> String { "\(trim(value)) s" }

    static func trim(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String((value * 1000).rounded() / 1000)
    }
}
