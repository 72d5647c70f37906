import Foundation
import Testing

/// Issue 15 point 4 through the binary: the words soothe adds are spoken in the voice's
/// language, a language soothe has no words in gets English and one warning, and the preview
/// page says which language it is in.
@Suite struct SpokenLanguageTests {
    /// A soothe home with the package's voices and sessions plus a German (`tde`) and a Finnish
    /// (`tfi`) profile: espeak-ng speaks Finnish, soothe has no words in it.
    static func home() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: folder.file("assets"), withDestinationPath: SootheCLI.packageRoot + "/assets")
        try fm.createDirectory(atPath: folder.file("voices"), withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: SootheCLI.packageRoot + "/voices") where name.hasSuffix(".yaml") {
            try fm.createSymbolicLink(atPath: folder.file("voices/\(name)"), withDestinationPath: SootheCLI.packageRoot + "/voices/\(name)")
        }
        for (name, espeak) in [("tde", "de+f3"), ("tfi", "fi+f3")] {
            try folder.write("voices/\(name).yaml", "description: test voice\nespeak: \(espeak)\nrate: 125\npitch: 40\nrange: 25\nword-gap: 8\n")
        }
        return folder
    }

    static func captions(_ path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try #require(RenderCommandTests.parseVTT(text)).map(\.text)
    }

    @Test func breatheWithAGermanVoiceSpeaksGermanWithoutWarning() throws {
        let home = try Self.home()
        let out = try TemporaryFolder()
        let result = try SootheCLI.run(
            ["breathe", "--voice", "tde", "--pattern", "sigh", "--cycles", "1", "--count", "--chime", "none", "--captions",
             "--html", "-o", out.file("de.wav")] + RenderCommandTests.small, home: home.path)
        #expect(result.status == 0, "\(result)")
        #expect(!result.stderr.contains("warning"), "\(result)")
        let spoken = try Self.captions(out.file("de.vtt"))
        #expect(spoken.first == "Lass uns gemeinsam atmen. Du kannst jederzeit aufhören, die Augen öffnen und normal atmen.")
        #expect(spoken.contains("Einatmen") && spoken.contains("Ausatmen") && spoken.contains("Mehr"), "\(spoken)")
        #expect(spoken.contains("vier"), "the 7.5 s exhale is counted in German: \(spoken)")
        #expect(!spoken.contains { ["Breathe in", "Breathe out", "two", "three", "four"].contains($0) }, "\(spoken)")
        let page = try String(contentsOfFile: out.file("de.html"), encoding: .utf8)
        #expect(page.contains("<html lang=\"de\">") && page.contains("<title>Zyklisches Seufzen · soothe preview</title>"))
    }

    @Test func breatheInALanguageWithoutWordsWarnsOnceAndSpeaksEnglish() throws {
        let home = try Self.home()
        let out = try TemporaryFolder()
        let result = try SootheCLI.run(
            ["breathe", "--voice", "tfi", "--pattern", "box", "--cycles", "2", "--count", "--chime", "none", "--captions",
             "-o", out.file("fi.wav")] + RenderCommandTests.small, home: home.path)
        #expect(result.status == 0, "\(result)")
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("warning:") }
        #expect(warnings.count == 1, "\(result)")
        #expect(warnings.first?.hasPrefix("<breathe>:1:1: warning: soothe has no words of its own in 'fi'") == true, "\(result)")
        let spoken = try Self.captions(out.file("fi.vtt"))
        #expect(spoken.contains("Breathe in") && spoken.contains("three"), "\(spoken)")
    }

    /// `check` shows the warning at the step that counts; the script is still fine (exit 0).
    @Test func checkShowsTheFallbackWarningAtTheCountingStep() throws {
        let home = try Self.home()
        let folder = try TemporaryFolder()
        let path = try folder.write("fi.yaml", "title: Hengitys\nvoice: tfi\nsteps:\n  - say: Hengitä rauhassa.\n  - breathe: {pattern: 4-0-4-0, cycles: 2, count: true}\n")
        let result = try SootheCLI.run(["check", path], home: home.path)
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("\(path):5:5: warning: soothe has no words of its own in 'fi', the language of voice 'tfi'"), "\(result)")
        let german = try folder.write("de.yaml", "title: Atmen\nvoice: tde\nsteps:\n  - breathe: {pattern: 4-0-4-0, cycles: 2, count: true}\n")
        let clean = try SootheCLI.run(["check", german], home: home.path)
        #expect(clean.status == 0 && !clean.stderr.contains("warning"), "\(clean)")
    }

    /// The Spanish built-in voice counts in Spanish in the cue sheet, and the Spanish built-in
    /// session's page is in Spanish.
    @Test func spanishCountsAndPage() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("cuenta.yaml", "title: Cuenta\nvoice: calma\nsteps:\n  - breathe: {pattern: 4-0-4-0, cycles: 1, count: true}\n")
        let sheet = try SootheCLI.run(["preview", path, "--format", "json"])
        #expect(sheet.status == 0, "\(sheet)")
        #expect(sheet.stdout.contains("\"text\": \"dos\"") && sheet.stdout.contains("\"text\": \"tres\""), "\(sheet)")
        #expect(!sheet.stdout.contains("\"text\": \"two\""))
        let page = try SootheCLI.run(["preview", "respiracion-abdominal", "--format", "html"])
        #expect(page.status == 0 && page.stdout.contains("<html lang=\"es\">"), "\(page.stderr)")
        let english = try SootheCLI.run(["preview", "belly-breathing", "--format", "html"])
        #expect(english.status == 0 && english.stdout.contains("<html lang=\"en-US\">"), "\(english.stderr)")
    }
}
