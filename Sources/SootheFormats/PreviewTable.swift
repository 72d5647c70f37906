import SootheCore

/// The readable timeline `soothe preview` prints by default: one row per cue, then totals.
public enum PreviewTable {
    /// The whole table as text.
    public static func render(_ timeline: Timeline) -> String {
        var lines: [String] = []
        lines.append("\(timeline.title)  (\(timeline.id))")
        if let summary = timeline.summary { lines.append(summary) }
        var setting = "voice \(timeline.voice.name) (\(timeline.voice.espeak), \(timeline.voice.rate) wpm)"
        if let ambience = timeline.ambience { setting += " · ambience \(ambience.name)" }
        lines.append(setting)
        lines.append("")
        lines.append("  " + pad("TIME", 9) + pad("LENGTH", 9, right: true) + "  " + pad("KIND", 8) + pad("WHAT", 52) + "LINE")
        for cue in timeline.cues {
            let row = "  " + pad(clock(cue.start), 9) + pad(String(format1(cue.duration)) + "s", 9, right: true) + "  "
                + pad(cue.kind.rawValue, 8) + pad(describe(cue), 52) + String(cue.line)
            lines.append(row)
        }
        lines.append("")
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
            let pace = span.breathsPerMinute.map { String(format1($0)) } ?? "-"
            lines.append("Breathing at line \(span.line): \(span.label), \(DurationParser.clock(span.end - span.start)) at \(pace) breaths/min")
        }
        return lines
    }

    static func describe(_ cue: Cue) -> String {
        switch cue.event {
        case .speech(let speech):
            let quoted = "\"\(speech.words)\""
            return quoted.count > 50 ? String(quoted.prefix(46)) + "...\"" : quoted
        case .chime(let chime):
            var what = chime.sound.name
            if chime.strikes > 1 { what += " × \(chime.strikes)" }
            if chime.level != 0 { what += " (\(format1(chime.level)) dB)" }
            return what
        case .breath(let breath):
            return "\(breath.phase.rawValue) · cycle \(breath.cycle)" + toneNote(breath.tone)
        case .pause:
            return cue.written.map { "silence (\(format1($0))s → \(format1(cue.duration))s, stretched)" } ?? "silence"
        }
    }

    /// `m:ss.t`.
    /// What a breath cue's tone is, when it is not the standard one: ` (no tone)`, ` (chime tone)`.
    static func toneNote(_ tone: BreathToneSpec) -> String {
        if !tone.sounds { return " (no tone)" }
        return tone.style == .standard ? "" : " (\(tone.style.rawValue) tone)"
    }

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
        guard count < width else { return text + " " }
        let fill = String(repeating: " ", count: width - count)
        return right ? fill + text : text + fill
    }
}
