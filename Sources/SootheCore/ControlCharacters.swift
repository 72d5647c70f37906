/// Control characters in text from a script: refused where text is spoken or shown, escaped
/// wherever a script's text is echoed (messages, terminals), so a hostile script can neither
/// hide words from espeak-ng (it stops at a NUL) nor clear or retitle a terminal.
public enum ControlCharacters {
    /// Whether `scalar` is a C0 or C1 control other than tab and line feed (which YAML's block
    /// scalars hold as ordinary white space).
    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }

    /// The first forbidden control character in `text`, or nil.
    public static func first(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first(where: isForbidden)
    }

    /// `U+001B`.
    public static func name(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `text` with every control character (tab and line feed too) written as `\u{1B}`: safe to
    /// print on one line.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
