import Foundation
import Testing
import SootheCore
@testable import SootheFormats
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The preview page parsed as XML: its elements and what they say.
struct ParsedPage {
    let document: XMLDocument
    let elements: [XMLElement]

    init(_ html: String) throws {
        document = try XMLDocument(xmlString: html, options: [])
        var all: [XMLElement] = []
        func walk(_ node: XMLNode) {
            if let element = node as? XMLElement { all.append(element) }
            for child in node.children ?? [] { walk(child) }
        }
        if let root = document.rootElement() { walk(root) }
        elements = all
    }

    /// Elements with this name.
    func named(_ name: String) -> [XMLElement] { elements.filter { $0.name == name } }

    /// The first element with this id.
    func byID(_ id: String) -> XMLElement? { elements.first { $0["id"] == id } }

    /// Elements whose class list holds `name`.
    func withClass(_ name: String) -> [XMLElement] {
        elements.filter { ($0["class"] ?? "").split(separator: " ").contains { $0 == name } }
    }
}

extension XMLElement {
    subscript(_ attribute: String) -> String? { self.attribute(forName: attribute)?.stringValue }
}

@Suite struct HTMLPreviewTests {
    /// Every cue kind and phase, text that needs escaping, and times that need rounding.
    static let timeline = Timeline(
        id: "tricky", title: "Calm <script>alert('x')</script> & \"rest\"",
        summary: "Body & breath — <b>not bold</b>", technique: "grounding",
        voice: VoiceProfile(name: "calma", espeak: "es+f3", rate: 120, wordGap: 0),
        ambience: AmbienceSpec(sound: .rain, level: -6), duration: 61.23456,
        cues: [
            Cue(start: 0, end: 6, line: 4, step: 0, .chime(.init(kind: .singingBowl, strikes: 2))),
            Cue(start: 6.00049, end: 9.1234, line: 5, step: 1, .speech(.init(text: "Sit <down>. [2s] Rest & \"be\".", voice: .fallback))),
            Cue(start: 9.1234, end: 12.5, line: 6, step: 2, .pause),
            Cue(start: 12.5, end: 16.5, line: 7, step: 3, .breath(.init(phase: .inhale, cycle: 1, tone: .standard))),
            Cue(start: 12.5, end: 13.4, line: 7, step: 3, .speech(.init(text: "In", voice: .fallback, cycle: 1))),
            Cue(start: 16.5, end: 17.5, line: 7, step: 3, .breath(.init(phase: .topUp, cycle: 1, tone: .standard))),
            Cue(start: 17.5, end: 24.5, line: 7, step: 3, .breath(.init(phase: .hold, cycle: 1, tone: .standard))),
            Cue(start: 24.5, end: 32.5, line: 7, step: 3, .breath(.init(phase: .exhale, cycle: 1, tone: .standard))),
            Cue(start: 32.5, end: 34.5, line: 7, step: 3, .breath(.init(phase: .rest, cycle: 1, tone: .silent))),
            Cue(start: 34.5, end: 61.23456, line: 9, step: 4, .pause),
        ],
        steps: [])

    static let media = HTMLMedia(audio: "my session #2.ogg", captions: "my session #2.vtt")

    @Test func pageIsWellFormedWithOneElementPerCue() throws {
        let page = try ParsedPage(HTMLPreview.page(Self.timeline, media: Self.media))
        #expect(page.document.rootElement()?.name == "html")
        let cues = page.withClass("cue")
        #expect(cues.count == Self.timeline.cues.count)
        // One element per cue, in cue order (lanes group them, ids keep the cue's index).
        let sorted = cues.sorted { Int($0["id"]!.dropFirst(4))! < Int($1["id"]!.dropFirst(4))! }
        for (element, cue) in zip(sorted, Self.timeline.cues) {
            #expect(element["data-kind"] == cue.kind.rawValue)
            let start = try #require(element["data-start"].flatMap(Double.init))
            let end = try #require(element["data-end"].flatMap(Double.init))
            #expect(start == Timeline.milliseconds(cue.start))
            #expect(end == Timeline.milliseconds(cue.end))
            #expect(element["data-line"] == String(cue.line))
            #expect(element["tabindex"] == "0", "every cue is reachable by keyboard")
            #expect(element["role"] == "button", "with audio a cue seeks")
            let label = try #require(element["aria-label"])
            #expect(label.contains(PreviewTable.clock(cue.start)) && label.contains("line \(cue.line)"))
            let title = try #require(element.elements(forName: "title").first)
            #expect(title.stringValue == label, "the <title> tooltip says what the accessible name says")
            #expect(element["data-phase"] == cue.breath?.phase.rawValue)
        }
        #expect(page.byID("soothe-preview")?["data-cue-count"] == String(Self.timeline.cues.count))
    }

