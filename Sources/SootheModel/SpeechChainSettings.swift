/// What happens to every phrase of a profile once it is synthesised, before it is cached: a
/// high-pass, a gentle tilt that softens espeak-ng's 2–6 kHz buzz and a leveller (the `chain`),
/// then a soft room (`room`). Processed once per phrase, so a render pays nothing for it.
public struct SpeechChainSettings: Sendable, Hashable, Codable {
    /// High-pass, tilt and leveller on (the default) or off (espeak-ng's sound as it is).
    public var enabled: Bool
    /// How much the room rings, 0–100 (libsox's reverberance); 0 is no room at all.
    public var room: Int
    /// The room's level against the voice, in dB (−10…0: libsox's range for its wet gain).
    public var roomLevel: Double

    public init(enabled: Bool = true, room: Int = 0, roomLevel: Double = -10) {
        self.enabled = enabled
        self.room = room
        self.roomLevel = roomLevel
    }

    /// Integrated loudness, in LUFS (dual mono), of speech the chain has processed, at unity
    /// gain: the chain brings every phrase of every voice to one speech level, so the mix sets its
    /// other layers against this and guesses a session's loudness from it.
    public static let processedLoudness = -18.5

    /// Nothing done: the clip is espeak-ng's.
    public var isDry: Bool { !enabled && room == 0 }
}
