import Yams

/// Small helpers over Yams' composed nodes: locations and type names for messages.
extension Node {
    /// Where the node starts in its file.
    var location: SourceLocation {
        guard let mark else { return .start }
        return SourceLocation(line: mark.line, column: mark.column)
    }

    /// The node's scalar text, or nil for mappings and sequences.
    var scalarText: String? {
        if case .scalar(let scalar) = self { return scalar.string }
        return nil
    }

    /// Whether the scalar is YAML's null (`~`, `null` or nothing at all).
    var isNull: Bool {
        guard case .scalar(let scalar) = self, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// "a mapping", "a list", "text '...'" for messages about what was found instead.
    var kindDescription: String {
        switch self {
        case .scalar(let scalar):
            if isNull { return "nothing" }
            let text = scalar.string.count > 40 ? String(scalar.string.prefix(37)) + "..." : scalar.string
            return "'\(text)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}
