import Foundation
import Testing
import SootheCore
@testable import SootheFormats

/// Issue 15 point 4: the preview page's language is the session voice's; soothe's own labels,
/// which are English, say so.
@Suite struct HTMLLanguageTests {
    static func page(session id: String) throws -> ParsedPage {
        let path = HTMLPreviewTests.packageRoot + "/assets/sessions/\(id).yaml"
        let loader = SessionLoader(voices: try HTMLPreviewTests.repositoryVoices(), timing: EstimatedSpeechTiming())
        let result = loader.load(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), file: path, defaultID: id)
        let timeline = try #require(result.timeline, "\(result.diagnostics)")
        return try ParsedPage(HTMLPreview.page(timeline, media: HTMLMedia(audio: "\(id).ogg", captions: "\(id).vtt")))
    }

    @Test(arguments: [("respiracion-abdominal", "es"), ("autocompasion", "es-419"), ("belly-breathing", "en-US")])
    func thePageSpeaksTheVoicesLanguage(session: String, lang: String) throws {
        let page = try Self.page(session: session)
        #expect(page.document.rootElement()?["lang"] == lang)
        #expect(page.named("h1").first?["lang"] == lang)
        #expect(page.byID("caption")?["lang"] == lang)
        #expect(page.named("track").first?["srclang"] == lang)
        let speechCells = page.named("td").filter { $0["lang"] != nil }
        #expect(!speechCells.isEmpty && speechCells.allSatisfy { $0["lang"] == lang })
    }

    /// The English labels around the session's words are marked English, so a Spanish page is
    /// not read out as Spanish where it says "Length" or "Timeline".
    @Test func soothesOwnLabelsAreMarkedEnglish() throws {
        let page = try Self.page(session: "respiracion-abdominal")
        for element in [page.withClass("eyebrow").first, page.withClass("facts").first, page.withClass("listen").first,
                        page.withClass("timeline").first, page.withClass("cue-table").first, page.named("footer").first] {
            let element = try #require(element)
            #expect(element["lang"] == "en", "\(element.name ?? "") \(element["class"] ?? "")")
        }
        #expect(page.withClass("summary").first?["lang"] == "es")
    }
}
