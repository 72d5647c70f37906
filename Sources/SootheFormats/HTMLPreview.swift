import SootheCore

/// The preview page (`soothe preview --format html`, `soothe render --html`): one self-contained
/// HTML file with the session's title, a timeline drawn in SVG (lanes for voice, breath, chimes
/// and ambience, an m:ss axis, details on hover and focus), a table of every cue as its text
/// alternative and, when rendered audio is given, a player whose playhead moves along the
/// timeline. Nothing is fetched from the network; the markup is also well-formed XML.
public enum HTMLPreview {
    /// The page for `timeline`; with `media`, an audio player (and captions track) for the
    /// rendered file. All user text is escaped. The page's language (`<html lang>`, and on the
    /// title, summary, captions and spoken text) is that of the session's voice; soothe's own
    /// labels, which are English, are marked `lang="en"`.
    public static func page(_ timeline: Timeline, media: HTMLMedia? = nil) -> String {
        let layout = HTMLTimelineLayout(duration: timeline.duration)
        let palette = HTMLPalette.calm
        let lang = SpeechLanguage(espeak: timeline.voice.espeak).tag
        let e = HTMLText.escape
        var out = ""
        out.reserveCapacity(4096 + timeline.cues.count * 700)

        out += "<!DOCTYPE html>\n<html lang=\"\(lang)\">\n<head>\n<meta charset=\"utf-8\" />\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
        out += "<meta name=\"color-scheme\" content=\"light\" />\n"
        out += "<meta name=\"generator\" content=\"soothe\" />\n"
        out += "<title>\(e(timeline.title)) · soothe preview</title>\n"
        out += "<style>\n\(HTMLStyle.css(palette: palette, layout: layout))</style>\n</head>\n<body>\n"

        out += "<main id=\"soothe-preview\" class=\"preview\" data-id=\"\(e(timeline.id))\""
        out += " data-duration=\"\(HTMLText.seconds(timeline.duration))\""
        out += " data-pps=\"\(HTMLText.coordinate(layout.pixelsPerSecond))\" data-edge=\"\(HTMLText.coordinate(HTMLTimelineLayout.edge))\""
        out += " data-cue-count=\"\(timeline.cues.count)\" data-audio=\"\(media == nil ? "none" : "pending")\">\n"
        header(timeline, lang: lang, into: &out)
        if let media { player(media, lang: lang, into: &out) }
        chart(timeline, layout: layout, palette: palette, seekable: media != nil, into: &out)
        table(timeline, lang: lang, seekable: media != nil, into: &out)
        out += "<footer lang=\"en\"><p>Made with soothe. Times are minutes:seconds from the start of the audio.</p></footer>\n"
        out += "</main>\n<script>//<![CDATA[\n\(HTMLScript.source)//]]>\n</script>\n</body>\n</html>\n"
        return out
    }

    // MARK: - Parts

    static func header(_ timeline: Timeline, lang: String, into out: inout String) {
        let e = HTMLText.escape
        out += "<header>\n<p class=\"eyebrow\" lang=\"en\">Session preview</p>\n"
        out += "<h1 lang=\"\(lang)\">\(e(timeline.title))</h1>\n"
        if let summary = timeline.summary, !summary.isEmpty {
            out += "<p class=\"summary\" lang=\"\(lang)\">\(e(summary))</p>\n"
        }
        let speech = timeline.speechSeconds
        let share = timeline.duration > 0 ? Int((speech / timeline.duration * 100).rounded()) : 0
        var facts = [
            ("Length", DurationParser.clock(timeline.duration)),
            ("Cues", String(timeline.cues.count)),
            ("Speech", "\(DurationParser.clock(speech)) (\(share) %)"),
            ("Voice", timeline.voice.name),
        ]
        if let technique = timeline.technique { facts.append(("Technique", technique)) }
        if let fit = timeline.fit {
            let pauses = "\(fit.pauses) \(fit.pauses == 1 ? "pause" : "pauses")"
            facts.append(("Fitted", "to \(DurationParser.clock(fit.target)): \(pauses) stretched × \(String((fit.factor * 100).rounded() / 100))"))
        }
        facts.append(("Ambience", timeline.ambience?.name ?? "none"))
        out += "<dl class=\"facts\" lang=\"en\">\n"
        for (term, value) in facts {
            out += "<div><dt>\(term)</dt><dd>\(e(value))</dd></div>\n"
        }
        out += "</dl>\n</header>\n"
    }

