import Foundation
import SootheCore

/// Where a session's translations are (`translations/LANG/ID.yaml` beside its script) and how a
/// session is loaded in a language: as written when its voice already speaks the language, else
/// through its translation.
enum SessionTranslations {
    /// The translation of the script at `scriptPath` into `language`.
    static func path(forScript scriptPath: String, language: String) -> String {
        let url = URL(fileURLWithPath: scriptPath)
        return url.deletingLastPathComponent().appendingPathComponent("translations").appendingPathComponent(language)
            .appendingPathComponent(url.lastPathComponent).path
    }

    /// The languages the script at `scriptPath` has a translation into, sorted.
    static func languages(forScript scriptPath: String) -> [String] {
        let folder = URL(fileURLWithPath: scriptPath).deletingLastPathComponent().appendingPathComponent("translations").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: path(forScript: scriptPath, language: $0)) }.sorted()
    }

    /// For a path `…/translations/LANG/NAME.yaml`: the original `…/NAME.yaml` and `LANG`.
    static func original(ofTranslation path: String) -> (script: String, language: String)? {
        let url = URL(fileURLWithPath: path)
        let languageFolder = url.deletingLastPathComponent()
        let translations = languageFolder.deletingLastPathComponent()
        guard translations.lastPathComponent == "translations", let language = LanguageVoices.normalized(languageFolder.lastPathComponent)
        else { return nil }
        return (translations.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent).path, language)
    }

    /// A session in a language: what loading it found.
    enum Loaded {
        /// The session speaks the language as written, or through its translation (`translation`
        /// is then the translation's path).
        case loaded(SessionLoader.Result, translation: String?)
        /// The translation says another session is this one in the language.
        case version(String, translation: String)
        /// No translation into the language.
        case missing(expected: String)
    }

    /// Loads the session in `source` spoken in `language`, by `voice` (nil: the language's default
    /// profile for a translation, the session's own voice when it speaks the language as written).
    static func load(_ source: SessionSource, language: String, voice: String?, workspace: Workspace, timing: any SpeechTiming) throws(SessionSource.NotFound) -> Loaded {
        let bytes = try source.read()
        var loader = workspace.loader(for: source, timing: timing)
        loader.voiceOverride = voice ?? workspace.voiceOverride
        let parsed = loader.parse(bytes: bytes, file: source.path, defaultID: source.defaultID)
        guard let script = parsed.script else { return .loaded(parsed, translation: nil) }
        let own = script.inlineVoice ?? loader.voices.profiles[script.voice]
        if let own, LanguageVoices.speaks(SpeechLanguage(espeak: own.espeak), language) {
            return .loaded(loader.load(bytes: bytes, file: source.path, defaultID: source.defaultID), translation: nil)
        }
        let file = path(forScript: source.path, language: language)
        guard FileManager.default.fileExists(atPath: file) else { return .missing(expected: file) }
        let translationBytes = try SessionSource(path: file, defaultID: script.id).read()
        let speaker = voice ?? workspace.voiceOverride ?? LanguageVoices.defaults[language] ?? script.voice
        switch loader.load(translation: translationBytes, file: file, language: language, original: script, voice: speaker) {
        case .version(let id): return .version(id, translation: file)
        case .loaded(let result): return .loaded(result, translation: file)
        }
    }
}

extension Workspace {
    /// Loads a session spoken in `language` (through its translation); prints its diagnostics;
    /// throws 65 when it has errors, 66 when it has no translation into the language.
    func timeline(_ argument: String, language: String) throws -> Timeline {
        let source = try source(argument)
        let loaded: SessionTranslations.Loaded
        do {
            loaded = try SessionTranslations.load(source, language: language, voice: nil, workspace: self, timing: Speech.synthesizer)
        } catch {
            Console.fail(error.description)
            throw error.status
        }
        switch loaded {
        case .missing(let expected):
            Console.fail("\(argument): no \(language) translation (\(expected); 'soothe translate \(argument) --lang \(language)' writes a template)")
            throw ExitStatus.notFound
        case .version(let id, _):
            Console.fail("\(argument): in \(language) it is the session '\(id)'")
            throw ExitStatus.notFound
        case .loaded(let result, _):
            Console.diagnostics(result.diagnostics)
            try Self.checkSpeech(result)
            guard let timeline = result.timeline else { throw ExitStatus.invalidScript }
            return timeline
        }
    }
}
