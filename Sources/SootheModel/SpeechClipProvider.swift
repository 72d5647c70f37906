/// Where speech comes from: the real synthesiser, or a fake in tests.
public protocol SpeechClipProvider: Sendable {
    /// The phrase at `sampleRate`, trimmed to where the voice starts and stops.
    func clip(for text: String, voice: VoiceProfile, sampleRate: Int) throws -> SpeechClip
}
