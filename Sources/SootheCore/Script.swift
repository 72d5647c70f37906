/// A parsed, validated session script: what the timeline builder reads.
public struct Script: Sendable, Hashable {
    /// The file the script came from (used in diagnostics).
    public var file: String
    public var id: String
    public var title: String
    public var summary: String?
    public var technique: String?
    /// Where the session is filed in the catalogue (`tags: [sos, breathing]`), in the order written.
    public var tags: [SessionTag] = []
    /// The moment the session is for, in a line (`when: A message hasn't come.`).
    public var when: String?
    /// The voice profile's name (default `gentle`), or the name given to `inlineVoice`.
    public var voice: String
    public var voiceLocation: SourceLocation
    /// A voice written out in the script (`voice: {espeak: de+f3, rate: 125}`) instead of a
    /// profile's name.
    public var inlineVoice: VoiceProfile?
    public var ambience: AmbienceSpec?
    public var steps: [Step]
    /// How steps become chapters (`chapters:`; default: automatic).
    public var chapters: ChapterPolicy = .auto
    /// The length the session is fitted to (`length: 10m`) by stretching its pauses; nil: the
    /// steps' own length.
    public var length: LengthTarget?
    /// Whether the spoken text is soothe's own, taken from a ``PhraseTable`` (`soothe breathe`),
    /// rather than a writer's: a voice whose language has no table then gets a warning.
    public var wordsFromPhraseTable = false

    public init(
        file: String, id: String, title: String, summary: String? = nil, technique: String? = nil,
        voice: String = "gentle", voiceLocation: SourceLocation = .start, inlineVoice: VoiceProfile? = nil,
        ambience: AmbienceSpec? = nil, tags: [SessionTag] = [], when: String? = nil, steps: [Step]
    ) {
        self.file = file
        self.id = id
        self.title = title
        self.summary = summary
        self.technique = technique
        self.voice = voice
        self.voiceLocation = voiceLocation
        self.inlineVoice = inlineVoice
        self.ambience = ambience
        self.tags = tags
        self.when = when
        self.steps = steps
    }
}

/// One step of a script, with where it was written.
public struct Step: Sendable, Hashable {
    public var action: Action
    public var location: SourceLocation
    /// `chapter: TITLE` (or `true`): a chapter starts at this step (at each copy, inside a `repeat`; at the
    /// first copy's start, on a `repeat` itself).
    public var chapter: ChapterMark?

    public init(_ action: Action, at location: SourceLocation, chapter: ChapterMark? = nil) {
        self.action = action
        self.location = location
        self.chapter = chapter
    }

    /// What a step does.
    public indirect enum Action: Sendable, Hashable {
        case say(Say)
        case pause(Pause)
        case chime(Chime)
        case breathe(Breathe)
        case `repeat`(Repeat)
    }

    /// Speak a phrase.
    public struct Say: Sendable, Hashable {
        public var text: String
        /// A voice profile name overriding the session's.
        public var voice: String?
        public var voiceLocation: SourceLocation?
        /// A voice written out in the step instead of a profile's name (`voice` is then its name).
        public var inlineVoice: VoiceProfile?
        /// Words per minute overriding the voice's.
        public var rate: Int?
        /// Silence after the speech, in seconds.
        public var after: Double

        public init(
            text: String, voice: String? = nil, voiceLocation: SourceLocation? = nil, inlineVoice: VoiceProfile? = nil,
            rate: Int? = nil, after: Double = 0
        ) {
            self.text = text
            self.voice = voice
            self.voiceLocation = voiceLocation
            self.inlineVoice = inlineVoice
            self.rate = rate
            self.after = after
        }
    }

    /// Silence, optionally with interval bells.
    public struct Pause: Sendable, Hashable {
        public var duration: Double
        public var chimeEvery: Double?
        public var chime: ChimeKind
        /// `stretch: true` / `false`: whether fitting the session to its `length` may change this
        /// pause; nil: as the script's other pauses decide (see ``LengthFitting``).
        public var stretch: Bool?

        public init(duration: Double, chimeEvery: Double? = nil, chime: ChimeKind = .softChime, stretch: Bool? = nil) {
            self.duration = duration
            self.chimeEvery = chimeEvery
            self.chime = chime
            self.stretch = stretch
        }
    }

    /// A bell.
    public struct Chime: Sendable, Hashable {
        /// A built-in instrument or a sound file (`chime: ./sounds/my-bell.wav`).
        public var sound: ChimeSound
        /// The built-in kind, if the chime is one.
        public var kind: ChimeKind? { sound.kind }
        /// dB relative to the chime's normal level.
        public var level: Double
        public var strikes: Int
        /// Seconds before the next step starts (the tail rings on under it).
        public var wait: Double
        /// The wait used when a script gives none.
        public static let defaultWait = 1.5

        public init(kind: ChimeKind, level: Double = 0, strikes: Int = 1, wait: Double = defaultWait) {
            self.init(sound: .builtIn(kind), level: level, strikes: strikes, wait: wait)
        }

        public init(sound: ChimeSound, level: Double = 0, strikes: Int = 1, wait: Double = defaultWait) {
            self.sound = sound
            self.level = level
            self.strikes = strikes
            self.wait = wait
        }
    }

    /// A paced breathing section.
    public struct Breathe: Sendable, Hashable {
        public enum Length: Sendable, Hashable {
            case cycles(Int)
            /// Seconds to fill; the count is rounded to end on a whole breath.
            case duration(Double)
        }
        public var pattern: BreathPattern
        /// The pattern of the last cycle, when the phases change gradually.
        public var to: BreathPattern?
        public var length: Length
        public var prompts: [BreathPhase: Prompt]
        /// On how many first cycles prompts are spoken (nil: all).
        public var promptCycles: Int?
        /// Also count the seconds softly.
        public var count: Bool
        /// The breath tone (default: the standard style).
        public var tone: BreathToneSpec

        public init(
            pattern: BreathPattern, to: BreathPattern? = nil, length: Length, prompts: [BreathPhase: Prompt] = [:],
            promptCycles: Int? = nil, count: Bool = false, tone: BreathToneSpec = .standard
        ) {
            self.pattern = pattern
            self.to = to
            self.length = length
            self.prompts = prompts
            self.promptCycles = promptCycles
            self.count = count
            self.tone = tone
        }
    }

    /// A breathing prompt and where it was written.
    public struct Prompt: Sendable, Hashable {
        public var text: String
        public var location: SourceLocation

        public init(_ text: String, at location: SourceLocation = .start) {
            self.text = text
            self.location = location
        }
    }

    /// Steps played several times.
    public struct Repeat: Sendable, Hashable {
        /// One entry per copy: nil for `times`, the item for `for`.
        public var items: [String?]
        public var steps: [Step]

        /// `times` copies of `steps`.
        public init(times: Int, steps: [Step]) {
            self.init(items: Array(repeating: nil, count: max(0, times)), steps: steps)
        }

        /// One copy of `steps` per item, `{item}` replaced by it.
        public init(items: [String?], steps: [Step]) {
            self.items = items
            self.steps = steps
        }
    }
}
