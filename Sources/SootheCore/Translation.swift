import Yams

/// A session's text in another language, read from a file beside the script
/// (`translations/LANG/ID.yaml`): the title, summary and `when`, and one entry per
/// ``TranslatableLine`` of the original. Steps, breath patterns, chimes and timings are the
/// original's; an entry may only lengthen or shorten the silence after a `say` (`after:`).
///
/// Or, instead of text, a pointer to another session (`version: respiracion-abdominal`) that
/// already is this session in that language.
public struct Translation: Sendable, Hashable {
    /// The file it came from (diagnostics are located in it).
    public var file: String
    /// The language tag (`de`, `pt-BR`).
    public var language: String
    public var languageLocation: SourceLocation
    public var title: String?
    public var summary: String?
    public var when: String?
    /// The session that is this one in `language`, when the translation is only that pointer.
    public var version: String?
    public var entries: [Entry]
    /// Where the `lines` list stands (missing lines at its end are reported there).
    public var linesLocation: SourceLocation

    /// One translated line.
    public struct Entry: Sendable, Hashable {
        public var kind: TranslatableLine.Kind
        public var text: String
        /// The checksum of the original line it translates (``TranslatableLine/checksum``).
        public var from: String?
        /// For a `say`: the silence after it, replacing the original's.
        public var after: Double?
        /// Where the entry's text stands.
        public var location: SourceLocation

        public init(kind: TranslatableLine.Kind, text: String, from: String?, after: Double? = nil, location: SourceLocation) {
            self.kind = kind
            self.text = text
            self.from = from
            self.after = after
            self.location = location
        }
    }

    public init(
        file: String, language: String, languageLocation: SourceLocation = .start, title: String? = nil, summary: String? = nil,
        when: String? = nil, version: String? = nil, entries: [Entry] = [], linesLocation: SourceLocation = .start
    ) {
        self.file = file
        self.language = language
        self.languageLocation = languageLocation
        self.title = title
        self.summary = summary
        self.when = when
        self.version = version
        self.entries = entries
        self.linesLocation = linesLocation
    }

    static let topKeys = ["language", "title", "summary", "when", "version", "lines"]
    static let entryOptions = ["from", "after"]

