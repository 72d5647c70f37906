import SootheCore

/// Writes a timeline in the formats `preview` offers: JSON cue sheet, WebVTT and SRT captions.
public enum CueSheet {
    /// The cue sheet as JSON, in the shape of cli.md:
    /// `{"id", "title", "duration", "cues": [{"start", "end", "kind", text|name|phase+cycle, "line"}]}`.
    public static func json(_ timeline: Timeline) -> String {
        var out = "{\n"
        out += "  \"id\": \(JSON.string(timeline.id)),\n"
        out += "  \"title\": \(JSON.string(timeline.title)),\n"
        out += "  \"duration\": \(JSON.number(Timeline.milliseconds(timeline.duration))),\n"
        out += "  \"cues\": ["
        for (index, cue) in timeline.cues.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            var fields = [
                "\"start\": \(JSON.number(Timeline.milliseconds(cue.start)))",
                "\"end\": \(JSON.number(Timeline.milliseconds(cue.end)))",
                "\"kind\": \(JSON.string(cue.kind.rawValue))",
            ]
            switch cue.event {
            case .speech(let speech): fields.append("\"text\": \(JSON.string(speech.words))")
            case .chime(let chime): fields.append("\"name\": \(JSON.string(chime.sound.name))")
            case .breath(let breath):
                fields.append("\"phase\": \(JSON.string(breath.phase.rawValue))")
                fields.append("\"cycle\": \(breath.cycle)")
            case .pause:
                // A pause stretched to meet the script's `length:`: the seconds it was written with.
                if let written = cue.written { fields.append("\"written\": \(JSON.number(Timeline.milliseconds(written)))") }
            }
            fields.append("\"line\": \(cue.line)")
            out += "    {" + fields.joined(separator: ", ") + "}"
        }
        out += timeline.cues.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }

    /// WebVTT captions of the speech cues, with times from the cue sheet; the header names the
    /// language the session is spoken in (`Language: es-419`, from its voice).
    public static func webVTT(_ timeline: Timeline) -> String {
        var out = "WEBVTT\nLanguage: \(SpeechLanguage(espeak: timeline.voice.espeak).tag)\n"
        for (index, (cue, speech)) in spoken(timeline).enumerated() {
            out += "\n\(index + 1)\n\(timestamp(cue.start, separator: ".")) --> \(timestamp(cue.end, separator: "."))\n"
            out += escapeCaption(speech.words) + "\n"
        }
        return out
    }

    /// SubRip captions of the speech cues.
    public static func srt(_ timeline: Timeline) -> String {
        var blocks: [String] = []
        for (index, (cue, speech)) in spoken(timeline).enumerated() {
            blocks.append("\(index + 1)\n\(timestamp(cue.start, separator: ",")) --> \(timestamp(cue.end, separator: ","))\n\(speech.words)\n")
        }
        return blocks.joined(separator: "\n")
    }

    /// Speech cues in time order.
    public static func speechCues(_ timeline: Timeline) -> [Cue] {
        timeline.cues.filter { $0.kind == .speech }
    }

    /// Speech cues in time order, each with its speech.
    static func spoken(_ timeline: Timeline) -> [(cue: Cue, speech: Cue.Speech)] {
        timeline.cues.compactMap { cue in cue.speech.map { (cue, $0) } }
    }

    /// `HH:MM:SS.mmm` (or `,mmm` for SRT).
    public static func timestamp(_ seconds: Double, separator: Character) -> String {
        let totalMs = Int((max(0, seconds) * 1000).rounded())
        let (h, m, s, ms) = (totalMs / 3_600_000, (totalMs / 60_000) % 60, (totalMs / 1000) % 60, totalMs % 1000)
        func pad(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2))\(separator)\(pad(ms, 3))"
    }

    static func escapeCaption(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }
}
