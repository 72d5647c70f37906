/// Puts a ``Translation``'s text onto its original ``Script``: the structure stays the
/// original's, the words (and any `after:` a translation gives) become the translation's.
///
/// Entries are matched to the original's lines by their `from:` checksums (the longest run that
/// agrees, in order); what lies between two matches is paired in order. Reported, located in the
/// translation file: a line of the original with no entry (error), an entry with no line
/// (error), an entry of another kind than its line (error), `{item}` placeholders that differ
/// (error), and an entry whose original line has changed since it was translated (warning:
/// the entry is still used, and needs translating again).
public enum TranslationApplier {
    /// The original spoken in the translation's language, or nil when there were errors.
    /// `voice` is the profile that speaks it (replacing the original's and any step's).
    public static func apply(_ translation: Translation, to original: Script, voice: String) -> (script: Script?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let file = translation.file
        func report(_ severity: Severity, _ at: SourceLocation, _ message: String) {
            diagnostics.append(Diagnostic(severity, file: file, line: at.line, column: at.column, message))
        }
        let lines = TranslatableLine.lines(of: original)
        let entries = translation.entries
        var resolved: [Translation.Entry?] = Array(repeating: nil, count: lines.count)
        let n = lines.count, m = entries.count
        func missing(_ line: TranslatableLine, before entry: Int) {
            let place = entry < m ? entries[entry].location : translation.linesLocation
            report(.error, place, "missing the \(line.kind.key) at line \(line.location.line) of the original: '\(SpeechText.spokenText(of: line.text))' (from: \(line.checksum))")
        }
        func extra(_ entry: Translation.Entry) {
            report(.error, entry.location, "extra \(entry.kind.key) entry: the original has no further line here to translate\(entry.from.map { " (from: \($0) matches none)" } ?? "")")
        }
        // Anchors: the longest run of entries whose checksum and kind match their lines, in order.
        let anchors = commonRun(n, m) { matches(lines[$0], entries[$1]) } + [(n, m)]
        var (lineStart, entryStart) = (0, 0)
        for (lineEnd, entryEnd) in anchors {
            // Between anchors: entries of a line's kind translate it (changed since); what is
            // left is paired in order (another kind: an error), the rest missing or extra.
            let gapLines = Array(lineStart..<lineEnd), gapEntries = Array(entryStart..<entryEnd)
            let kinds = commonRun(gapLines.count, gapEntries.count) { lines[gapLines[$0]].kind == entries[gapEntries[$1]].kind }
            var (subLine, subEntry) = (0, 0)
            for (kindLine, kindEntry) in kinds + [(gapLines.count, gapEntries.count)] {
                let leftLines = gapLines[subLine..<kindLine], leftEntries = gapEntries[subEntry..<kindEntry]
                for (index, entryIndex) in zip(leftLines, leftEntries) {
                    let line = lines[index], entry = entries[entryIndex]
                    report(.error, entry.location, "expected the \(line.kind.key) at line \(line.location.line) of the original ('\(SpeechText.spokenText(of: line.text))'), found '\(entry.kind.key)'")
                }
                let next = kindEntry < gapEntries.count ? gapEntries[kindEntry] : entryEnd
                for index in leftLines.dropFirst(leftEntries.count) { missing(lines[index], before: next) }
                for entryIndex in leftEntries.dropFirst(leftLines.count) { extra(entries[entryIndex]) }
                if kindLine < gapLines.count {
                    let line = lines[gapLines[kindLine]], entry = entries[gapEntries[kindEntry]]
                    if let from = entry.from {
                        report(.warning, entry.location, "the original \(line.kind.key) at line \(line.location.line) has changed since this was translated (from: \(from), now \(line.checksum)): '\(SpeechText.spokenText(of: line.text))'; translate it again and update 'from'")
                    } else {
                        report(.warning, entry.location, "the entry has no 'from:' (the original \(line.kind.key) at line \(line.location.line) is from: \(line.checksum)), so a change to the original would go unnoticed")
                    }
                    resolved[gapLines[kindLine]] = entry
                }
                (subLine, subEntry) = (kindLine + 1, kindEntry + 1)
            }
            if lineEnd < n { resolved[lineEnd] = entries[entryEnd] }
            (lineStart, entryStart) = (lineEnd + 1, entryEnd + 1)
        }
        for (index, line) in lines.enumerated() {
            guard let entry = resolved[index] else { continue }
            let want = TranslatableLine.placeholders(in: line.text), got = TranslatableLine.placeholders(in: entry.text)
            if want != got {
                let list = { (p: [String]) in p.isEmpty ? "none" : p.joined(separator: ", ") }
                report(.error, entry.location, "the placeholders differ from the original's (line \(line.location.line)): the original has \(list(want)), the translation \(list(got))")
            }
        }
        if translation.title == nil {
            report(.error, translation.languageLocation, "missing 'title'")
        }
        if original.summary != nil, translation.summary == nil {
            report(.warning, translation.linesLocation, "the original has a 'summary' and the translation none: 'soothe list' would show the original's")
        }
        if original.when != nil, translation.when == nil {
            report(.warning, translation.linesLocation, "the original has a 'when' and the translation none: 'soothe list' would show the original's")
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics.sortedByLocation()) }
        var script = original
        script.file = file
        script.title = translation.title ?? original.title
        script.summary = translation.summary ?? original.summary
        script.when = translation.when ?? original.when
        script.voice = voice
        script.voiceLocation = translation.languageLocation
        script.inlineVoice = nil
        script.chapters = original.chapters.translated
        var next = 0
        script.steps = rewrite(original.steps, with: resolved.map { $0! }, next: &next)
        return (script, diagnostics.sortedByLocation())
    }

    /// The longest common subsequence of `0..<a` and `0..<b` under `same`, as index pairs in order.
    static func commonRun(_ a: Int, _ b: Int, same: (Int, Int) -> Bool) -> [(Int, Int)] {
        var table = Array(repeating: Array(repeating: 0, count: b + 1), count: a + 1)
        for i in stride(from: a - 1, through: 0, by: -1) {
            for j in stride(from: b - 1, through: 0, by: -1) {
                table[i][j] = same(i, j) ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var pairs: [(Int, Int)] = []
        var (i, j) = (0, 0)
        while i < a && j < b {
            if same(i, j) && table[i][j] == table[i + 1][j + 1] + 1 {
                pairs.append((i, j))
                (i, j) = (i + 1, j + 1)
            } else if table[i + 1][j] >= table[i][j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        return pairs
    }

    static func matches(_ line: TranslatableLine, _ entry: Translation.Entry) -> Bool {
        line.kind == entry.kind && entry.from == line.checksum
    }

    /// The steps with their text replaced, in the order ``TranslatableLine/lines(of:)`` gives.
    static func rewrite(_ steps: [Step], with entries: [Translation.Entry], next: inout Int) -> [Step] {
        steps.map { step in
            var step = step
            switch step.action {
            case .say(var say):
                let entry = entries[next]
                next += 1
                say.text = entry.text
                if let after = entry.after { say.after = after }
                say.voice = nil
                say.inlineVoice = nil
                say.voiceLocation = nil
                step.action = .say(say)
                step.location = entry.location
            case .breathe(var breathe):
                for phase in BreathPhase.allCases where breathe.prompts[phase] != nil {
                    let entry = entries[next]
                    next += 1
                    breathe.prompts[phase] = Step.Prompt(entry.text, at: entry.location)
                }
                step.action = .breathe(breathe)
            case .repeat(var repeated):
                repeated.items = repeated.items.map { item in
                    guard item != nil else { return nil }
                    defer { next += 1 }
                    return entries[next].text
                }
                repeated.steps = rewrite(repeated.steps, with: entries, next: &next)
                step.action = .repeat(repeated)
            case .pause, .chime:
                break
            }
            // A chapter's title is the original's words: the translated chapter is titled from its own.
            if step.chapter != nil { step.chapter = .auto }
            return step
        }
    }

    /// A translation template for `script` in `language`: every line to translate, with its
    /// checksum and the original text in place of the translation (comments say where it stood).
    /// `schema`, the translation schema's path or URL, goes into a first line for editors.
    public static func template(for script: Script, language: String, schema: String? = nil) -> String {
        var out = schema.map { SessionSchema.modeline($0) + "\n" } ?? ""
        out += "# \(language) translation of \(script.id) (soothe translate). Replace each text with its\n"
        out += "# translation; keep every 'from:' (the checksum of the original line it translates).\n"
        out += "language: \(language)\n"
        out += "title: \(JSON.string(script.title))\n"
        if let summary = script.summary { out += "summary: \(JSON.string(summary))\n" }
        if let when = script.when { out += "when: \(JSON.string(when))\n" }
        out += "lines:\n"
        for line in TranslatableLine.lines(of: script) {
            out += "  # line \(line.location.line)\n"
            out += "  - \(line.kind.key): \(JSON.string(line.text))\n"
            out += "    from: \(line.checksum)\n"
        }
        return out
    }
}