    static func player(_ media: HTMLMedia, lang: String, into out: inout String) {
        let e = HTMLText.escape
        out += "<section class=\"listen\" lang=\"en\" aria-labelledby=\"listen-heading\">\n<h2 id=\"listen-heading\">Listen</h2>\n"
        out += "<audio id=\"player\" controls=\"controls\" preload=\"metadata\" src=\"\(e(HTMLText.urlPath(media.audio)))\">"
        if let captions = media.captions {
            out += "<track kind=\"captions\" label=\"Captions\" srclang=\"\(lang)\" src=\"\(e(HTMLText.urlPath(captions)))\" default=\"default\" />"
        }
        out += "Your browser cannot play this audio here; open <a href=\"\(e(HTMLText.urlPath(media.audio)))\">the audio file</a> instead.</audio>\n"
        out += "<p id=\"caption\" class=\"caption\" lang=\"\(lang)\" aria-hidden=\"true\"></p>\n</section>\n"
    }

    static func chart(
        _ timeline: Timeline, layout: HTMLTimelineLayout, palette: HTMLPalette, seekable: Bool, into out: inout String
    ) {
        let c = HTMLText.coordinate
        let width = c(layout.width), height = c(layout.height)
        out += "<section class=\"timeline\" lang=\"en\" aria-labelledby=\"timeline-heading\">\n<h2 id=\"timeline-heading\">Timeline</h2>\n"
        out += "<p class=\"hint\">Hover over a cue, or reach it with the Tab key (arrow keys move along a lane), to see its details."
        out += seekable ? " Click it, or press Enter or Space, to play from there.</p>\n" : "</p>\n"
        overview(timeline, into: &out)
        out += "<div class=\"chart\">\n"

        // Lane names: a narrow drawing that stays put while the timeline scrolls beside it.
        let labelWidth = c(HTMLTimelineLayout.labelWidth)
        out += "<svg class=\"lane-names\" width=\"\(labelWidth)\" height=\"\(height)\" viewBox=\"0 0 \(labelWidth) \(height)\" aria-hidden=\"true\" focusable=\"false\">"
        var counts: [HTMLTimelineLayout.Lane: Int] = [:]
        for cue in timeline.cues { counts[HTMLTimelineLayout.Lane(cue.kind), default: 0] += 1 }
        for lane in HTMLTimelineLayout.Lane.allCases {
            let mid = layout.top(of: lane) + lane.height / 2
            out += "<text class=\"lane-name\" x=\"4\" y=\"\(c(mid - 2))\">\(lane.title)</text>"
            let note = lane == .ambience ? (timeline.ambience == nil ? "none" : "throughout") : "\(counts[lane] ?? 0) cues"
            out += "<text class=\"lane-note\" x=\"4\" y=\"\(c(mid + 13))\">\(note)</text>"
        }
        out += "</svg>\n"

        out += "<div class=\"scroller\" id=\"scroller\">\n"
        out += "<svg class=\"timeline-drawing\" id=\"timeline\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\""
        out += " role=\"group\" aria-label=\"Timeline, \(timeline.cues.count) cues over \(DurationParser.clock(timeline.duration))\">\n"

        // Lane bands and the time axis with its grid.
        out += "<g class=\"bands\" aria-hidden=\"true\">"
        for lane in HTMLTimelineLayout.Lane.allCases {
            out += "<rect class=\"band\" x=\"0\" y=\"\(c(layout.top(of: lane)))\" width=\"\(width)\" height=\"\(c(lane.height))\" rx=\"6\" />"
        }
        out += "</g>\n<g class=\"axis\" aria-hidden=\"true\">"
        for tick in layout.ticks {
            let x = c(layout.x(tick))
            out += "<line class=\"grid\" x1=\"\(x)\" y1=\"20\" x2=\"\(x)\" y2=\"\(height)\" />"
            out += "<text class=\"tick\" x=\"\(x)\" y=\"14\">\(DurationParser.clock(tick))</text>"
        }
        out += "</g>\n"

        for lane in HTMLTimelineLayout.Lane.allCases {
            out += "<g class=\"lane lane-\(lane.rawValue)\" role=\"group\" aria-label=\"\(lane.title)\">\n"
            if lane == .ambience {
                ambience(timeline, layout: layout, into: &out)
            } else {
                var level = 0.12, lastEnd = -1.0
                for (index, cue) in timeline.cues.enumerated() where HTMLTimelineLayout.Lane(cue.kind) == lane {
                    if cue.kind == .breath, cue.start - lastEnd > 0.5 { level = 0.12 }
                    let shape = shape(of: cue, layout: layout, level: &level)
                    if cue.kind == .breath { lastEnd = cue.end }
                    element(cue, index: index, shape: shape, seekable: seekable, into: &out)
                    if let speech = cue.speech { speechLabel(speech, cue: cue, layout: layout, into: &out) }
                }
            }
            out += "</g>\n"
        }
        if seekable {
            out += "<g id=\"playhead\" class=\"playhead\" aria-hidden=\"true\" transform=\"translate(\(c(HTMLTimelineLayout.edge)) 0)\">"
            out += "<line x1=\"0\" y1=\"18\" x2=\"0\" y2=\"\(height)\" /><circle cx=\"0\" cy=\"18\" r=\"4\" /></g>\n"
        }
        out += "</svg>\n</div>\n</div>\n"
        out += "<p id=\"cue-detail\" class=\"detail\"><span class=\"detail-when\">Details</span> <span class=\"detail-what\">Hover over or focus a cue to see what happens there.</span></p>\n"
        legend(palette: palette, into: &out)
        out += "</section>\n"
    }

