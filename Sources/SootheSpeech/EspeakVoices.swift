/// The voices of the installed espeak-ng, and a check of voice names.
public enum EspeakVoices {
    /// Every installed espeak-ng voice (variants and MBROLA voices left out), in espeak-ng's order.
    public static func installed() throws -> [InstalledEspeakVoice] {
        try EspeakEngine.shared.installedVoices()
    }

    /// The variants that may follow `+` in a voice name (`f3`, `m3`, `klatt`, ...), sorted.
    public static func variants() throws -> [String] {
        try EspeakEngine.shared.installedVariants()
    }

    /// `nil` when `espeakName` (a voice or language name with an optional `+variant`, e.g.
    /// `en-us+f3`) loads; otherwise an ``SpeechError/Kind/unknownVoice(name:suggestions:)`` error
    /// whose message names the nearest valid names.
    public static func validate(_ espeakName: String) -> SpeechError? {
        EspeakEngine.shared.validate(espeakName)
    }
}
