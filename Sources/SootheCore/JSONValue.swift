/// A JSON value whose objects keep their keys in the order written, so that what is printed from
/// it is the same on every run (the session schema is compared with a committed file).
public indirect enum JSONValue: Sendable, Hashable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([Member])

    /// A key and its value in an object.
    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: JSONValue

        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The value's members, if it is an object.
    public var members: [Member]? {
        if case .object(let members) = self { members } else { nil }
    }

    /// The value at `key`, if this is an object that has it.
    public subscript(key: String) -> JSONValue? {
        members?.first { $0.key == key }?.value
    }

    /// Indented text, two spaces a level; an array of plain values stays on one line.
    public func rendered(indent: String = "") -> String {
        switch self {
        case .string(let text): return JSON.string(text)
        case .number(let value):
            return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : JSON.number(value)
        case .bool(let value): return value ? "true" : "false"
        case .array(let items):
            if items.allSatisfy(\.isPlain) { return "[" + items.map { $0.rendered() }.joined(separator: ", ") + "]" }
            let inner = indent + "  "
            return "[\n" + items.map { inner + $0.rendered(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            let inner = indent + "  "
            return "{\n" + members.map { inner + JSON.string($0.key) + ": " + $0.value.rendered(indent: inner) }.joined(separator: ",\n")
                + "\n" + indent + "}"
        }
    }

    var isPlain: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }
}
