/// Minimal JSON value writing with a fixed key order (Foundation's encoder does not promise one).
/// A JSON string is also a YAML double-quoted scalar, so translation templates quote with it too.
public enum JSON {
    /// A JSON string literal.
    public static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A JSON number: whole numbers keep one decimal (`6.0`), as in the cue-sheet example.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        return String(value)
    }
}
