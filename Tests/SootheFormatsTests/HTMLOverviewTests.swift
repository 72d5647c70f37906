import Foundation
import Testing
@testable import SootheCore
@testable import SootheFormats
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The page's overview of the whole session and the words written in its speech blocks.
@Suite struct HTMLOverviewTests {
    static let timeline: Timeline = {
        var timeline = HTMLPreviewTests.timeline
        timeline.steps = [
            StepSpan(index: 3, kind: .breathe, label: "Breathe", start: 12.5, end: 34.5, line: 7, breathsPerMinute: 2.7),
        ]
        // A speech cue too short to hold a word.
        timeline.cues.append(Cue(start: 40, end: 40.3, line: 10, step: 5, .speech(.init(text: "Oh", voice: .fallback))))
        return timeline
    }()

    @Test func theOverviewDrawsTheWholeSessionAboveTheTimeline() throws {
        let html = HTMLPreview.page(Self.timeline)
        let page = try ParsedPage(html)
        let drawing = try #require(page.byID("overview-drawing"))
        // Tenths of a second across, so every cue keeps its place at any width.
        #expect(drawing["viewBox"] == "0 0 612.35 40")
        #expect(drawing["preserveAspectRatio"] == "none")
        #expect(drawing["aria-label"]?.contains("The whole session, 1:01") == true)
        #expect(page.withClass("overview-speech").count == Self.timeline.cues.filter { $0.kind == .speech }.count)
        #expect(page.withClass("overview-chime").count == 1)
        let breath = try #require(page.withClass("overview-breath").first)
        #expect(page.withClass("overview-breath").count == 1, "one bar per breathing section, not per phase")
        #expect(breath["x"] == "125" && breath["width"] == "220")
        #expect(page.byID("overview-window") != nil)
        // Above the zoomed timeline.
        let overview = try #require(html.range(of: "id=\"overview\""))
        let scroller = try #require(html.range(of: "id=\"scroller\""))
        #expect(overview.lowerBound < scroller.lowerBound)
    }

    @Test func speechBlocksCarryTheirWordsWhenThereIsRoom() throws {
        let page = try ParsedPage(HTMLPreview.page(Self.timeline))
        let labels = page.withClass("speech-label")
        // A block 18 px wide or more holds its words ("Sit <down>. Rest & "be"." at 16 px a
        // second); the prompt "In" (0.9 s) and "Oh" (0.3 s) are too narrow.
        let blocks = page.withClass("kind-speech")
        #expect(blocks.count == 3)
        #expect(labels.count == blocks.filter { Double($0["width"] ?? "") ?? 0 >= 18 }.count)
        #expect(labels.map { $0.stringValue ?? "" } == ["Sit <down>. Rest & \"be\"."])
        #expect(labels.allSatisfy { $0["aria-hidden"] == "true" })
        // Each label is a nested drawing as wide as its block, so the words are cut at its end.
        let block = try #require(page.byID("cue-1"))
        #expect(labels[0]["x"] == block["x"] && labels[0]["width"] == block["width"])
    }
}