    @Test func userTextIsEscapedAndSurvivesParsing() throws {
        let html = HTMLPreview.page(Self.timeline, media: Self.media)
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<b>not bold</b>"))
        let page = try ParsedPage(html)
        #expect(page.named("h1").first?.stringValue == Self.timeline.title)
        #expect(page.withClass("summary").first?.stringValue == Self.timeline.summary)
        #expect(page.named("h1").first?["lang"] == "es", "session text carries the voice's language")
        let speech = try #require(page.byID("cue-1"))
        #expect(speech["data-what"] == "Sit <down>. Rest & \"be\".", "pause marks removed, text intact")
        #expect(page.byID("cue-4")?["data-label"] == "Prompt")
        // The only script is the inline one: nothing user-written became markup.
        #expect(page.named("script").count == 1)
        #expect(page.named("b").isEmpty)
    }

    @Test func playerPointsAtTheAudioAndCaptionsByRelativeName() throws {
        let page = try ParsedPage(HTMLPreview.page(Self.timeline, media: Self.media))
        let audio = try #require(page.named("audio").first)
        #expect(audio["src"] == "my%20session%20%232.ogg")
        #expect(audio["controls"] != nil)
        let track = try #require(audio.elements(forName: "track").first)
        #expect(track["kind"] == "captions")
        #expect(track["src"] == "my%20session%20%232.vtt")
        #expect(track["srclang"] == "es")
        #expect(page.byID("playhead") != nil)
        #expect(page.withClass("seek").count == Self.timeline.cues.count, "each table row can seek")
    }

    @Test func withoutAudioThereIsNoPlayerAndCuesAreImages() throws {
        let page = try ParsedPage(HTMLPreview.page(Self.timeline))
        #expect(page.named("audio").isEmpty && page.named("track").isEmpty)
        #expect(page.byID("playhead") == nil)
        #expect(page.withClass("seek").isEmpty)
        #expect(page.withClass("cue").allSatisfy { $0["role"] == "img" && $0["tabindex"] == "0" })
        #expect(page.byID("soothe-preview")?["data-audio"] == "none")
    }

