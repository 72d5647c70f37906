import SootheCore

/// The readable timeline `soothe preview` prints by default: one row per cue, a row for each
/// silence nothing else covers, a subtotal after each section (a `breathe` step, or a run of
/// other steps between them), then the totals.
public enum PreviewTable {
    /// The width when the terminal's is unknown (standard output is a file or a pipe and
    /// `COLUMNS` is unset): docs and tests show the table at this width.
    public static let defaultWidth = 86

    /// The narrowest the WHAT column gets, whatever the width asked.
    static let minimumWhatWidth = 16

    /// Silences shorter than this are not rows of their own (speech timing is milliseconds).
    static let shortestGap = 0.05

    /// The whole table as text, `width` columns wide (nil: as wide as its longest row, nothing
    /// wrapped). Text longer than the WHAT column wraps onto the following lines.
    public static func render(_ timeline: Timeline, width: Int? = defaultWidth) -> String {
        var lines: [String] = []
        lines.append("\(timeline.title)  (\(timeline.id))")
        if let summary = timeline.summary { lines.append(summary) }
        var setting = "voice \(timeline.voice.name) (\(timeline.voice.espeak), \(timeline.voice.rate) wpm)"
        if let ambience = timeline.ambience { setting += " · ambience \(ambience.name)" }
        lines.append(setting)
        lines.append("")
        let rows = self.rows(timeline)
        let whatWidth = width.map { max(minimumWhatWidth, $0 - fixedWidth) }
            ?? max(rows.map { $0.what.count }.max() ?? 0, 4) + 1
        lines.append(format(Row(time: "TIME", length: "LENGTH", kind: "KIND", what: "WHAT", line: "LINE"), whatWidth: whatWidth))
        for row in rows {
            if row.isBreak {
                lines.append("")
            } else {
                lines.append(format(row, whatWidth: whatWidth))
            }
        }
        lines += totals(timeline)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The totals under the table: length, speech share, and each breathing section's pace.
    public static func totals(_ timeline: Timeline) -> [String] {
        let speech = timeline.speechSeconds
        let share = timeline.duration > 0 ? Int((speech / timeline.duration * 100).rounded()) : 0
        var lines = [
            "Length \(DurationParser.clock(timeline.duration)) · \(timeline.cues.count) cues · speech \(DurationParser.clock(speech)) (\(share) % of the session)"
        ]
        if let fit = timeline.fit {
            lines.append("Fitted to length \(DurationParser.clock(fit.target)): \(fit.pauses) \(fit.pauses == 1 ? "pause" : "pauses") stretched × \(String((fit.factor * 100).rounded() / 100))")
        }
        for span in timeline.steps where span.kind == .breathe {
            lines.append("Breathing at line \(span.line): \(span.label), \(DurationParser.clock(span.end - span.start)) at \(pace(span)) breaths/min")
        }
        return lines
    }

    // MARK: - Rows

    /// One line of the table before it is laid out (or a blank line between sections).
    struct Row {
        var time: String
        var length: String
        var kind: String
        var what: String
        var line: String
        var isBreak = false

        static let blank = Row(time: "", length: "", kind: "", what: "", line: "", isBreak: true)
    }

    /// A `breathe` step alone, or a run of other steps: the spans it covers.
    struct Section {
        var spans: [StepSpan]
        var start: Double { spans.first?.start ?? 0 }
        var end: Double { spans.last?.end ?? 0 }
    }

    /// The steps grouped into sections, in order.
    static func sections(_ timeline: Timeline) -> [Section] {
        var sections: [Section] = []
        for span in timeline.steps {
            if span.kind != .breathe, let last = sections.last, last.spans.last?.kind != .breathe {
                sections[sections.count - 1].spans.append(span)
            } else {
                sections.append(Section(spans: [span]))
            }
        }
        return sections
    }

    /// Every row: each section's cues with the silences between them, then its subtotal.
    static func rows(_ timeline: Timeline) -> [Row] {
        let sections = self.sections(timeline)
        var sectionOfStep: [Int: Int] = [:]
        for (index, section) in sections.enumerated() {
            for span in section.spans { sectionOfStep[span.index] = index }
        }
        let kindOfStep = Dictionary(timeline.steps.map { ($0.index, $0.kind) }, uniquingKeysWith: { first, _ in first })
        var cuesOfSection = Array(repeating: [Cue](), count: sections.count)
        var unplaced: [Cue] = []
        for cue in timeline.cues {
            if let section = sectionOfStep[cue.step] { cuesOfSection[section].append(cue) } else { unplaced.append(cue) }
        }

        let spanOfStep = Dictionary(timeline.steps.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [Row] = []
        // Until when a cue holds the session: a chime until its step's wait ends (its tail rings
        // on under what follows, which a writer still places in silence).
        var covered = 0.0
        var lastCue: Cue?
        // The last chime, and until when it rings.
        var ringing: (name: String, until: Double)?
        func gap(to time: Double) {
            guard time - covered >= shortestGap else { return }
            var row = Row(time: clock(covered), length: length(time - covered), kind: "gap", what: "· silence", line: "")
            if let lastCue, lastCue.speech?.cycle == nil, lastCue.kind == .speech, kindOfStep[lastCue.step] == .say,
               abs(lastCue.end - covered) < 1e-9 {
                row.kind = "after"
                row.line = String(lastCue.line)
            }
            if let ringing, ringing.until > covered + shortestGap { row.what += " (\(ringing.name) rings on)" }
            rows.append(row)
            covered = time
        }
        for (index, section) in sections.enumerated() {
            for cue in cuesOfSection[index] {
                gap(to: cue.start)
                var row = Row(time: clock(cue.start), length: length(cue.duration), kind: cue.kind.rawValue, what: describe(cue), line: String(cue.line))
                if cue.kind == .pause, let ringing, ringing.until > cue.start + shortestGap { row.what += " (\(ringing.name) rings on)" }
                rows.append(row)
                var end = cue.end
                if let chime = cue.chime {
                    ringing = (chime.sound.name, cue.end)
                    if let span = spanOfStep[cue.step] { end = min(end, max(span.end, cue.start)) }
                }
                if end >= covered {
                    covered = end
                    lastCue = cue
                }
            }
            gap(to: section.end)
            rows.append(subtotal(section))
            rows.append(.blank)
        }
        for cue in unplaced {
            rows.append(Row(time: clock(cue.start), length: length(cue.duration), kind: cue.kind.rawValue, what: describe(cue), line: String(cue.line)))
        }
        return rows
    }

    /// A section's subtotal: its length, when it runs, and what it is.
    static func subtotal(_ section: Section) -> Row {
        let first = section.spans.first, last = section.spans.last
        var what = "── \(clock(section.start))–\(clock(section.end)) "
        if let first, first.kind == .breathe {
            what += first.label + " · \(pace(first))/min"
        } else {
            let lines = first?.line == last?.line ? "line \(first?.line ?? 0)" : "lines \(first?.line ?? 0)–\(last?.line ?? 0)"
            let count = section.spans.count
            what += "\(count) \(count == 1 ? "step" : "steps"), \(lines)"
        }
        return Row(time: "", length: length(section.end - section.start), kind: "section", what: what, line: first.map { String($0.line) } ?? "")
    }

    static func pace(_ span: StepSpan) -> String {
        span.breathsPerMinute.map { String(format1($0)) } ?? "-"
    }

    /// What a cue is, in the WHAT column.
    static func describe(_ cue: Cue) -> String {
        switch cue.event {
        case .speech(let speech):
            return "\"\(speech.words)\""
        case .chime(let chime):
            var what = chime.sound.name
            if chime.strikes > 1 { what += " × \(chime.strikes)" }
            if chime.level != 0 { what += " (\(format1(chime.level)) dB)" }
            return what
        case .breath(let breath):
            return "\(breath.phase.rawValue) · cycle \(breath.cycle)" + toneNote(breath.tone)
        case .pause:
            return cue.written.map { "· silence (\(format1($0))s → \(format1(cue.duration))s, stretched)" } ?? "· silence"
        }
    }

    // MARK: - Layout

    /// Columns before WHAT (indent, TIME, LENGTH, KIND) and after it (LINE).
    static let fixedWidth = 2 + 9 + 7 + 2 + 8 + 4

    /// A row as one or more lines: WHAT wrapped at `whatWidth`, the other columns on the first.
    static func format(_ row: Row, whatWidth: Int) -> String {
        let chunks = wrap(row.what, width: whatWidth - 1)
        var first = "  " + pad(row.time, 9) + pad(row.length, 7, right: true) + "  " + pad(row.kind, 8)
        first += pad(chunks.first ?? "", whatWidth) + pad(row.line, 4, right: true)
        var lines = [trimmed(first)]
        let indent = String(repeating: " ", count: 2 + 9 + 7 + 2 + 8)
        for chunk in chunks.dropFirst() { lines.append(trimmed(indent + chunk)) }
        return lines.joined(separator: "\n")
    }

    /// `text` in lines of at most `width` characters, broken at spaces (a longer word is split).
    static func wrap(_ text: String, width: Int) -> [String] {
        guard text.count > width, width > 0 else { return [text] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
            while current.count > width {
                lines.append(String(current.prefix(width)))
                current = String(current.dropFirst(width))
            }
        }
        lines.append(current)
        return lines
    }

    static func trimmed(_ line: String) -> String {
        var line = Substring(line)
        while line.last == " " { line = line.dropLast() }
        return String(line)
    }

    /// What a breath cue's tone is, when it is not the standard one: ` (no tone)`, ` (chime tone)`.
    static func toneNote(_ tone: BreathToneSpec) -> String {
        if !tone.sounds { return " (no tone)" }
        return tone.style == .standard ? "" : " (\(tone.style.rawValue) tone)"
    }

    /// A length: `4.0s` under a minute, `1:16.0` from a minute.
    static func length(_ seconds: Double) -> String {
        format1(seconds) < 60 ? "\(format1(seconds))s" : clock(seconds)
    }

    /// `m:ss.t`.
    static func clock(_ seconds: Double) -> String {
        let tenths = Int((seconds * 10).rounded())
        let minutes = tenths / 600
        let rest = tenths % 600
        let secs = rest / 10
        return "\(minutes):\(secs < 10 ? "0" : "")\(secs).\(rest % 10)"
    }

    static func format1(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let count = text.count
        guard count < width else { return text + (right ? "" : " ") }
        let fill = String(repeating: " ", count: width - count)
        return right ? fill + text : text + fill
    }
}
