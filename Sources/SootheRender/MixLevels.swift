/// The balance of the mix before loudness normalisation, as linear gains.
///
/// espeak-ng speech measures about −20 LUFS raw; the other layers are set against it so that, after
/// the whole mix is normalised, chimes sit a few LU under the voice and the ambience well under
/// it (design choices from techniques.md: chimes about 3 LU under speech, ambience ducked while
/// someone speaks).
enum MixLevels {
    static let speech: Float = 1.0
    /// Integrated loudness of espeak-ng speech at unity gain (measured: about -20 LUFS).
    static let rawSpeechLoudness = -20.0
    static let chime: Float = 0.32
    static let breathTone: Float = 0.22
    static let ambience: Float = 0.5
    /// How far the ambience dips under speech, in dB.
    static let duckDepthDB = -9.0
    /// Seconds the dip starts before the voice and takes to recover after it.
    static let duckAttack = 0.35
    static let duckRelease = 1.2
}
