/// The language a voice speaks, read from its espeak-ng name: the part before `+`, whose
/// subtags espeak-ng writes like BCP 47 (`en-us`, `es-419`, `pt-br`, `en-gb-x-rp`).
public struct SpeechLanguage: Sendable, Hashable, CustomStringConvertible {
    /// The BCP 47 tag, cased as BCP 47 recommends: `en-US`, `pt-BR`, `es-419`, `de`,
    /// `en-GB-x-rp`; `und` (undetermined) when the name holds no letters or digits. Only ASCII
    /// letters, digits and `-`, so it is safe in markup.
    public let tag: String

    /// The language of the espeak-ng voice name `espeak` (`en-us+f3` → `en-US`).
    public init(espeak: String) {
        let base = espeak.split(separator: "+", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let kept = String(base.unicodeScalars.compactMap { scalar -> Character? in
            if scalar == "_" { return "-" }
            return scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-")
                ? Character(scalar) : nil
        })
        let subtags = kept.lowercased().split(separator: "-").map(String.init)
        tag = subtags.isEmpty ? "und" : Self.cased(subtags).joined(separator: "-")
    }

    /// The primary language subtag, lowercase (`en`, `es`, `pt`): what selects a ``PhraseTable``.
    public var primary: String {
        String(tag.prefix { $0 != "-" })
    }

    public var description: String { tag }

    /// BCP 47 casing: the language lowercase, a two-letter region uppercase (`us` → `US`), a
    /// four-letter script in title case (`latn` → `Latn`), everything else (numeric regions,
    /// variants, and whatever follows the private-use `x`) lowercase.
    static func cased(_ subtags: [String]) -> [String] {
        var privateUse = false
        return subtags.enumerated().map { index, subtag in
            if index == 0 || privateUse { return subtag }
            if subtag == "x" {
                privateUse = true
                return subtag
            }
            let letters = subtag.allSatisfy(\.isLetter)
            if letters && subtag.count == 2 { return subtag.uppercased() }
            if letters && subtag.count == 4 { return subtag.prefix(1).uppercased() + subtag.dropFirst() }
            return subtag
        }
    }
}
