import ArgumentParser
import Foundation
import SootheCore
import SootheRender

/// What became of one session of a batch (in one language, by one voice): a row of the summary,
/// an object of `--json`, and what a page or feed of the batch lists.
struct BatchOutcome: Sendable {
    /// What happened to it.
    enum Status: String, Sendable {
        /// Rendered by this run.
        case rendered
        /// Left as it was: its inputs are the same as when its file was written (`--incremental`).
        case unchanged
        /// Not rendered, and not a failure: no translation into the language.
        case skipped
        case failed
    }

    /// The session's id (or, when it could not be loaded, its name as given).
    var session: String
    var status: Status
    /// The session's title, when it was loaded.
    var title: String?
    /// The BCP 47 tag of the language it is spoken in (the `--lang` tag in a matrix).
    var language: String?
    /// The voice profile that speaks it.
    var voice: String?
    /// The audio file (rendered or unchanged).
    var file: String?
    /// Bytes on disk.
    var size: Int?
    /// Seconds of audio.
    var length: Double?
    /// Integrated loudness soothe normalised to, LUFS (a mono file's as dual mono).
    var loudness: Double?
    var channels: Int?
    /// True peak, dBTP.
    var peak: Double?
    /// Seconds the render took (nil when nothing was rendered).
    var time: Double?
    /// Why it was skipped.
    var note: String?
    /// Why it failed ("" when its diagnostics were printed instead), and the exit status it gives.
    var error: String?
    var exitStatus: Int32?

    /// A rendered session, from its report.
    init(report: RenderReport, title: String?, language: String?, voice: String?) {
        session = report.id
        status = .rendered
        self.title = title
        self.language = language
        self.voice = voice
        file = report.path
        size = report.fileSize
        length = report.duration
        loudness = report.loudness
        channels = report.channels
        peak = report.truePeak
        time = report.renderSeconds
    }

    init(session: String, status: Status, language: String? = nil, voice: String? = nil) {
        self.session = session
        self.status = status
        self.language = language
        self.voice = voice
    }

    /// Loudness as a standard BS.1770 meter reads the file (a mono channel counted once).
    var meterLoudness: Double? {
        loudness.map { channels == 1 ? $0 - 10 * log10(2.0) : $0 }
    }

    /// `-16.0 LUFS`, or for mono `-19.0 LUFS (-16.0 as dual mono)`, as a single render says it.
    var loudnessText: String {
        guard let loudness, let meter = meterLoudness else { return "-" }
        let text = String(format: "%.1f LUFS", meter)
        return channels == 1 ? text + String(format: " (%.1f as dual mono)", loudness) : text
    }
}

extension BatchOutcome {
    /// The summary table, a row per outcome in the batch's order, and a line of counts.
    static func table(_ outcomes: [BatchOutcome]) -> String {
        var rows = [["SESSION", "LANG", "VOICE", "LENGTH", "FILE", "SIZE", "LOUDNESS", "PEAK", "TIME"]]
        for o in outcomes {
            let head = [o.session, o.language ?? "-", o.voice ?? "-"]
            switch o.status {
            case .rendered, .unchanged:
                rows.append(head + [
                    o.length.map(DurationParser.clock) ?? "-", o.file ?? "-", o.size.map(RenderRunner.byteCount) ?? "-",
                    o.loudnessText, o.peak.map { String(format: "%.1f dBTP", $0) } ?? "-",
                    o.status == .unchanged ? "unchanged" : o.time.map { String(format: "%.2f s", $0) } ?? "-",
                ])
            case .skipped:
                rows.append(head + ["-", "skipped: \(o.note ?? "")", "-", "-", "-", "-"])
            case .failed:
                rows.append(head + ["-", "FAILED", "-", "-", "-", "-"])
            }
        }
        return TextTable.format(rows) + counts(outcomes) + "\n"
    }

    /// `3 rendered, skipped 15 unchanged, 0 failed` (skips for want of a translation named too).
    static func counts(_ outcomes: [BatchOutcome]) -> String {
        func count(_ status: Status) -> Int { outcomes.filter { $0.status == status }.count }
        var parts = ["\(count(.rendered)) rendered"]
        if count(.unchanged) > 0 { parts.append("skipped \(count(.unchanged)) unchanged") }
        if count(.skipped) > 0 { parts.append("\(count(.skipped)) skipped (no translation)") }
        parts.append("\(count(.failed)) failed")
        return parts.joined(separator: ", ")
    }

    /// The summary as one JSON document: a list with an object per outcome, one a line.
    static func json(_ outcomes: [BatchOutcome]) -> String {
        let items = outcomes.map { "  " + $0.jsonObject }
        return "[\n" + items.joined(separator: ",\n") + (items.isEmpty ? "]\n" : "\n]\n")
    }

    /// Figures rounded as the table shows them: lengths to the millisecond, levels to 0.1 dB.
    var jsonObject: String {
        var fields: [(String, String)] = [("session", JSON.string(session)), ("status", JSON.string(status.rawValue))]
        func add(_ key: String, _ value: String?) {
            fields.append((key, value ?? "null"))
        }
        add("title", title.map(JSON.string))
        add("language", language.map(JSON.string))
        add("voice", voice.map(JSON.string))
        switch status {
        case .rendered, .unchanged:
            add("file", file.map(JSON.string))
            add("size", size.map(String.init))
            add("length", length.map { JSON.number(Timeline.milliseconds($0)) })
            add("loudness", meterLoudness.map { JSON.number(($0 * 10).rounded() / 10) })
            add("channels", channels.map(String.init))
            add("peak", peak.map { JSON.number(($0 * 10).rounded() / 10) })
            add("time", time.map { JSON.number(($0 * 100).rounded() / 100) })
        case .skipped:
            add("note", note.map(JSON.string))
        case .failed:
            add("error", JSON.string(error ?? ""))
            add("exit", exitStatus.map(String.init))
        }
        return "{" + fields.map { "\(JSON.string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// Prints a batch's summary (the table, `json` as JSON, neither when `quiet` unless JSON was
    /// asked for) and exits with the first failure's status after saying how many failed.
    static func finish(_ outcomes: [BatchOutcome], json: Bool, quiet: Bool) throws {
        if json {
            Console.out(Self.json(outcomes))
        } else if !quiet {
            Console.out(table(outcomes))
        }
        let failed = outcomes.filter { $0.status == .failed }
        if let first = failed.first {
            Console.fail("\(failed.count) of \(outcomes.count) sessions failed")
            throw ExitCode(first.exitStatus ?? ExitStatus.failure.rawValue)
        }
    }
}
