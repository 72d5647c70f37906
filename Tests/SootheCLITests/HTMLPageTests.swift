import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Debian's headless Chromium, run on a page to read back the DOM after the page's script ran.
enum HeadlessChromium {
    /// `chromium` (or `chromium-browser`) on the PATH; `make test` installs it.
    static let binary: String? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }()

    /// The serialised DOM of `url` once loaded (and `budget` ms of virtual time for media events).
    /// `allowFileAccess` lets a page read a frame's document from `file://` (and load its track).
    /// A browser that dies by a signal (Chromium in a container sometimes does, before it has
    /// read the page) is launched once more; an exit with a status is the test's failure.
    static func dumpDOM(
        _ url: String, width: Int = 1200, budget: Int = 5000, allowFileAccess: Bool = false, in folder: TemporaryFolder
    ) throws -> String {
        var run = try launch(url, width: width, budget: budget, allowFileAccess: allowFileAccess, in: folder)
        if run.signalled {
            run = try launch(url, width: width, budget: budget, allowFileAccess: allowFileAccess, in: folder)
        }
        #expect(run.status == 0 && !run.signalled, "chromium \(run.signalled ? "died by signal" : "exited with") \(run.status)")
        return run.dom
    }

    private static func launch(
        _ url: String, width: Int, budget: Int, allowFileAccess: Bool, in folder: TemporaryFolder
    ) throws -> (dom: String, status: Int32, signalled: Bool) {
        let binary = try #require(binary, "chromium is not installed: run make test-deps (apt-get install chromium)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        // A profile of its own per launch; shared memory in /tmp, since a container's /dev/shm
        // is often too small for it.
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--mute-audio",
            "--user-data-dir=\(folder.file("chromium-profile-\(UUID().uuidString)"))",
            "--window-size=\(width),900", "--virtual-time-budget=\(budget)", "--dump-dom", url,
        ]
        if allowFileAccess { process.arguments!.insert("--allow-file-access-from-files", at: 0) }
        let outPath = folder.file("dom-\(UUID().uuidString).html")
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // A stuck browser must not hang the test run.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 90, execute: watchdog)
        process.waitUntilExit()
        watchdog.cancel()
        try out.close()
        // The watchdog's SIGTERM is a stuck browser, not a crash: no second launch.
        let signalled = process.terminationReason == .uncaughtSignal && process.terminationStatus != SIGTERM
        return (try String(contentsOfFile: outPath, encoding: .utf8), process.terminationStatus, signalled)
    }

    /// A `file://` URL for a path.
    static func fileURL(_ path: String, fragment: String? = nil) -> String {
        URL(fileURLWithPath: path).absoluteString + (fragment.map { "#" + $0 } ?? "")
    }
}

/// Attributes of the first start tag in `html` that matches `pattern` (a regex for the tag's start).
func startTag(_ html: String, _ pattern: String) -> [String: String]? {
    guard let range = html.range(of: "<" + pattern + "[^>]*>", options: .regularExpression) else { return nil }
    var attributes: [String: String] = [:]
    for match in html[range].matches(of: #/([a-zA-Z:-]+)="([^"]*)"/#) {
        attributes[String(match.output.1)] = String(match.output.2)
    }
    return attributes
}

@Suite(.serialized) struct HTMLPageTests {
    static let script = """
        title: Page <Check> & "Co"
        ambience: rain
        steps:
          - say: Breathe in. [1s] And out.
          - breathe: {pattern: 2-1-3-0, cycles: 1, prompts: {inhale: In}}
          - chime: soft-chime
          - pause: 1s

        """

    /// `preview --format json` of a session: its duration and cues.
    func cueSheet(_ session: String) throws -> (duration: Double, cues: [[String: Any]]) {
        let result = try SootheCLI.run(["preview", "--format", "json", session])
        try #require(result.status == 0, "\(result)")
        let sheet = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return (try #require(sheet["duration"] as? Double), try #require(sheet["cues"] as? [[String: Any]]))
    }

    @Test func builtInSessionPageDrawsEveryCueInChromium() throws {
        let folder = try TemporaryFolder()
        let page = folder.file("four-seven-eight.html")
        let result = try SootheCLI.run(["preview", "four-seven-eight", "--format", "html", "-o", page])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.isEmpty)
        let cues = try cueSheet("four-seven-eight").cues
        try #require(cues.count > 10)

        // Well-formed as written, one element per cue.
        let document = try XMLDocument(contentsOf: URL(fileURLWithPath: page), options: [])
        let kinds = try document.nodes(forXPath: "//*[@data-kind and contains(@class, 'cue')]/@data-kind").map { $0.stringValue ?? "" }
        #expect(kinds.count == cues.count)
        for kind in ["speech", "breath", "chime", "pause"] {
            #expect(kinds.filter { $0 == kind }.count == cues.filter { $0["kind"] as? String == kind }.count, "\(kind)")
        }

        let dom = try HeadlessChromium.dumpDOM(HeadlessChromium.fileURL(page), budget: 1000, in: folder)
        let root = try #require(startTag(dom, "main id=\"soothe-preview\""), "no preview root in:\n\(dom.prefix(500))")
        #expect(root["data-ready"] == "true", "the page's script ran")
        #expect(root["data-drawn-cues"] == String(cues.count), "every cue has a laid-out box")
        #expect(root["data-cue-count"] == String(cues.count))
        #expect(root["data-audio"] == "none")
        #expect(startTag(dom, "audio") == nil)
        #expect(dom.components(separatedBy: "class=\"lane lane-").count - 1 == 4)
        #expect(dom.components(separatedBy: "<tr data-cue=").count - 1 == cues.count)
    }

