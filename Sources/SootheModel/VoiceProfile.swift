/// A voice profile from `voices/NAME.yaml`: which espeak-ng voice speaks, and how.
public struct VoiceProfile: Sendable, Hashable, Codable {
    /// The profile's name (the file name without `.yaml`).
    public var name: String
    /// One line for listings.
    public var description: String
    /// An espeak-ng voice name with an optional `+variant`, e.g. `en-us+f3`.
    public var espeak: String
    /// Words per minute (espeak-ng accepts 80–450).
    public var rate: Int
    /// Base pitch, 0–99.
    public var pitch: Int
    /// Pitch range, 0–99.
    public var range: Int
    /// Extra pause between words, in units of 10 ms.
    public var wordGap: Int
    /// Silence after a clause (a comma, semicolon, colon or dash inside a sentence), in seconds;
    /// 0 leaves the clause to espeak-ng.
    public var clausePause: Double
    /// Silence after a sentence that another follows, in seconds; 0 leaves it to espeak-ng.
    public var sentencePause: Double
    /// The processing every phrase gets once synthesised.
    public var chain: SpeechChainSettings

    public init(
        name: String, description: String = "", espeak: String, rate: Int = 130,
        pitch: Int = 40, range: Int = 30, wordGap: Int = 0, clausePause: Double = 0,
        sentencePause: Double = 0, chain: SpeechChainSettings = SpeechChainSettings(enabled: false)
    ) {
        self.name = name
        self.description = description
        self.espeak = espeak
        self.rate = rate
        self.pitch = pitch
        self.range = range
        self.wordGap = wordGap
        self.clausePause = clausePause
        self.sentencePause = sentencePause
        self.chain = chain
    }

    /// The same profile spoken at another rate (a `say` step's `rate:` option).
    public func withRate(_ rate: Int?) -> VoiceProfile {
        guard let rate else { return self }
        var copy = self
        copy.rate = rate
        return copy
    }

    /// The built-in fallback when no `voices/` folder is found.
    public static let fallback = VoiceProfile(
        name: "gentle", description: "Slow, soft, lower-pitched English voice",
        espeak: "en-us+f3", rate: 125, pitch: 35, range: 25, wordGap: 0, clausePause: 0.3,
        sentencePause: 0.8, chain: SpeechChainSettings(room: 30))
}
