import Yams

/// What a YAML library error says to a person, and where: one wording for session scripts and
/// translation files alike.
enum YAMLErrorText {
    /// The location and message for `yamlError`, raised while reading `text`.
    static func describe(_ yamlError: YamlError, in text: String) -> (SourceLocation, String) {
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            // libyaml says "found character that cannot start any token" where a tab indents.
            if let tab = firstIndentingTab(in: text, throughLine: mark.line) {
                return (tab, "a tab indents this line: indent with spaces (YAML allows no tabs in indentation)")
            }
            let detail = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            return (SourceLocation(line: mark.line, column: mark.column), "YAML syntax error: \(problem)\(detail)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return (SourceLocation(line: context.mark.line, column: context.mark.column),
                    "duplicate key \(names) in one mapping; each key may appear once")
        case .reader(let problem, let offset, _, _):
            return (.start, "cannot read the file as YAML: \(problem)\(offset.map { " at offset \($0)" } ?? "")")
        default:
            return (.start, "YAML error: \(yamlError)")
        }
    }

    /// Where the first tab in a line's indentation is, on lines 1 through `line`.
    static func firstIndentingTab(in text: String, throughLine line: Int) -> SourceLocation? {
        var number = 0
        for row in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            if number > line { break }
            for (offset, character) in row.enumerated() {
                if character == "\t" { return SourceLocation(line: number, column: offset + 1) }
                if character != " " { break }
            }
        }
        return nil
    }
}
