/// What a cue is.
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
    public var kind: CueKind
    /// Speech: the text as written (with any pause marks).
    public var text: String?
    /// Chime: the kind of bell.
    public var chime: ChimeKind?
    /// Breath: the phase.
    public var phase: BreathPhase?
    /// Breath (and prompts): the 1-based cycle within its `breathe` step.
    public var cycle: Int?
    /// The script line the cue came from.
    public var line: Int
    /// Index of the step (in flattened step order) the cue belongs to.
    public var step: Int
    /// Speech: the voice that speaks it (rate override applied).
    public var voice: VoiceProfile?
    /// Speech and chime: level relative to normal, in dB (counts are softer; chimes have `level:`).
    public var level: Double
    /// Chime: how many strikes (a half-sound first, then the full bell).
    public var strikes: Int
    /// Breath: whether the breath tone sounds in this phase.
    public var tone: Bool

    public init(
        start: Double, end: Double, kind: CueKind, text: String? = nil, chime: ChimeKind? = nil,
        phase: BreathPhase? = nil, cycle: Int? = nil, line: Int, step: Int,
        voice: VoiceProfile? = nil, level: Double = 0, strikes: Int = 1, tone: Bool = false
    ) {
        self.start = start
        self.end = end
        self.kind = kind
        self.text = text
        self.chime = chime
        self.phase = phase
        self.cycle = cycle
        self.line = line
        self.step = step
        self.voice = voice
        self.level = level
        self.strikes = strikes
        self.tone = tone
    }

    /// `end - start`.
    public var duration: Double { end - start }
}
