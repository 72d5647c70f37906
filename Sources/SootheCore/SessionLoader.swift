/// Parsing and building in one call: what `check`, `preview` and `render` all start with.
public struct SessionLoader: Sendable {
    public var voices: VoiceLibrary
    public var timing: any SpeechTiming
    /// A voice profile name that replaces each script's `voice:` (a step's own `voice:` stays).
    public var voiceOverride: String?
    /// Answers for the sound files scripts name (nil: every sound file is an error).
    public var sounds: (any SoundFileProbe)?
    /// The home folder, for sound file paths written `~/…`.
    public var homeFolder: String?

    public init(
        voices: VoiceLibrary, timing: any SpeechTiming, voiceOverride: String? = nil, sounds: (any SoundFileProbe)? = nil,
        homeFolder: String? = nil
    ) {
        self.voices = voices
        self.timing = timing
        self.voiceOverride = voiceOverride
        self.sounds = sounds
        self.homeFolder = homeFolder
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
        let parser = ScriptParser(
            voiceNames: voices.allNames.isEmpty ? [VoiceProfile.fallback.name] : voices.allNames, homeFolder: homeFolder)
        var (script, parseDiagnostics) = parser.parse(bytes: bytes, file: file, defaultID: defaultID)
        if let voiceOverride {
            script?.voice = voiceOverride
            script?.inlineVoice = nil
        }
        guard let script else { return Result(script: nil, timeline: nil, diagnostics: parseDiagnostics) }
        var result = build(script)
        result.diagnostics = (parseDiagnostics + result.diagnostics).sortedByLocation()
        return result
    }

    /// Builds a script made as a value (it has no YAML to parse).
    public func build(_ script: Script) -> Result {
        do {
            var builder = TimelineBuilder(voices: voices.profiles, timing: timing)
            builder.invalidVoices = voices.invalid
            builder.sounds = sounds
            let (timeline, diagnostics) = try builder.build(script)
            return Result(script: script, timeline: timeline, diagnostics: diagnostics)
        } catch {
            return Result(script: script, timeline: nil, diagnostics: [], speechUnavailable: error)
        }
    }
}