    /// The whole session at the width of the screen, above the zoomed timeline: speech, each
    /// breathing section and the chimes, and a frame showing the part the timeline shows (the
    /// page's script moves it; a click there scrolls the timeline).
    static func overview(_ timeline: Timeline, into out: inout String) {
        let c = HTMLText.coordinate
        let duration = max(timeline.duration, 1)
        // Tenths of a second: every cue keeps its place at any screen width.
        let scale = 10.0, width = c(duration * scale)
        func rect(_ kind: String, _ start: Double, _ end: Double, y: Int, height: Int) -> String {
            let w = max(end - start, duration / 400) * scale
            return "<rect class=\"overview-\(kind)\" x=\"\(c(start * scale))\" y=\"\(y)\" width=\"\(c(w))\" height=\"\(height)\" />"
        }
        out += "<div class=\"overview\" id=\"overview\">\n"
        out += "<svg class=\"overview-drawing\" id=\"overview-drawing\" viewBox=\"0 0 \(width) 40\" preserveAspectRatio=\"none\""
        out += " role=\"img\" aria-label=\"The whole session, \(DurationParser.clock(timeline.duration)): speech, breathing and chimes\">"
        for cue in timeline.cues where cue.kind == .speech { out += rect("speech", cue.start, cue.end, y: 2, height: 11) }
        for span in timeline.steps where span.kind == .breathe { out += rect("breath", span.start, span.end, y: 15, height: 11) }
        for cue in timeline.cues where cue.kind == .chime { out += rect("chime", cue.start, cue.start + duration / 200, y: 28, height: 10) }
        out += "<rect id=\"overview-window\" class=\"overview-window\" x=\"0\" y=\"0\" width=\"\(width)\" height=\"40\" />"
        out += "</svg>\n<p class=\"overview-axis\" aria-hidden=\"true\"><span>0:00</span><span>\(DurationParser.clock(timeline.duration))</span></p>\n</div>\n"
    }

    /// The words of a speech cue written in its block, cut at the block's end (a nested `svg`
    /// clips what overflows); decorative: the block itself carries the words for assistive technology.
    static func speechLabel(_ speech: Cue.Speech, cue: Cue, layout: HTMLTimelineLayout, into out: inout String) {
        let c = HTMLText.coordinate
        let lane = HTMLTimelineLayout.Lane.voice
        let width = layout.width(from: cue.start, to: cue.end)
        guard width >= 18 else { return }
        let top = layout.top(of: lane) + 9, height = lane.height - 18
        out += "<svg class=\"speech-label\" x=\"\(c(layout.x(cue.start)))\" y=\"\(c(top))\" width=\"\(c(width))\" height=\"\(c(height))\" aria-hidden=\"true\">"
        out += "<text x=\"4\" y=\"\(c(height / 2 + 4))\">\(HTMLText.escape(speech.words))</text></svg>\n"
    }

