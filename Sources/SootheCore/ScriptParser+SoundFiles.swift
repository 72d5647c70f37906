/// Sound files in scripts: `chime: ./sounds/my-bell.wav`, `ambience: {sound: ./rain.flac, loop: true}`.
/// A value names a file when ``SoundFile/isPath(_:)`` says so; otherwise a built-in sound.
extension ParseRun {
    /// The file a chime or bed value names, resolved against the script's folder; nil for a name.
    func soundFile(_ text: String, at: SourceLocation) -> SoundFile? {
        guard SoundFile.isPath(text) else { return nil }
        return SoundFile(written: text, path: SoundFile.resolve(text, scriptFile: file, home: home), location: at)
    }

    /// A chime step's sound: a file or a known kind (else an error, with a suggestion).
    mutating func chimeSound(_ text: String, at: SourceLocation) -> ChimeSound? {
        if let file = soundFile(text, at: at) { return .file(file) }
        let kind: ChimeKind? = known(text, at: at, kind: "chime", in: ChimeKind.names)
        return kind.map { .builtIn($0) }
    }

    /// A bed: a file (looped unless `loop: false`) or a generated sound's name.
    mutating func ambienceSource(_ text: String, at: SourceLocation) -> AmbienceSpec.Source? {
        if let file = soundFile(text, at: at) { return .file(file, loop: true) }
        let sound: AmbienceSound? = known(text, at: at, kind: "ambience sound", in: AmbienceSound.names)
        return sound.map { .generated($0) }
    }

    /// `source` with `loop` applied; `loop` is for files only (a generated bed never repeats).
    mutating func withLoop(_ source: AmbienceSpec.Source?, _ loop: Bool, at: SourceLocation) -> AmbienceSpec.Source? {
        switch source {
        case .file(let file, _): return .file(file, loop: loop)
        case .generated(let sound):
            error(at, "'loop' is for a sound file; the generated bed '\(sound.rawValue)' never repeats")
            return source
        case nil: return nil
        }
    }
}