    @Test func nothingComesFromTheNetwork() throws {
        let html = HTMLPreview.page(Self.timeline, media: Self.media)
        let page = try ParsedPage(html)
        #expect(page.named("link").isEmpty)
        #expect(page.named("script").allSatisfy { $0["src"] == nil })
        let references = page.elements.flatMap { element in ["src", "href"].compactMap { element[$0] } }
        #expect(Set(references) == ["my%20session%20%232.ogg", "my%20session%20%232.vtt"])
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("url("))
    }

    @Test func tableListsEveryCueInOrder() throws {
        let page = try ParsedPage(HTMLPreview.page(Self.timeline))
        let details = try #require(page.named("details").first)
        #expect(details.elements(forName: "summary").first?.stringValue == "All 10 cues as a table")
        let rows = page.named("tr").filter { $0["data-cue"] != nil }
        #expect(rows.map { $0["data-cue"]! } == (0..<10).map { "cue-\($0)" })
        for (row, cue) in zip(rows, Self.timeline.cues) {
            let cells = row.elements(forName: "td").map(\.stringValue)
            #expect(cells.count == 5)
            #expect(cells.first == PreviewTable.clock(cue.start))
            #expect(cells.last == String(cue.line))
        }
        #expect(page.named("th").allSatisfy { $0["scope"] == "col" })
    }

    @Test func lanesAreLabelledAndAmbienceSpansTheSession() throws {
        let page = try ParsedPage(HTMLPreview.page(Self.timeline))
        let lanes = page.withClass("lane").map { $0["aria-label"] }
        #expect(lanes == ["Voice", "Breath", "Chimes", "Ambience"])
        let names = page.withClass("lane-name").map(\.stringValue)
        #expect(names == ["Voice", "Breath", "Chimes", "Ambience"])
        let bed = try #require(page.withClass("bed").first)
        #expect(bed["data-start"] == "0.0" && bed["data-end"] == "61.235")
        let layout = HTMLTimelineLayout(duration: Self.timeline.duration)
        let width = try #require(bed["width"].flatMap(Double.init))
        #expect(abs(width - Self.timeline.duration * layout.pixelsPerSecond) < 0.01)
        #expect(bed["aria-label"]?.contains("rain") == true)
    }

    @Test func cuesSitWhereTheirTimesSay() throws {
        let page = try ParsedPage(HTMLPreview.page(Self.timeline))
        let layout = HTMLTimelineLayout(duration: Self.timeline.duration)
        for element in page.withClass("kind-speech") + page.withClass("kind-pause") {
            let start = try #require(element["data-start"].flatMap(Double.init))
            let end = try #require(element["data-end"].flatMap(Double.init))
            let x = try #require(element["x"].flatMap(Double.init))
            let width = try #require(element["width"].flatMap(Double.init))
            #expect(abs(x - (HTMLTimelineLayout.edge + start * layout.pixelsPerSecond)) < 0.02)
            #expect(abs(width - max(2, (end - start) * layout.pixelsPerSecond)) < 0.02)
        }
        let drawing = try #require(page.byID("timeline"))
        let width = try #require(drawing["width"].flatMap(Double.init))
        #expect(width >= Self.timeline.duration * layout.pixelsPerSecond + 2 * HTMLTimelineLayout.edge)
    }

    /// The breath curve rises on the inhale and top-up, stays level on the hold, falls on the exhale.
    @Test func breathShapesFollowTheBreath() throws {
        let page = try ParsedPage(HTMLPreview.page(Self.timeline))
        func levels(_ phase: String) throws -> (from: Double, to: Double) {
            let element = try #require(page.withClass("phase-\(phase)").first)
            // "M x base V y0 L x1 y1 V base Z": smaller y is higher (fuller lungs).
            let numbers = try #require(element["d"]).split(whereSeparator: { "MVLZ ".contains($0) }).compactMap { Double($0) }
            try #require(numbers.count == 6)
            return (numbers[2], numbers[4])
        }
        let inhale = try levels("inhale"), topUp = try levels("top-up"), hold = try levels("hold")
        let exhale = try levels("exhale"), rest = try levels("rest")
        #expect(inhale.to < inhale.from - 20)
        #expect(topUp.from == inhale.to && topUp.to < topUp.from)
        #expect(hold.from == topUp.to && hold.to == hold.from)
        #expect(exhale.from == hold.to && exhale.to > exhale.from + 20)
        #expect(rest.from == exhale.to && rest.to == rest.from)
    }

    @Test(arguments: [1.0, 20, 61.2, 300, 1200, 5400])
    func axisTicksAreRoundAndReadable(duration: Double) {
        let layout = HTMLTimelineLayout(duration: duration)
        #expect((6...24).contains(layout.pixelsPerSecond))
        #expect(layout.tickStep * layout.pixelsPerSecond >= 64, "room for an m:ss label")
        let ticks = layout.ticks
        #expect(ticks.first == 0)
        #expect(ticks.last! <= duration + 1e-9 && ticks.last! + layout.tickStep > max(duration, 1))
        let page = HTMLPreview.page(Timeline(
            id: "t", title: "T", summary: nil, technique: nil, voice: .fallback, ambience: nil,
            duration: duration, cues: [], steps: []))
        #expect(page.contains(">\(DurationParser.clock(ticks.last!))</text>"))
    }

    /// WCAG AA: text 4.5:1 on every background it sits on; cue outlines, focus ring and playhead 3:1.
    @Test func coloursMeetContrast() throws {
        let p = HTMLPalette.calm
        for background in [p.page, p.surface, p.laneBand] {
            for text in [p.text, p.mutedText, p.accent] {
                let ratio = try #require(HTMLPalette.contrastRatio(text, background))
                #expect(ratio >= 4.5, "\(text) on \(background): \(ratio)")
            }
            for (name, swatch) in p.swatches {
                let ratio = try #require(HTMLPalette.contrastRatio(swatch.stroke, background))
                #expect(ratio >= 3, "\(name) outline on \(background): \(ratio)")
            }
            #expect(try #require(HTMLPalette.contrastRatio(p.playhead, background)) >= 3)
            #expect(try #require(HTMLPalette.contrastRatio(p.focus, background)) >= 3)
        }
        for (name, swatch) in p.swatches {
            #expect(try #require(HTMLPalette.contrastRatio(p.text, swatch.fill)) >= 4.5, "text on \(name)")
            #expect(try #require(HTMLPalette.contrastRatio(p.focus, swatch.fill)) >= 3, "focus ring on \(name)")
        }
        #expect(HTMLPalette.contrastRatio("#000000", "#ffffff").map { abs($0 - 21) < 1e-9 } == true)
        #expect(HTMLPalette.contrastRatio("#777", "#fff") == nil)
    }

    @Test(arguments: [
        ("plain.ogg", "plain.ogg"), ("my file.wav", "my%20file.wav"), ("a#b?c%d.mp3", "a%23b%3Fc%25d.mp3"),
        ("sub/ü.flac", "sub/%C3%BC.flac"),
    ])
    func mediaNamesBecomeURLPaths(name: String, expected: String) {
        #expect(HTMLText.urlPath(name) == expected)
    }

    @Test func escapingCoversMarkupQuotesAndControls() {
        #expect(HTMLText.escape("a<b>&\"c'\u{7}d\ne") == "a&lt;b&gt;&amp;&quot;c&#39;d e")
        #expect(SpeechLanguage(espeak: "en-us+f3").tag == "en-US")
        #expect(SpeechLanguage(espeak: "\"><x").tag == "x", "a hostile voice name leaves nothing markup can see")
    }

    /// The profiles in the repository's `voices/` folder.
    static func repositoryVoices() throws -> VoiceLibrary {
        let folder = packageRoot + "/voices"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }.sorted()
        let library = VoiceLibrary(files: try names.map { ("\(folder)/\($0)", try String(contentsOfFile: "\(folder)/\($0)", encoding: .utf8)) })
        #expect(library.diagnostics.isEmpty && library.profiles.count >= 4, "\(library.diagnostics)")
        return library
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// Every built-in session (timed by an estimate) makes a well-formed page with all its cues.
    @Test(arguments: HTMLPreviewTests.builtInSessions())
    func builtInSessionPages(path: String) throws {
        let loader = SessionLoader(voices: try Self.repositoryVoices(), timing: EstimatedSpeechTiming())
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let result = loader.load(bytes: bytes, file: path, defaultID: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
        let timeline = try #require(result.timeline, "\(result.diagnostics)")
        let page = try ParsedPage(HTMLPreview.page(timeline, media: HTMLMedia(audio: "\(timeline.id).ogg", captions: "\(timeline.id).vtt")))
        let cues = page.withClass("cue")
        #expect(cues.count == timeline.cues.count)
        #expect(Set(cues.compactMap { $0["data-kind"] }) == Set(timeline.cues.map(\.kind.rawValue)))
        #expect(page.named("tr").count == timeline.cues.count + 1)
    }

    @Test func theBuiltInSessionsAreFound() {
        #expect(Self.builtInSessions().count >= 10)
    }

    static func builtInSessions() -> [String] {
        let folder = packageRoot + "/assets/sessions"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { folder + "/" + $0 }
    }
}
