import SootheModel
import SootheDSP

/// The balance of the mix before loudness normalisation, as linear gains.
///
/// Processed speech measures ``speechLoudness`` at unity gain; the other layers are set against it so that, after
/// the whole mix is normalised, chimes sit a few LU under the voice and the ambience well under
/// it (design choices from techniques.md: chimes about 3 LU under speech, ambience ducked while
/// someone speaks).
enum MixLevels {
    static let speech: Float = 1.0
    /// Integrated loudness of speech at unity gain: every phrase leaves the speech chain at one
    /// level (espeak-ng's own voice, with `chain: off`, measures about the same).
    static let speechLoudness = SpeechChainSettings.processedLoudness
    /// Per chime kind, so that each peaks (short-term loudness, 3 s) about 4–5 LU under speech.
    /// Measured with `soothe sound`: at unity gain the bowl reads -22 LUFS short-term max,
    /// the bell -30, the soft chime -23, the wood block -34 (its click is short, so it is set
    /// by ear's proxy, its momentary loudness).
    static func chime(_ kind: ChimeKind) -> Float {
        switch kind {
        case .singingBowl: 0.77
        case .bell: 1.58
        case .softChime: 0.88
        case .woodBlock: 2.27
        }
    }
    /// The breath tone sits about 3 LU under speech (short-term maximum), dipping 6 dB more while
    /// someone speaks. It is the main sound of a breathing track: integrated loudness is mostly
    /// made of it, so a tone far under the voice would push the voice into the limiter when the
    /// track is normalised (speech peaks about 16 dB over its loudness).
    static let breathTone: Float = 0.68
    /// How far the breath tone dips under speech, in dB.
    static let toneDuckDepthDB = -6.0
    /// Per ambience kind, so that each bed reads about `ambienceLoudness` (-36 LUFS short-term,
    /// the music -33) against speech's -17.5 (before the dip under speech).
    static func ambience(_ kind: AmbienceSound) -> Float {
        switch kind {
        case .brownNoise: 0.77
        case .pinkNoise: 0.35
        case .rain: 0.31
        case .ocean: 0.37
        case .stream: 0.36
        case .wind: 0.31
        case .fire: 0.47
        case .music: 0.63
        case .binaural: 0.40
        case .isochronic: 0.40
        }
    }
    /// The short-term loudness each bed is set to read (the music a little over the noise beds:
    /// it is there to be listened to), for the first guess at a session's loudness.
    /// A file bed is set to the pink-noise bed's loudness.
    static func ambienceLoudness(_ kind: AmbienceSound?) -> Double {
        kind == .music ? -33 : -36
    }
    /// How far the ambience dips under speech, in dB.
    static let duckDepthDB = -9.0
    /// Seconds the dip starts before the voice and takes to recover after it.
    static let duckAttack = 0.35
    static let duckRelease = 1.2
}