    /// At phone width the page fits the screen; the timeline scrolls sideways inside it.
    @Test func pageFitsAPhoneWidthScreen() throws {
        let folder = try TemporaryFolder()
        let page = folder.file("page.html")
        let result = try SootheCLI.run(["preview", "body-awareness", "--format", "html", "-o", page])
        #expect(result.status == 0, "\(result)")
        // Headless windows are at least 500 px wide: a 375 px frame gives the phone's viewport.
        let frame = try folder.write("phone.html", """
            <!DOCTYPE html><html><body style="margin:0">
            <iframe id="f" src="page.html" style="width:375px;height:812px;border:0"></iframe>
            <script>
            document.getElementById("f").onload = function () {
              var d = this.contentDocument, r = d.getElementById("soothe-preview"), s = d.getElementById("scroller");
              document.body.setAttribute("data-page-width", r.getAttribute("data-page-width"));
              document.body.setAttribute("data-window-width", r.getAttribute("data-window-width"));
              document.body.setAttribute("data-scroll-width", String(s.scrollWidth));
              document.body.setAttribute("data-client-width", String(s.clientWidth));
              document.body.setAttribute("data-title-width", String(d.querySelector("h1").getBoundingClientRect().right));
              document.body.setAttribute("data-overview-width", r.getAttribute("data-overview-width"));
              document.body.setAttribute("data-overview-right", r.getAttribute("data-overview-right"));
              document.body.setAttribute("data-overview-window", r.getAttribute("data-overview-window"));
              document.body.setAttribute("data-overview-above", String(
                d.getElementById("overview").getBoundingClientRect().bottom <= s.getBoundingClientRect().top));
              var labels = d.querySelectorAll(".speech-label text"), shown = 0;
              for (var i = 0; i < labels.length; i++) { if (labels[i].getBoundingClientRect().width > 0) { shown++; } }
              document.body.setAttribute("data-speech-labels", String(shown));
              // The cue table, opened: every cell inside the screen, nothing to scroll sideways.
              var details = d.querySelector("details.cue-table");
              details.open = true;
              var box = d.querySelector(".table-scroll"), cells = d.querySelectorAll(".cue-table td"), right = 0;
              for (var j = 0; j < cells.length; j++) { right = Math.max(right, cells[j].getBoundingClientRect().right); }
              document.body.setAttribute("data-table-scroll", String(box.scrollWidth - box.clientWidth));
              document.body.setAttribute("data-table-right", String(right));
              document.body.setAttribute("data-open-page-width", String(d.documentElement.scrollWidth));
              var what = d.querySelector(".cue-table tbody tr td:nth-child(4)");
              document.body.setAttribute("data-what-width", String(what.getBoundingClientRect().width));
            };
            </script></body></html>
            """)
        let dom = try HeadlessChromium.dumpDOM(HeadlessChromium.fileURL(frame), budget: 1000, allowFileAccess: true, in: folder)
        let body = try #require(startTag(dom, "body"))
        let number = { (name: String) in body[name].flatMap(Double.init) }
        #expect(number("data-window-width") == 375)
        let pageWidth = try #require(number("data-page-width"), "\(body)")
        #expect(pageWidth <= 375, "the page does not scroll sideways at 375 px")
        #expect(try #require(number("data-title-width")) <= 375)
        let scroll = try #require(number("data-scroll-width")), client = try #require(number("data-client-width"))
        #expect(client >= 200, "the timeline keeps most of a phone's width")
        #expect(scroll > client, "a long session's timeline scrolls inside its box")
        // The overview above it shows the whole session across the screen, with a frame on the
        // part the timeline shows.
        let overview = try #require(number("data-overview-width"), "\(body)")
        #expect(overview >= 300 && overview <= 375, "overview \(overview) px wide")
        #expect(try #require(number("data-overview-right")) <= 375)
        #expect(body["data-overview-above"] == "true")
        let shownSeconds = try #require(number("data-overview-window"))
        let duration = try cueSheet("body-awareness").duration
        #expect(shownSeconds > 5 && shownSeconds < duration / 2, "the frame covers \(shownSeconds) s of \(duration) s")
        // Speech blocks carry their words.
        #expect(try #require(number("data-speech-labels")) >= 10)
        // The opened cue table: readable without scrolling sideways, its text in a wide column.
        #expect(try #require(number("data-table-scroll")) <= 0, "the cue table scrolls sideways")
        #expect(try #require(number("data-table-right")) <= 375)
        #expect(try #require(number("data-open-page-width")) <= 375)
        #expect(try #require(number("data-what-width")) >= 250, "the cue's words get most of the width")
    }