    /// The SVG element name and geometry attributes of a cue; advances the breath `level`.
    static func shape(of cue: Cue, layout: HTMLTimelineLayout, level: inout Double) -> String {
        let c = HTMLText.coordinate
        let lane = HTMLTimelineLayout.Lane(cue.kind)
        let top = layout.top(of: lane)
        let x = c(layout.x(cue.start)), w = c(layout.width(from: cue.start, to: cue.end))
        switch cue.event {
        case .speech:
            return "rect x=\"\(x)\" y=\"\(c(top + 9))\" width=\"\(w)\" height=\"\(c(lane.height - 18))\" rx=\"4\""
        case .pause:
            return "rect x=\"\(x)\" y=\"\(c(top + lane.height / 2 - 4))\" width=\"\(w)\" height=\"8\" rx=\"4\""
        case .breath(let breath):
            let next = HTMLTimelineLayout.breathLevel(after: breath.phase, from: level)
            defer { level = next }
            return "path d=\"\(layout.breathPath(start: cue.start, end: cue.end, from: level, to: next))\""
        case .chime:
            return "path d=\"\(layout.chimePath(start: cue.start, end: cue.end))\""
        }
    }

    /// One focusable cue with its times in data attributes, an accessible name and a `<title>`.
    static func element(_ cue: Cue, index: Int, shape: String, seekable: Bool, into out: inout String) {
        let e = HTMLText.escape
        let (kind, what) = describe(cue)
        let label = "\(kind) at \(PreviewTable.clock(cue.start)) for \(length(cue)), line \(cue.line): \(what)"
        var phase: BreathPhase?, cycle: Int?
        switch cue.event {
        case .speech(let speech): cycle = speech.cycle
        case .breath(let breath): (phase, cycle) = (breath.phase, breath.cycle)
        case .chime, .pause: break
        }
        var classes = "cue kind-\(cue.kind.rawValue)"
        if let phase { classes += " phase-\(phase.rawValue)" }
        if cue.kind == .speech, cycle != nil { classes += " prompt" }
        if cue.written != nil { classes += " stretched" }
        out += "<\(shape) id=\"cue-\(index)\" class=\"\(classes)\" tabindex=\"0\" role=\"\(seekable ? "button" : "img")\""
        out += " data-kind=\"\(cue.kind.rawValue)\" data-start=\"\(HTMLText.seconds(cue.start))\" data-end=\"\(HTMLText.seconds(cue.end))\""
        out += " data-line=\"\(cue.line)\""
        if let phase { out += " data-phase=\"\(phase.rawValue)\"" }
        if let cycle { out += " data-cycle=\"\(cycle)\"" }
        out += " data-label=\"\(e(kind))\" data-what=\"\(e(what))\" aria-label=\"\(e(label))\">"
        out += "<title>\(e(label))</title></\(shape.prefix { $0 != " " })>\n"
    }

    static func ambience(_ timeline: Timeline, layout: HTMLTimelineLayout, into out: inout String) {
        let c = HTMLText.coordinate, e = HTMLText.escape
        let top = HTMLTimelineLayout.Lane.ambience.height
        let y = layout.top(of: .ambience)
        guard let bed = timeline.ambience else {
            out += "<text class=\"lane-empty\" x=\"\(c(HTMLTimelineLayout.edge + 6))\" y=\"\(c(y + top / 2 + 4))\">No ambience: silence under the voice</text>\n"
            return
        }
        let level = bed.level == 0 ? "default level" : "\(bed.level > 0 ? "+" : "")\(PreviewTable.format1(bed.level)) dB"
        let label = "Ambience \(bed.name), \(level), the whole session (\(DurationParser.clock(timeline.duration)))"
        out += "<rect class=\"bed\" x=\"\(c(layout.x(0)))\" y=\"\(c(y + 6))\" width=\"\(c(layout.width(from: 0, to: timeline.duration)))\""
        out += " height=\"\(c(top - 12))\" rx=\"4\" tabindex=\"0\" role=\"img\" data-kind=\"ambience\""
        out += " data-start=\"0.0\" data-end=\"\(HTMLText.seconds(timeline.duration))\" data-label=\"Ambience\""
        out += " data-what=\"\(e(bed.name)), \(level)\" aria-label=\"\(e(label))\"><title>\(e(label))</title></rect>\n"
        out += "<text class=\"bed-name\" x=\"\(c(HTMLTimelineLayout.edge + 8))\" y=\"\(c(y + top / 2 + 4))\" aria-hidden=\"true\">\(e(bed.name)) · \(level)</text>\n"
    }

