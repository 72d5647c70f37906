/// A sound file a script names: a chime of its own (`chime: ./sounds/my-bell.wav`) or a bed of
/// its own (`ambience: {sound: ./rain.flac}`).
///
/// The core never reads it: it records where the script said it is and where it was written, and
/// learns its length from a ``SoundFileProbe`` the caller gives the builder.
public struct SoundFile: Sendable, Hashable {
    /// The path as the script wrote it (for messages).
    public var written: String
    /// The path to read: a relative path joined to the script's folder, `~/` to the home folder.
    public var path: String
    /// Where the path was written.
    public var location: SourceLocation

    public init(written: String, path: String, location: SourceLocation) {
        self.written = written
        self.path = path
        self.location = location
    }

    /// File name extensions taken as sound files even without `./` before them.
    public static let extensions = ["wav", "flac", "ogg", "oga", "opus", "mp3", "aiff", "aif", "aifc", "caf", "au", "w64", "rf64"]

    /// Whether a chime or ambience value names a file rather than a built-in sound: it starts
    /// with `./`, `../`, `/` or `~/`, or ends in one of ``extensions`` (any case).
    public static func isPath(_ text: String) -> Bool {
        if text.hasPrefix("./") || text.hasPrefix("../") || text.hasPrefix("/") || text.hasPrefix("~/") { return true }
        guard let dot = text.lastIndex(of: ".") else { return false }
        return extensions.contains(text[text.index(after: dot)...].lowercased())
    }

    /// `written` resolved: absolute paths as they are, `~/…` under `home` (when known), anything
    /// else relative to the folder of `scriptFile` (the working folder when it has none).
    public static func resolve(_ written: String, scriptFile: String, home: String?) -> String {
        if written.hasPrefix("/") { return written }
        if written.hasPrefix("~/"), let home { return home + written.dropFirst(1) }
        guard let slash = scriptFile.lastIndex(of: "/") else { return written }
        return String(scriptFile[...slash]) + written
    }

    /// What a file is used as: a chime is read whole; a bed may be looped.
    public enum Use: Sendable, Hashable {
        case chime, bed
    }
}

/// Finds out whether a sound file can be used and how long it is, without the core reading it:
/// the executable answers with libsndfile, tests with fixed lengths.
public protocol SoundFileProbe: Sendable {
    /// The file's length in seconds, or why it cannot be used (a sentence such as "no such
    /// file" or "it is longer than 10 minutes").
    func length(of file: SoundFile, as use: SoundFile.Use) -> Result<Double, SoundFileProblem>
}

/// Why a sound file cannot be used.
public struct SoundFileProblem: Error, Sendable, Hashable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// What a chime rings: one of the built-in instruments or a sound file of the script's own.
public enum ChimeSound: Sendable, Hashable {
    case builtIn(ChimeKind)
    case file(SoundFile)

    /// The name a person reads: the kind's script name or the path as written.
    public var name: String {
        switch self {
        case .builtIn(let kind): kind.rawValue
        case .file(let file): file.written
        }
    }

    /// The built-in kind, if it is one.
    public var kind: ChimeKind? {
        if case .builtIn(let kind) = self { kind } else { nil }
    }
}
