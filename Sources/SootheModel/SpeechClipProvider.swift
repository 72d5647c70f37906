/// Where speech comes from: the real synthesiser, or a fake in tests.
public protocol SpeechClipProvider: Sendable {
    /// The phrase at `sampleRate`, trimmed to where the voice starts and stops.
    func clip(for text: String, voice: VoiceProfile, sampleRate: Int) throws -> SpeechClip

    /// How many samples `clip(for:voice:sampleRate:)` gives, ideally without holding the clip:
    /// a renderer places every phrase by its length first and asks for its samples only when
    /// the mix reaches it.
    func clipLength(for text: String, voice: VoiceProfile, sampleRate: Int) throws -> Int
}

extension SpeechClipProvider {
    /// The clip's length, from the clip itself.
    public func clipLength(for text: String, voice: VoiceProfile, sampleRate: Int) throws -> Int {
        try clip(for: text, voice: voice, sampleRate: sampleRate).samples.count
    }
}