    static func legend(palette: HTMLPalette, into out: inout String) {
        out += "<ul class=\"legend\" aria-label=\"Colour key\">"
        let items: [(String, String)] = [
            ("speech", "Speech"), ("pause", "Silence"), ("chime", "Chime"),
            ("phase-inhale", "Inhale"), ("phase-top-up", "Top-up inhale"), ("phase-hold", "Hold"),
            ("phase-exhale", "Exhale"), ("phase-rest", "Rest"), ("ambience", "Ambience"),
        ]
        for (key, name) in items {
            out += "<li><span class=\"swatch swatch-\(key)\" aria-hidden=\"true\"></span>\(name)</li>"
        }
        out += "</ul>\n"
    }

    static func table(_ timeline: Timeline, lang: String, seekable: Bool, into out: inout String) {
        let e = HTMLText.escape
        out += "<details class=\"cue-table\" lang=\"en\">\n<summary>All \(timeline.cues.count) cues as a table</summary>\n"
        out += "<div class=\"table-scroll\">\n<table>\n<caption>Every cue of “\(e(timeline.title))” in time order</caption>\n"
        out += "<thead><tr><th scope=\"col\">Start</th><th scope=\"col\">Length</th><th scope=\"col\">Kind</th><th scope=\"col\">What</th><th scope=\"col\">Line</th></tr></thead>\n<tbody>\n"
        for (index, cue) in timeline.cues.enumerated() {
            let (kind, what) = describe(cue)
            let start = PreviewTable.clock(cue.start)
            out += "<tr data-cue=\"cue-\(index)\"><td>"
            out += seekable
                ? "<button type=\"button\" class=\"seek\" data-start=\"\(HTMLText.seconds(cue.start))\" aria-label=\"Play from \(start)\">\(start)</button>"
                : start
            out += "</td><td>\(length(cue))</td><td>\(kind)</td>"
            out += cue.kind == .speech ? "<td lang=\"\(lang)\">\(e(what))</td>" : "<td>\(e(what))</td>"
            out += "<td>\(cue.line)</td></tr>\n"
        }
        out += "</tbody>\n</table>\n</div>\n</details>\n"
    }

    // MARK: - Words

    /// A cue's kind as a reader sees it, and what happens in it.
    static func describe(_ cue: Cue) -> (kind: String, what: String) {
        switch cue.event {
        case .speech(let speech):
            return (speech.cycle == nil ? "Speech" : "Prompt", speech.words)
        case .chime(let chime):
            var what = chime.sound.name
            if chime.strikes > 1 { what += " × \(chime.strikes)" }
            if chime.level != 0 { what += " (\(PreviewTable.format1(chime.level)) dB)" }
            return ("Chime", what)
        case .breath(let breath):
            let phase = breath.phase
            var what = phase == .topUp ? "Top-up inhale" : phase.rawValue.prefix(1).uppercased() + phase.rawValue.dropFirst()
            what += ", cycle \(breath.cycle)"
            what += PreviewTable.toneNote(breath.tone)
            return ("Breath", what)
        case .pause:
            // A pause stretched to meet the script's `length:` says what it was written as.
            return ("Silence", cue.written.map { "Silence, stretched from \(PreviewTable.format1($0)) s" } ?? "Silence")
        }
    }

    /// `3.1 s`.
    static func length(_ cue: Cue) -> String { "\(PreviewTable.format1(cue.duration)) s" }
}
