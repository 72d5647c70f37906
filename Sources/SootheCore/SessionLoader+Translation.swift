extension SessionLoader {
    /// What loading a translation found: the session spoken through it, or the session it
    /// names as this one in its language (`version:`).
    public enum Translated: Sendable {
        case loaded(Result)
        case version(String)
    }

    /// Loads `original` spoken through the translation in `bytes` (read from `file`, in the
    /// folder of `language`), by the profile `voice`: the translation's findings and the
    /// build's, located in `file`.
    public func load(translation bytes: [UInt8], file: String, language: String, original: Script, voice: String) -> Translated {
        let (translation, problems) = Translation.parse(bytes: bytes, file: file, language: language)
        if let version = translation?.version { return .version(version) }
        guard let translation else { return .loaded(Result(script: nil, timeline: nil, diagnostics: problems)) }
        let (translated, applied) = TranslationApplier.apply(translation, to: original, voice: voice)
        guard let translated else { return .loaded(Result(script: nil, timeline: nil, diagnostics: problems + applied)) }
        var loader = self
        loader.voiceOverride = nil
        var result = loader.build(translated)
        result.diagnostics = (problems + applied + result.diagnostics).sortedByLocation()
        return .loaded(result)
    }

    /// Parses a script without building it: for a translation's original.
    public func parse(bytes: [UInt8], file: String, defaultID: String) -> Result {
        let parser = ScriptParser(voiceNames: voices.allNames.isEmpty ? [VoiceProfile.fallback.name] : voices.allNames)
        let (script, diagnostics) = parser.parse(bytes: bytes, file: file, defaultID: defaultID)
        return Result(script: script, timeline: nil, diagnostics: diagnostics)
    }
}
