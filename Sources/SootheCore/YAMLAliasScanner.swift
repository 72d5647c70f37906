/// Finds YAML aliases (`*NAME`) in a script before it is composed.
///
/// Aliases let a few hundred bytes stand for billions of nodes ("billion laughs"): Yams hashes
/// every mapping key while composing, so an alias of a nested collection used as a key hangs the
/// composer, and aliased steps inside nested `repeat`s multiply the parser's work. Session
/// scripts have `repeat` for playing steps again, so aliases are rejected before Yams sees the
/// text. The scanner follows where YAML lets a node begin (after `- `, `? `, `: `, `[`, `{`, `,`,
/// at a line's start, after anchors and tags), skipping comments, quoted scalars, block scalars
/// and the continuation lines of plain scalars, so a `*` inside text is not taken for an alias.
enum YAMLAliasScanner {
    /// The place of the first alias in `text`, or nil when there is none.
    static func firstAlias(in text: String) -> SourceLocation? {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        var line = 1, column = 0
        var flowDepth = 0
        var quote: Unicode.Scalar?
        var escaped = false
        var skipLine = false          // a comment, a directive or a block scalar's header
        var inProperty = false        // an anchor or a tag before a node
        var lineStart = true
        var indent = 0
        var nodeStart = true          // a node may begin at the next significant character
        var inPlain = false           // inside a plain (unquoted) scalar
        var plainParent = -1          // block context: the column of the entry the plain scalar belongs to
        var entryColumn = 0           // block context: the column of the current entry (its dash or key)
        var keyCandidate: Int?        // the column of a scalar that may turn out to be a key
        var blockScalarParent: Int?   // inside a literal or folded scalar: lines indented more belong to it
        var pendingBlockScalar: Int?
        var previousIsSpace = true

        func isBreak(_ c: Unicode.Scalar) -> Bool {
            c == "\n" || c == "\r" || c == "\u{85}" || c == "\u{2028}" || c == "\u{2029}"
        }
        func endsToken(_ c: Unicode.Scalar?) -> Bool {
            guard let c else { return true }
            return c == " " || c == "\t" || isBreak(c)
        }

        while i < scalars.count {
            let c = scalars[i]
            let next: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
            i += 1
            column += 1
            if isBreak(c) {
                if c == "\r", next == "\n" { continue }
                line += 1
                column = 0
                skipLine = false
                inProperty = false
                lineStart = true
                indent = 0
                previousIsSpace = true
                if let parent = pendingBlockScalar {
                    blockScalarParent = parent
                    pendingBlockScalar = nil
                }
                continue
            }
            if lineStart {
                if c == " " || c == "\t" {
                    indent += 1
                    continue
                }
                lineStart = false
                if let parent = blockScalarParent {
                    if indent > parent {
                        skipLine = true
                        continue
                    }
                    blockScalarParent = nil
                }
                if quote == nil && flowDepth == 0 {
                    if inPlain && indent > plainParent && c != "#" {
                        nodeStart = false           // the plain scalar goes on
                    } else {
                        inPlain = false
                        nodeStart = true
                        keyCandidate = nil
                    }
                    if column == 1, c == "%" {
                        skipLine = true
                        continue
                    }
                    // `---` and `...` end or start a document; a node may follow on the line.
                    if column == 1, c == "-" || c == ".", i + 2 <= scalars.count, scalars[i] == c, scalars[i + 1] == c,
                        endsToken(i + 2 < scalars.count ? scalars[i + 2] : nil)
                    {
                        i += 2
                        column += 2
                        inPlain = false
                        nodeStart = true
                        entryColumn = 0
                        continue
                    }
                }
            }
            if skipLine { continue }
            if let q = quote {
                if q == "\"" {
                    if escaped {
                        escaped = false
                    } else if c == "\\" {
                        escaped = true
                    } else if c == "\"" {
                        quote = nil
                        previousIsSpace = false
                    }
                } else if c == "'" {
                    if next == "'" {
                        i += 1
                        column += 1
                    } else {
                        quote = nil
                        previousIsSpace = false
                    }
                }
                continue
            }
            if inProperty {
                if c == " " || c == "\t" { inProperty = false }
                previousIsSpace = true
                continue
            }
            if c == " " || c == "\t" {
                previousIsSpace = true
                continue
            }
            let afterSpace = previousIsSpace
            previousIsSpace = false
            if c == "#" && afterSpace {
                skipLine = true
                continue
            }
            if nodeStart {
                switch c {
                case "*":
                    return SourceLocation(line: line, column: column)
                case "&", "!":
                    inProperty = true
                case "\"", "'":
                    quote = c
                    escaped = false
                    nodeStart = false
                    inPlain = false
                    if keyCandidate == nil { keyCandidate = column - 1 }
                case "[", "{":
                    flowDepth += 1
                case "]", "}":
                    flowDepth = max(0, flowDepth - 1)
                    nodeStart = false
                case "-" where endsToken(next) && flowDepth == 0:
                    entryColumn = column - 1
                    keyCandidate = nil
                case "?" where endsToken(next):
                    keyCandidate = nil
                case ":" where endsToken(next) || flowDepth > 0:
                    keyCandidate = nil
                // (One pattern per case: a `where` clause guards only the pattern it follows.)
                case "|" where flowDepth == 0, ">" where flowDepth == 0:
                    pendingBlockScalar = entryColumn
                    skipLine = true
                    nodeStart = false
                case "," where flowDepth > 0:
                    break
                default:
                    // A plain scalar begins; in block context it may be a key.
                    nodeStart = false
                    inPlain = true
                    plainParent = entryColumn
                    keyCandidate = column - 1
                }
                continue
            }
            switch c {
            case ":" where endsToken(next) || flowDepth > 0:
                nodeStart = true
                inPlain = false
                if flowDepth == 0, let key = keyCandidate { entryColumn = key }
                keyCandidate = nil
            case "," where flowDepth > 0:
                nodeStart = true
                inPlain = false
            case "[" where flowDepth > 0, "{" where flowDepth > 0:
                flowDepth += 1
                nodeStart = true
                inPlain = false
            case "]" where flowDepth > 0, "}" where flowDepth > 0:
                flowDepth -= 1
                inPlain = false
            default:
                break
            }
        }
        return nil
    }
}
