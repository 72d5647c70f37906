/// How bad a finding is.
public enum Severity: String, Sendable, Hashable, Codable {
    case error, warning
}

/// A finding about a script, located in its file: printed as `FILE:LINE:COLUMN: error: MESSAGE`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public var severity: Severity
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column (in Unicode scalars, as libyaml counts).
    public var column: Int
    public var message: String

    public init(_ severity: Severity, file: String, line: Int, column: Int, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `FILE:LINE:COLUMN: error: MESSAGE`, with any control character a script put into the
    /// file name or message escaped (`\u{1B}`).
    public var description: String {
        ControlCharacters.escaped("\(file):\(line):\(column): \(severity.rawValue): \(message)")
    }
}

extension Array where Element == Diagnostic {
    /// Whether any finding is an error (warnings alone do not stop a render).
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by position, errors before warnings at the same place; findings in other files
    /// (a voice profile's, after a script's) stay together, the files in their first order.
    public func sortedByLocation() -> [Diagnostic] {
        var rank: [String: Int] = [:]
        for diagnostic in self where rank[diagnostic.file] == nil { rank[diagnostic.file] = rank.count }
        return sorted {
            (rank[$0.file]!, $0.line, $0.column, $0.severity == .error ? 0 : 1) < (rank[$1.file]!, $1.line, $1.column, $1.severity == .error ? 0 : 1)
        }
    }
}

/// A place in a script file.
public struct SourceLocation: Sendable, Hashable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public static let start = SourceLocation(line: 1, column: 1)
}
