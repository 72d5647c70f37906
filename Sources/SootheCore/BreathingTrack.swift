/// The script behind `soothe breathe`: a guided breathing track without writing YAML.
public struct BreathingTrack: Sendable, Hashable {
    /// The pattern as given: a preset name or `IN-HOLD-OUT-REST`.
    public var patternName: String
    /// The pattern `patternName` names.
    public var pattern: BreathPattern
    /// Cycles, or nil to fill `minutes`.
    public var cycles: Int?
    /// Minutes the whole track lasts, opening and closing included (used when `cycles` is nil).
    public var minutes: Double
    /// Spoken guidance (intro, prompts on the first cycles, closing).
    public var voiceGuidance: Bool
    /// Cycles that get spoken prompts.
    public var guidedCycles: Int
    /// The breath tone (style `none`: no tone).
    public var tone: BreathToneSpec
    /// Count the seconds during guided cycles.
    public var count: Bool
    /// The opening and closing chime (nil: none).
    public var chime: ChimeKind?
    /// An ambience bed (nil: none).
    public var ambience: AmbienceSound?
    /// Voice profile name.
    public var voice: String

    /// A track breathing `pattern` (a preset or `IN-HOLD-OUT-REST`); nil when it names no pattern.
    public init?(
        pattern: String = "belly", cycles: Int? = nil, minutes: Double = 5, voiceGuidance: Bool = true,
        guidedCycles: Int = 3, tone: BreathToneSpec = .standard, count: Bool = false, chime: ChimeKind? = .singingBowl,
        ambience: AmbienceSound? = nil, voice: String = "gentle"
    ) {
        guard let parsed = BreathPattern.parse(pattern) else { return nil }
        self.patternName = pattern
        self.pattern = parsed
        self.cycles = cycles
        self.minutes = minutes
        self.voiceGuidance = voiceGuidance
        self.guidedCycles = guidedCycles
        self.tone = tone
        self.count = count
        self.chime = chime
        self.ambience = ambience
        self.voice = voice
    }

    /// The session id, e.g. `breathe-box-5m`.
    public var id: String {
        let name = BreathPattern.presets[patternName] != nil ? patternName : patternName.replacingAll(".", with: "_")
        let length = cycles.map { "\($0)x" } ?? "\(Self.trim(minutes))m"
        return ScriptParser.defaultID(forFileName: "breathe-\(name)-\(length)")
    }

    /// The session title in `phrases`' language, e.g. `Box Breathing`, `Respiración cuadrada`.
    public func title(in phrases: PhraseTable) -> String {
        let titles = phrases.breathe.titles
        return titles.preset(patternName) ?? titles.custom.replacingAll("{pattern}", with: patternName)
    }

    /// The track as a script whose words (intro, prompts, closing, title) are those of the
    /// language `voice` speaks, from its ``PhraseTable``, English when it has none (the timeline
    /// builder then warns): chime, a welcome and a safety note, the paced breathing, a closing
    /// line, chime. Every step is placed at line 1 of `<breathe>`, the file its diagnostics name.
    public func script(voice profile: VoiceProfile) -> Script {
        script(voice: profile, breathingCycles: nil)
    }

    /// The script of a track of `minutes`, made to last them (within ``LengthFitting/tolerance``):
    /// as many whole breaths as fit beside the opening and closing, whose length `measure` finds
    /// by building a one-breath version of the track, and the script's `length` set, so that its
    /// pauses stretch or shrink a little to take up the rest. A track of `cycles` (or one whose
    /// one-breath version does not build: the real build reports why) is ``script(voice:)``.
    public func fittedScript(voice profile: VoiceProfile, measure: (Script) -> Timeline?) -> Script {
        guard cycles == nil,
            let probe = measure(script(voice: profile, breathingCycles: 1)),
            let breathing = probe.steps.first(where: { $0.kind == .breathe })
        else { return script(voice: profile) }
        let target = minutes * 60
        let room = target - (probe.duration - (breathing.end - breathing.start))
        let cycle = pattern.cycleLength
        var count = (room / cycle).rounded()
        // Shrinking the pauses by more than half of their length sounds hurried: one breath fewer.
        let pauses = probe.cues.filter { $0.kind == .pause }.reduce(0) { $0 + $1.duration }
        if room - count * cycle < -pauses / 2 { count = (room / cycle).rounded(.down) }
        var fitted = script(voice: profile, breathingCycles: Int(max(1, min(count, 100_000))))
        fitted.length = LengthTarget(seconds: target, askedBy: "--minutes")
        return fitted
    }

    /// The script, with `breathingCycles` whole breaths when given (else `cycles`, or `minutes`
    /// of breathing rounded to whole breaths).
    func script(voice profile: VoiceProfile, breathingCycles: Int?) -> Script {
        let phrases = PhraseTable.table(for: SpeechLanguage(espeak: profile.espeak)) ?? .english
        let guidance = phrases.breathe
        var steps: [Step] = []
        func add(_ action: Step.Action) { steps.append(Step(action, at: .start)) }
        if let chime {
            add(.chime(Step.Chime(kind: chime)))
            add(.pause(Step.Pause(duration: 6)))
        }
        if voiceGuidance {
            add(.say(Step.Say(text: guidance.welcome)))
            add(.pause(Step.Pause(duration: 2)))
            add(.say(Step.Say(text: guidance.safety)))
            add(.pause(Step.Pause(duration: 3)))
        }
        var prompts: [BreathPhase: Step.Prompt] = [:]
        if voiceGuidance {
            for (phase, length) in pattern.phases where length > 0 { prompts[phase] = Step.Prompt(guidance.prompts[phase]) }
        }
        add(.breathe(Step.Breathe(
            pattern: pattern, length: (breathingCycles ?? cycles).map { .cycles($0) } ?? .duration(minutes * 60), prompts: prompts,
            promptCycles: voiceGuidance ? guidedCycles : nil, count: voiceGuidance && count, tone: tone)))
        if voiceGuidance {
            add(.pause(Step.Pause(duration: 2)))
            add(.say(Step.Say(text: guidance.closing)))
            add(.pause(Step.Pause(duration: 4)))
        }
        if let chime {
            add(.chime(Step.Chime(kind: chime)))
            add(.pause(Step.Pause(duration: 18)))
        } else if !voiceGuidance && breathingCycles != nil {
            // A moment of silence to end on, which a track fitted to its minutes stretches.
            add(.pause(Step.Pause(duration: 2)))
        }
        var script = Script(
            file: "<breathe>", id: id, title: title(in: phrases),
            summary: guidance.titles.summary.replacingAll("{pattern}", with: patternName),
            technique: "calming/deep-breathing", voice: voice, ambience: ambience.map { AmbienceSpec(sound: $0, level: 0) },
            steps: steps)
        script.wordsFromPhraseTable = true
        return script
    }

    static func trim(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
