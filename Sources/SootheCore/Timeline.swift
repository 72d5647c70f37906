/// The bed of sound under a whole session.
public struct AmbienceSpec: Sendable, Hashable {
    /// A generated bed or a sound file of the script's own.
    public var source: Source
    /// Level in dB relative to the default bed level (0 = default).
    public var level: Double
    /// Key, mode, style and chord length of a `music` bed.
    public var music: MusicSettings
    /// Carrier and beat of a `binaural` or `isochronic` bed.
    public var tones: ToneBedSettings
    /// Where the script asks for the bed: `FILE:LINE:COLUMN` for errors only the output can
    /// cause (a binaural bed in a mono file).
    public var origin: String

    /// Where a bed's sound comes from.
    public enum Source: Sendable, Hashable {
        case generated(AmbienceSound)
        /// A file, played once or looped (with a crossfade) for the whole session.
        case file(SoundFile, loop: Bool)
    }

    public init(
        sound: AmbienceSound, level: Double, music: MusicSettings = MusicSettings(),
        tones: ToneBedSettings = ToneBedSettings(), origin: String = ""
    ) {
        self.init(source: .generated(sound), level: level, music: music, tones: tones, origin: origin)
    }

    public init(
        source: Source, level: Double, music: MusicSettings = MusicSettings(),
        tones: ToneBedSettings = ToneBedSettings(), origin: String = ""
    ) {
        self.source = source
        self.level = level
        self.music = music
        self.tones = tones
        self.origin = origin
    }

    /// Two specs are equal when they sound the same, wherever they were written.
    public static func == (a: AmbienceSpec, b: AmbienceSpec) -> Bool {
        a.source == b.source && a.level == b.level && a.music == b.music && a.tones == b.tones
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(source)
        hasher.combine(level)
        hasher.combine(music)
        hasher.combine(tones)
    }

    /// The generated bed, if it is one.
    public var sound: AmbienceSound? {
        if case .generated(let sound) = source { sound } else { nil }
    }

    /// The name a person reads: the bed's script name or the path as written.
    public var name: String {
        switch source {
        case .generated(let sound): sound.rawValue
        case .file(let file, _): file.written
        }
    }
}

/// The kind of step a span comes from (`repeat` makes no span of its own: its copies do).
public enum StepKind: String, Sendable, Hashable, CaseIterable {
    case say, pause, chime, breathe
}

/// A span of the session that one step produced: used for WAV cue points and chapters.
public struct StepSpan: Sendable, Hashable {
    /// Index in flattened step order.
    public var index: Int
    public var kind: StepKind
    /// A short human label ("Breathe 4-7-8-0 × 4", the first words of a `say`, ...).
    public var label: String
    public var start: Double
    public var end: Double
    public var line: Int
    /// For `breathe`: the average breaths per minute of the section.
    public var breathsPerMinute: Double?
}

/// A session turned into timed cues: what `preview` shows and `render` plays.
public struct Timeline: Sendable, Hashable {
    public var id: String
    public var title: String
    public var summary: String?
    /// The moment the session is for, in a line (the script's `when:`), or nil.
    public var when: String? = nil
    public var technique: String?
    /// The session's voice profile (cues may override it).
    public var voice: VoiceProfile
    public var ambience: AmbienceSpec?
    /// Seconds: the end of the last step, extended while a chime still rings.
    public var duration: Double
    /// Cues ordered by start time (ties keep script order).
    public var cues: [Cue]
    /// One span per step.
    public var steps: [StepSpan]
    /// The chapters, tiling the session from 0 to `duration` (empty when the script turns them
    /// off): see ``ChapterPolicy``.
    public var chapters: [ChapterSpan]
    /// How the pauses were stretched to meet the script's `length:` (nil: it gives none).
    public var fit: LengthFit?

    public init(
        id: String, title: String, summary: String?, technique: String?, voice: VoiceProfile,
        ambience: AmbienceSpec?, duration: Double, cues: [Cue], steps: [StepSpan], chapters: [ChapterSpan] = []
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.technique = technique
        self.voice = voice
        self.ambience = ambience
        self.duration = duration
        self.cues = cues
        self.steps = steps
        self.chapters = chapters
    }

    /// Seconds rounded to milliseconds: the precision of every time a file or cue sheet shows,
    /// and of the session's length in frames.
    public static func milliseconds(_ seconds: Double) -> Double {
        (seconds * 1000).rounded() / 1000
    }

    /// Seconds of speech (sum of speech cue lengths).
    public var speechSeconds: Double {
        cues.lazy.filter { $0.kind == .speech }.reduce(0) { $0 + $1.duration }
    }

    /// The paths of the sound files the session plays (its chimes' and its bed's), each once,
    /// sorted.
    public var soundFilePaths: [String] {
        var paths: Set<String> = []
        for cue in cues {
            if case .chime(let chime) = cue.event, case .file(let file) = chime.sound { paths.insert(file.path) }
        }
        if case .file(let file, _) = ambience?.source { paths.insert(file.path) }
        return paths.sorted()
    }
}