    @Test func renderWithHTMLWritesAPageThatPlaysTheAudio() throws {
        let folder = try TemporaryFolder()
        let session = try folder.write("check.yaml", Self.script)
        let audio = folder.file("check.wav")
        let result = try SootheCLI.run([
            "render", session, "-o", audio, "--html", "--sample-rate", "22050", "--channels", "1", "--quiet",
        ])
        try #require(result.status == 0, "\(result)")
        let page = folder.file("check.html")
        #expect(FileManager.default.fileExists(atPath: page))
        // --html implies the captions the page's track points at, identical to preview's.
        let captions = try String(contentsOfFile: folder.file("check.vtt"), encoding: .utf8)
        #expect(captions == (try SootheCLI.run(["preview", "--format", "vtt", session])).stdout)

        let document = try XMLDocument(contentsOf: URL(fileURLWithPath: page), options: [])
        #expect(try document.nodes(forXPath: "//audio/@src").map(\.stringValue) == ["check.wav"])
        #expect(try document.nodes(forXPath: "//audio/track/@src").map(\.stringValue) == ["check.vtt"])
        #expect(try document.nodes(forXPath: "//h1").first?.stringValue == "Page <Check> & \"Co\"")

        let sheet = try cueSheet(session)
        let inhale = try #require(sheet.cues.firstIndex { $0["phase"] as? String == "inhale" })
        let start = try #require(sheet.cues[inhale]["start"] as? Double)
        try #require(start > 1)

        // Opened at #cue-N: the player loads the file, seeks to the cue, and the playhead follows.
        let dom = try HeadlessChromium.dumpDOM(HeadlessChromium.fileURL(page, fragment: "cue-\(inhale)"), in: folder)
        let root = try #require(startTag(dom, "main id=\"soothe-preview\""))
        #expect(root["data-ready"] == "true")
        #expect(root["data-drawn-cues"] == String(sheet.cues.count))
        #expect(root["data-audio"] == "ready", "Chromium loaded check.wav: \(root)")
        let played = try #require(root["data-audio-duration"].flatMap(Double.init))
        #expect(abs(played - sheet.duration) < 0.05, "audio \(played) s, cue sheet \(sheet.duration) s")
        let time = try #require(root["data-time"].flatMap(Double.init), "the player did not seek: \(root)")
        #expect(abs(time - start) < 0.01)
        #expect(root["data-captions"] == "inline", "from file:// the captions come from the page itself")

        // Where the browser may read the track file, the page uses it instead.
        let allowed = try HeadlessChromium.dumpDOM(HeadlessChromium.fileURL(page), budget: 2000, allowFileAccess: true, in: folder)
        #expect(startTag(allowed, "main id=\"soothe-preview\"")?["data-captions"] == "track")
        let pps = try #require(root["data-pps"].flatMap(Double.init)), edge = try #require(root["data-edge"].flatMap(Double.init))
        let playhead = try #require(startTag(dom, "g id=\"playhead\""))
        let x = try #require(playhead["transform"]?.firstMatch(of: #/translate\(([0-9.]+) 0\)/#).flatMap { Double($0.output.1) })
        #expect(abs(x - (edge + start * pps)) < 0.05, "playhead at \(x) px")
        let cue = try #require(startTag(dom, "[a-z]+ [^>]*id=\"cue-\(inhale)\""))
        #expect(cue["class"]?.contains("selected") == true && cue["class"]?.contains("now") == true, "\(cue)")
        #expect(startTag(dom, "track")?["kind"] == "captions")
        #expect(startTag(dom, "tr data-cue=\"cue-\(inhale)\"")?["class"] == "now")
    }

    @Test func previewAudioOptionAddsThePlayer() throws {
        let folder = try TemporaryFolder()
        let session = try folder.write("check.yaml", Self.script)
        let result = try SootheCLI.run(["preview", session, "--format", "html", "--audio", "takes/my take.ogg"])
        #expect(result.status == 0, "\(result)")
        let document = try XMLDocument(xmlString: result.stdout, options: [])
        #expect(try document.nodes(forXPath: "//audio/@src").map(\.stringValue) == ["takes/my%20take.ogg"])
        #expect(try document.nodes(forXPath: "//audio/track/@src").map(\.stringValue) == ["takes/my%20take.vtt"])
        #expect(try document.nodes(forXPath: "//*[@role='button' and @tabindex='0']").count == (try cueSheet(session)).cues.count)
    }

    @Test func audioOptionNeedsTheHTMLFormat() throws {
        let result = try SootheCLI.run(["preview", "four-seven-eight", "--format", "json", "--audio", "x.ogg"])
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("--audio only works with --format html"))
    }
}