    /// Parses a translation file's bytes, reporting every problem at once (located in `file`).
    /// `language` is the tag its folder gives (`translations/de/`): a `language:` key must agree.
    public static func parse(bytes: [UInt8], file: String, language: String) -> (translation: Translation?, diagnostics: [Diagnostic]) {
        var problems: [Diagnostic] = []
        func error(_ at: SourceLocation, _ message: String) {
            problems.append(Diagnostic(.error, file: file, line: at.line, column: at.column, message))
        }
        guard bytes.count <= ScriptParser.maximumFileSize else {
            error(.start, "the input is larger than \(ScriptParser.maximumFileSize) bytes (1 MiB), the most a translation may be")
            return (nil, problems)
        }
        guard !bytes.contains(0), var text = String(validating: bytes, as: UTF8.self) else {
            error(.start, "the file is not UTF-8 text; save it as UTF-8")
            return (nil, problems)
        }
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        if let alias = YAMLAliasScanner.firstAlias(in: text) {
            error(alias, "YAML aliases ('*NAME') are not supported in translations: write the text out")
            return (nil, problems)
        }
        var depth = 0
        for ch in text {
            if ch == "[" || ch == "{" { depth += 1 } else if ch == "]" || ch == "}" { depth = max(0, depth - 1) }
            if depth > ScriptParser.maximumNesting {
                error(.start, "nesting is deeper than \(ScriptParser.maximumNesting) levels")
                return (nil, problems)
            }
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                error(.start, "the file holds no YAML document; expected a translation with 'title' and 'lines'")
                return (nil, problems)
            }
            root = node
        } catch let yamlError as YamlError {
            let (location, message) = YAMLErrorText.describe(yamlError, in: text)
            error(location, message)
            return (nil, problems)
        } catch {
            problems.append(Diagnostic(.error, file: file, line: 1, column: 1, "YAML syntax error: \(error)"))
            return (nil, problems)
        }
        guard case .mapping(let mapping) = root else {
            error(root.location, "a translation is a mapping with 'title' and 'lines'; found \(root.kindDescription)")
            return (nil, problems)
        }
        var translation = Translation(file: file, language: language, linesLocation: root.location)
        func readText(_ node: Node, _ key: String) -> String? {
            guard let value = node.scalarText, !node.isNull else {
                error(node.location, "'\(key)' expects text; found \(node.kindDescription)")
                return nil
            }
            if let control = ControlCharacters.first(in: value) {
                error(node.location, "'\(key)' holds the control character \(ControlCharacters.name(control)); text may hold letters, punctuation, spaces and line breaks")
                return nil
            }
            return value.trimmingCharacters(in: " ")
        }
        var sawLines = false
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalarText else {
                error(keyNode.location, "a key must be a plain name; found \(keyNode.kindDescription)")
                continue
            }
            switch key {
            case "language":
                translation.languageLocation = value.location
                if let given = readText(value, key) {
                    if LanguageVoices.normalized(given) != LanguageVoices.normalized(language) {
                        error(value.location, "'language: \(given)' disagrees with the folder the translation is in ('\(language)')")
                    }
                }
            case "title": translation.title = readText(value, key)
            case "summary": translation.summary = readText(value, key)
            case "when": translation.when = readText(value, key)
            case "version":
                if let id = readText(value, key) {
                    if ScriptParser.isValidID(id) { translation.version = id } else { error(value.location, "'version' names a session id (lower-case letters, digits and '-'); found '\(id)'") }
                }
            case "lines":
                sawLines = true
                translation.linesLocation = keyNode.location
                guard case .sequence(let items) = value else {
                    if !value.isNull { error(value.location, "'lines' expects a list of entries such as '- say: TEXT' with 'from: CHECKSUM'; found \(value.kindDescription)") }
                    continue
                }
                for item in items {
                    if let entry = parseEntry(item, error: error, text: readText) { translation.entries.append(entry) }
                }
            default:
                let near = Suggestions.didYouMean(key, in: topKeys)
                error(keyNode.location, "unknown key '\(key)' in a translation\(near) (expected \(topKeys.map { "'\($0)'" }.joined(separator: ", ")))")
            }
        }
        if translation.version == nil {
            if translation.title == nil, !mapping.keys.contains(where: { $0.scalarText == "title" }) {
                error(root.location, "missing 'title': a translation gives the session's title in its language")
            }
            if !sawLines { error(root.location, "missing 'lines': a translation gives each spoken line of the original ('soothe translate SESSION --lang LANG' writes a template)") }
        } else if sawLines || translation.title != nil {
            error(root.location, "a translation with 'version' points to another session and gives no 'title' or 'lines' of its own")
        }
        return (problems.hasErrors ? nil : translation, problems)
    }

    static func parseEntry(
        _ node: Node, error: (SourceLocation, String) -> Void, text: (Node, String) -> String?
    ) -> Entry? {
        guard case .mapping(let mapping) = node else {
            error(node.location, "an entry is a mapping such as '- say: TEXT' with 'from: CHECKSUM'; found \(node.kindDescription)")
            return nil
        }
        var kind: TranslatableLine.Kind?
        var value: String?
        var location = node.location
        var from: String?
        var after: Double?
        var ok = true
        for (keyNode, option) in mapping {
            guard let key = keyNode.scalarText else { continue }
            if let given = TranslatableLine.Kind(key: key) {
                if kind != nil {
                    error(keyNode.location, "an entry translates one line; found both '\(kind!.key)' and '\(key)'")
                    ok = false
                    continue
                }
                kind = given
                location = option.location
                value = text(option, key)
                if let v = value {
                    for bad in SpeechText.malformedPauseMarks(in: v) {
                        error(option.location, "malformed pause '[\(bad)]' in \(key) text: a pause inside speech is a duration in brackets, e.g. [2s]")
                        ok = false
                    }
                    if SpeechText.spokenText(of: v).isEmpty {
                        error(option.location, "the \(key) text has nothing to speak")
                        ok = false
                    }
                }
            } else if key == "from" {
                from = text(option, key)
            } else if key == "after" {
                guard let raw = option.scalarText, let seconds = try? DurationParser.parse(raw), seconds >= 0, seconds <= ScriptParser.maximumDuration else {
                    error(option.location, "'after' expects a duration such as 2s or 1.5s; found \(option.kindDescription)")
                    ok = false
                    continue
                }
                after = seconds
            } else {
                let near = Suggestions.didYouMean(key, in: TranslatableLine.Kind.keys + entryOptions)
                error(keyNode.location, "unknown key '\(key)' in a translation entry\(near) (expected one of \(TranslatableLine.Kind.keys.joined(separator: ", ")), with 'from' and, for 'say', 'after')")
                ok = false
            }
        }
        guard let kind else {
            error(node.location, "an entry needs the translated text under one of \(TranslatableLine.Kind.keys.joined(separator: ", "))")
            return nil
        }
        if after != nil, kind != .say {
            error(location, "'after' applies to a 'say' entry only (a prompt's timing is its breath phase)")
            ok = false
        }
        guard ok, let value else { return nil }
        return Entry(kind: kind, text: value, from: from, after: after, location: location)
    }
}
