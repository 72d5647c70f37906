import ArgumentParser

/// `K/N`: every Nth item starting at the Kth (1-based).
struct Shard: Sendable, Equatable {
    var index: Int
    var count: Int

    /// Parses `K/N`, or says what is wrong with it.
    static func parse(_ argument: String) throws -> Shard {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw ValidationError("expected K/N, e.g. 2/4 (the 2nd of 4 shares), or auto (from the CI's variables)")
        }
        guard n >= 1 else { throw ValidationError("N must be at least 1") }
        guard (1...n).contains(k) else { throw ValidationError("K must be 1…\(n)") }
        return Shard(index: k, count: n)
    }

    func includes(_ offset: Int) -> Bool { offset % count == index - 1 }

    /// The items of `items` in this share.
    func share<T>(of items: [T]) -> [T] {
        items.enumerated().filter { includes($0.offset) }.map(\.element)
    }
}

/// What `--shard` asks for: a share given as `K/N`, or `auto` (`auto/N`): the share a CI's
/// parallel job is, read from its variables when the batch runs.
enum ShardRequest: Sendable, Equatable {
    case fixed(Shard)
    /// `auto`; `total` from `auto/N`, for schedulers that give only the index.
    case auto(total: Int?)

    static func parse(_ argument: String) throws -> ShardRequest {
        if argument == "auto" { return .auto(total: nil) }
        if argument.hasPrefix("auto/") {
            guard let total = Int(argument.dropFirst(5)), total >= 1 else {
                throw ValidationError("expected auto/N with N a whole number of shares, at least 1")
            }
            return .auto(total: total)
        }
        return .fixed(try Shard.parse(argument))
    }

    /// The variable that gives the share count to a Kubernetes indexed Job (which sets only the index).
    static let totalVariable = "SOOTHE_SHARD_COUNT"

    /// Where each CI keeps a parallel job's index and count, and whether the index counts from 1.
    struct Source: Sendable {
        var name: String
        var index: String
        var total: String?
        var oneBased: Bool
    }

    /// The CIs `auto` reads, in the order asked.
    static let sources = [
        Source(name: "GitLab CI", index: "CI_NODE_INDEX", total: "CI_NODE_TOTAL", oneBased: true),
        Source(name: "CircleCI", index: "CIRCLE_NODE_INDEX", total: "CIRCLE_NODE_TOTAL", oneBased: false),
        Source(name: "Buildkite", index: "BUILDKITE_PARALLEL_JOB", total: "BUILDKITE_PARALLEL_JOB_COUNT", oneBased: false),
        Source(name: "a Kubernetes indexed Job", index: "JOB_COMPLETION_INDEX", total: nil, oneBased: false),
    ]

    /// The share this request is in `environment`, or a sentence saying why there is none.
    func resolve(_ environment: [String: String]) -> Result<Shard, ShardProblem> {
        switch self {
        case .fixed(let shard): return .success(shard)
        case .auto(let given): return Self.fromEnvironment(environment, total: given)
        }
    }

    /// The share the first CI whose index variable is set says this job is.
    static func fromEnvironment(_ environment: [String: String], total given: Int?) -> Result<Shard, ShardProblem> {
        func value(_ name: String) -> String? {
            environment[name].flatMap { $0.isEmpty ? nil : $0 }
        }
        for source in sources {
            guard let indexText = value(source.index) else { continue }
            guard let raw = Int(indexText) else {
                return .failure(ShardProblem("--shard auto: \(source.index) is '\(indexText)', not a whole number"))
            }
            var total = given
            let totalName = source.total ?? totalVariable
            if let text = value(totalName) {
                guard let number = Int(text), number >= 1 else {
                    return .failure(ShardProblem("--shard auto: \(totalName) is '\(text)', not a whole number of at least 1"))
                }
                if let given, given != number {
                    return .failure(ShardProblem("--shard auto/\(given) disagrees with \(totalName)=\(number)"))
                }
                total = number
            }
            guard let total else {
                return .failure(ShardProblem("--shard auto: \(source.name) sets \(source.index) but not how many shares there are: give --shard auto/N or set \(totalName)"))
            }
            let index = source.oneBased ? raw : raw + 1
            guard (1...total).contains(index) else {
                return .failure(ShardProblem("--shard auto: \(source.index)=\(raw) is outside \(total) shares (counted from \(source.oneBased ? 1 : 0))"))
            }
            return .success(Shard(index: index, count: total))
        }
        // GitLab sets CI_NODE_TOTAL=1 (and no index) for a job that is not parallel: all of it.
        if value("CI_NODE_TOTAL") == "1" { return .success(Shard(index: 1, count: 1)) }
        let names = sources.map { source in source.total.map { "\(source.index)/\($0)" } ?? "\(source.index) (with --shard auto/N or \(totalVariable))" }
        return .failure(ShardProblem("--shard auto: no CI shard variables are set (looked for \(names.joined(separator: ", "))); give --shard K/N"))
    }
}

/// Why `--shard auto` found no share.
struct ShardProblem: Error, Equatable {
    var message: String
    init(_ message: String) { self.message = message }
}
