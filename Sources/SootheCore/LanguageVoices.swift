/// The languages soothe ships a voice for, each with the profile that speaks it by default: a
/// session rendered in a language without `--voice` is spoken by that profile.
public enum LanguageVoices {
    /// Language tag → default voice profile name.
    public static let defaults: [String: String] = [
        "en": "gentle",
        "es": "calma-419",
        "de": "sanft",
        "fr": "douce",
        "pt-BR": "suave",
        "it": "dolce",
    ]

    /// The shipped languages a catalogue is translated into (every default but English), in the
    /// order a matrix renders them.
    public static let translated = ["es", "de", "fr", "pt-BR", "it"]

    /// The tag as soothe writes it (`pt-br` → `pt-BR`, `DE` → `de`), or nil when it is not a
    /// language tag (letters, digits and `-`, starting with two or three letters).
    public static func normalized(_ tag: String) -> String? {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }),
            parts.allSatisfy({ !$0.isEmpty && $0.count <= 8 && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        else { return nil }
        return SpeechLanguage.cased(parts.map { $0.lowercased() }).joined(separator: "-")
    }

    /// Whether a voice speaking `voiceLanguage` (as ``SpeechLanguage`` reads it) speaks `tag`:
    /// the same primary language (`es-419` speaks `es`; `pt-BR` speaks `pt-BR` and `pt`).
    public static func speaks(_ voiceLanguage: SpeechLanguage, _ tag: String) -> Bool {
        voiceLanguage.primary == String(tag.lowercased().prefix { $0 != "-" })
    }
}
