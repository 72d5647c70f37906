/// The JSON Schema of translation files (`translations/LANG/ID.yaml`: `soothe schema
/// --translation`, `schema/translation.schema.json`), built like ``SessionSchema`` from the
/// parser's keys.
public enum TranslationSchema {
    /// The schema as indented JSON, ending in a newline.
    public static var text: String { document.rendered() + "\n" }

    /// Where the schema sits in the repository and under an installed soothe's share folder.
    public static let path = "schema/translation.schema.json"

    typealias S = SessionSchema

    /// The schema.
    public static var document: JSONValue {
        S.object(
            ("$schema", .string("http://json-schema.org/draft-07/schema#")),
            ("title", .string("soothe translation")),
            ("description", .string("The words of a session in another language, kept at translations/LANG/ID.yaml beside the original; its steps and timings stay the original's. Reference: docs/session-format.md, Translations.")),
            ("type", .string("object")),
            ("properties", S.object(topLevel)),
            ("additionalProperties", .bool(false)),
            ("anyOf", .array([S.object(("required", S.strings(["title", "lines"]))), S.object(("required", S.strings(["version"])))])),
            ("definitions", S.object(("duration", S.durationShape(positive: false)))))
    }

    /// The top-level keys.
    static var topLevel: [(String, JSONValue)] {
        [
            ("language", S.described("The language tag; must agree with the folder (es, de, fr, pt-BR, it, ...).", ("type", .string("string")), ("pattern", .string("^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")))),
            ("title", S.text("The session's title in this language.")),
            ("summary", S.text("The summary in this language (a warning when the original has one and this is missing).")),
            ("when", S.text("The 'when' line in this language.")),
            ("version", S.described("Instead of 'title' and 'lines': the id of a session already written in this language.", ("type", .string("string")), ("pattern", .string("^[a-z0-9-]+$")))),
            ("lines", S.described("One entry per spoken line of the original, in its order ('soothe translate SESSION --lang LANG' prints them).", ("type", .string("array")), ("items", entry))),
        ]
    }

    /// One entry: the translated text under its kind's key, with `from` and, for `say`, `after`.
    static var entry: JSONValue {
        let kinds: [(String, String)] = TranslatableLine.Kind.keys.map { key in
            switch key {
            case "say": (key, "A 'say' step's text; '[2s]' inside it is a silence.")
            case "item": (key, "An item of a 'repeat' over 'for'.")
            default: (key, "The '\(key)' prompt of a 'breathe' step.")
            }
        }
        let options: [(String, JSONValue)] = [
            // Eight decimal digits are a number to YAML, and the parser takes them as written.
            ("from", S.described("The checksum of the original line this translates: the first eight hex digits of FNV-1a over its UTF-8 text.", ("anyOf", .array([
                S.object(("type", .string("string")), ("pattern", .string("^[0-9a-fA-F]{8}$"))),
                S.object(("type", .string("integer")), ("minimum", .number(0)), ("maximum", .number(99_999_999))),
            ])))),
            ("after", S.duration("For a 'say': the silence after it in this language.", positive: false)),
        ]
        return S.described(
            "An entry: the translated line under one of \(TranslatableLine.Kind.keys.joined(separator: ", ")), with 'from'.",
            ("anyOf", .array(kinds.map { key, description in
                S.described(
                    description, ("type", .string("object")), ("required", S.strings([key])),
                    ("properties", S.object([(key, S.text(description))] + options.filter { $0.0 != "after" || key == "say" })),
                    ("additionalProperties", .bool(false)))
            })))
    }
}
