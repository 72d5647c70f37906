import Foundation

/// A session script to read: a file path or the id of a built-in session.
public struct SessionSource: Sendable, Hashable {
    /// The script's path.
    public var path: String
    /// The id implied by the file name.
    public var defaultID: String

    /// Why a SESSION argument names nothing.
    public struct NotFound: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Resolves a SESSION argument: an existing path, else a built-in id.
    public static func resolve(_ argument: String, sessionsDirectory: String?) throws(NotFound) -> SessionSource {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let looksLikePath = argument.contains("/") || argument.hasSuffix(".yaml") || argument.hasSuffix(".yml")
        if fm.fileExists(atPath: argument, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                throw NotFound(description: "'\(argument)' is a folder; give a session file (.yaml) or a built-in session id")
            }
            return SessionSource(path: argument, defaultID: ScriptParser.defaultID(forFileName: argument))
        }
        if looksLikePath {
            throw NotFound(description: "no such file: \(argument)")
        }
        let ids = builtInIDs(in: sessionsDirectory)
        guard ScriptParser.isValidID(argument) else {
            throw NotFound(description: "'\(argument)' is neither a file nor a session id (ids are lower-case letters, digits and '-'); run 'soothe list' for the built-in sessions")
        }
        if let folder = sessionsDirectory {
            let path = folder + "/" + argument + ".yaml"
            if fm.fileExists(atPath: path) { return SessionSource(path: path, defaultID: argument) }
        }
        let near = Suggestions.nearest(to: argument, in: ids, limit: 3)
        let hint = near.isEmpty ? "" : " (did you mean \(near.map { "'\($0)'" }.joined(separator: ", "))?)"
        let where_ = sessionsDirectory == nil ? "; no built-in sessions were found (set SOOTHE_HOME)" : "; run 'soothe list' for the built-in sessions"
        throw NotFound(description: "unknown session '\(argument)'\(hint)\(where_)")
    }

    /// The ids of the built-in sessions, sorted.
    public static func builtInIDs(in sessionsDirectory: String?) -> [String] {
        guard let folder = sessionsDirectory,
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder)
        else { return [] }
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The file's bytes.
    public func read() throws(NotFound) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NotFound(description: "cannot read \(path)")
        }
        return [UInt8](data)
    }
}

/// Parsing and building in one call: what `check`, `preview` and `render` all start with.
public struct SessionLoader: Sendable {
    public var voices: VoiceLibrary
    public var timing: any SpeechTiming

    public init(voices: VoiceLibrary, timing: any SpeechTiming) {
        self.voices = voices
        self.timing = timing
    }

    /// The outcome of loading one session.
    public struct Result: Sendable {
        public var script: Script?
        public var timeline: Timeline?
        public var diagnostics: [Diagnostic]
        /// Set (and `timeline` nil) when speech could not be had on this machine: not a problem
        /// of the script, whose `diagnostics` are then only the parser's.
        public var speechUnavailable: SpeechUnavailable?
    }

    /// Parses and builds the script in `bytes`.
    public func load(bytes: [UInt8], file: String, defaultID: String) -> Result {
        let parser = ScriptParser(voiceNames: voices.names.isEmpty ? [VoiceProfile.fallback.name] : voices.names)
        let (script, parseDiagnostics) = parser.parse(bytes: bytes, file: file, defaultID: defaultID)
        guard let script else { return Result(script: nil, timeline: nil, diagnostics: parseDiagnostics) }
        let builder = TimelineBuilder(voices: voices.profiles, timing: timing)
        do {
            let (timeline, buildDiagnostics) = try builder.build(script)
            return Result(script: script, timeline: timeline, diagnostics: (parseDiagnostics + buildDiagnostics).sortedByLocation())
        } catch {
            return Result(script: script, timeline: nil, diagnostics: parseDiagnostics, speechUnavailable: error)
        }
    }

    /// Reads and loads a resolved source.
    public func load(_ source: SessionSource) throws(SessionSource.NotFound) -> Result {
        load(bytes: try source.read(), file: source.path, defaultID: source.defaultID)
    }
}
