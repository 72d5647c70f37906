/// ISO 639-2 codes, which ID3 frames use for a language (`TLAN`, `COMM`), from BCP 47 tags.
enum LanguageCodes {
    /// The three-letter (terminology) code of the tag's primary language, or `und`.
    static func iso6392(_ tag: String) -> String {
        let primary = tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
        if primary.count == 3 { return primary }
        return codes[primary] ?? "und"
    }

    private static let codes = [
        "en": "eng", "es": "spa", "de": "deu", "fr": "fra", "pt": "por", "it": "ita", "nl": "nld", "sv": "swe",
        "da": "dan", "nb": "nob", "no": "nor", "fi": "fin", "pl": "pol", "cs": "ces", "sk": "slk", "hu": "hun",
        "ro": "ron", "el": "ell", "tr": "tur", "ru": "rus", "uk": "ukr", "ja": "jpn", "zh": "zho", "ko": "kor",
        "ar": "ara", "he": "heb", "hi": "hin", "ca": "cat", "eu": "eus", "gl": "glg", "cy": "cym", "ga": "gle",
        "is": "isl", "et": "est", "lv": "lav", "lt": "lit", "sl": "slv", "hr": "hrv", "sr": "srp", "bg": "bul",
        "id": "ind", "ms": "msa", "vi": "vie", "th": "tha", "af": "afr", "sw": "swa", "eo": "epo", "la": "lat",
    ]
}
