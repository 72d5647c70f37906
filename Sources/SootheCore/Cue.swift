/// What a cue is, without its details: the `kind` of the cue sheet and of the preview.
public enum CueKind: String, Sendable, Hashable, Codable, CaseIterable {
    case speech, chime, breath, pause
}

/// A phase of a breath cycle. `topUp` is the cyclic sigh's second, short inhale.
public enum BreathPhase: String, Sendable, Hashable, Codable, CaseIterable {
    case inhale
    case topUp = "top-up"
    case hold, exhale, rest
}

/// One timed event of a session: something spoken, a bell, a breath phase or a silence.
public struct Cue: Sendable, Hashable {
    /// Seconds from the start of the file. For speech: where the first audible sample sounds.
    public var start: Double
    /// Seconds from the start of the file. For speech: where the voice stops.
    public var end: Double
    /// The script line the cue came from.
    public var line: Int
    /// Index of the step (in flattened step order) the cue belongs to.
    public var step: Int
    /// What sounds, with the facts of its kind.
    public var event: Event
    /// For a pause stretched to meet the script's `length:`, the seconds the script wrote (the
    /// cue lasts its stretched length); nil for every other cue.
    public var written: Double?

    /// What sounds during a cue.
    public enum Event: Sendable, Hashable {
        case speech(Speech)
        case chime(Chime)
        case breath(Breath)
        case pause
    }

    /// Something spoken: a `say`, a breathing prompt or a counted second.
    public struct Speech: Sendable, Hashable {
        /// The text as written (with any pause marks).
        public var text: String
        /// The voice that speaks it (rate override applied).
        public var voice: VoiceProfile
        /// Level relative to normal speech, in dB (counts are softer).
        public var level: Double
        /// For prompts and counts: the 1-based cycle of the `breathe` step they guide.
        public var cycle: Int?

        public init(text: String, voice: VoiceProfile, level: Double = 0, cycle: Int? = nil) {
            self.text = text
            self.voice = voice
            self.level = level
            self.cycle = cycle
        }

        /// The words alone, pause marks removed: what captions and previews show.
        public var words: String { SpeechText.spokenText(of: text) }
    }

    /// A bell.
    public struct Chime: Sendable, Hashable {
        /// A built-in instrument or a sound file of the script's own.
        public var sound: ChimeSound
        /// The built-in kind, if the chime is one.
        public var kind: ChimeKind? { sound.kind }
        /// Level relative to the bell's normal level, in dB.
        public var level: Double
        /// How many strikes (for a built-in, a half-sound first, then the full bell; a file plays
        /// whole each time).
        public var strikes: Int

        public init(kind: ChimeKind, level: Double = 0, strikes: Int = 1) {
            self.init(sound: .builtIn(kind), level: level, strikes: strikes)
        }

        public init(sound: ChimeSound, level: Double = 0, strikes: Int = 1) {
            self.sound = sound
            self.level = level
            self.strikes = strikes
        }
    }

    /// One phase of a paced breath.
    public struct Breath: Sendable, Hashable {
        public var phase: BreathPhase
        /// The 1-based cycle within its `breathe` step.
        public var cycle: Int
        /// The breath tone in this phase (style `none`: no tone).
        public var tone: BreathToneSpec

        public init(phase: BreathPhase, cycle: Int, tone: BreathToneSpec) {
            self.phase = phase
            self.cycle = cycle
            self.tone = tone
        }
    }

    public init(start: Double, end: Double, line: Int, step: Int, _ event: Event) {
        self.start = start
        self.end = end
        self.line = line
        self.step = step
        self.event = event
    }

    /// `end - start`.
    public var duration: Double { end - start }

    /// The kind of event, without its details.
    public var kind: CueKind {
        switch event {
        case .speech: .speech
        case .chime: .chime
        case .breath: .breath
        case .pause: .pause
        }
    }

    /// The speech, if the cue is spoken.
    public var speech: Speech? {
        if case .speech(let speech) = event { speech } else { nil }
    }

    /// The bell, if the cue is one.
    public var chime: Chime? {
        if case .chime(let chime) = event { chime } else { nil }
    }

    /// The breath phase, if the cue is one.
    public var breath: Breath? {
        if case .breath(let breath) = event { breath } else { nil }
    }
}
