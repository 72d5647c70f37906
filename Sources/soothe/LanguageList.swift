import ArgumentParser
import SootheCore

/// A `--lang` value: comma-separated language tags, or `all`.
struct LanguageList {
    var tags: [String]
    /// `all`: every language there is a translation into (check), or every shipped one (render).
    var all: Bool

    static func parse(_ argument: String) throws -> LanguageList {
        if argument == "all" { return LanguageList(tags: LanguageVoices.translated, all: true) }
        var tags: [String] = []
        for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let tag = LanguageVoices.normalized(part.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--lang: '\(part)' is not a language tag (e.g. es, de, fr, pt-BR, it)")
            }
            if !tags.contains(tag) { tags.append(tag) }
        }
        return LanguageList(tags: tags, all: false)
    }
}
