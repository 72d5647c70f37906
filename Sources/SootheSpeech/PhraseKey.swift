import SootheCore

/// What makes two phrases sound the same: the text and the voice settings espeak-ng sees (a
/// profile's name and description do not change the sound).
struct PhraseKey: Hashable, Sendable {
    let text: String
    let espeak: String
    let rate: Int
    let pitch: Int
    let range: Int
    let wordGap: Int
    let clausePause: Double
    let sentencePause: Double
    let chain: SpeechChainSettings

    init(text: String, voice: VoiceProfile) {
        self.text = text
        self.espeak = voice.espeak
        self.rate = voice.rate
        self.pitch = voice.pitch
        self.range = voice.range
        self.wordGap = voice.wordGap
        self.clausePause = voice.clausePause
        self.sentencePause = voice.sentencePause
        self.chain = voice.chain
    }
}

/// A phrase at one output sample rate.
struct ResampledKey: Hashable, Sendable {
    let phrase: PhraseKey
    let sampleRate: Int
}
