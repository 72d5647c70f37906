import SootheModel

extension BreathTone {
    /// How a breath tone sounds: the pad's pitch, travel and colour, its levels through the
    /// phases, and whether a soft note is struck at each phase change. Built from a script's
    /// `BreathToneSpec`; two equal voices render the same samples from the same seed.
    public struct Voice: Sendable, Hashable {
        /// The pad's root at empty lungs, in hertz (the out-breath's note for struck voices).
        public var root: Double
        /// Semitones the pad rises from empty to full lungs.
        public var riseSemitones: Double
        /// Amplitude of the whole pad (a faint drone under struck notes).
        public var padGain: Double
        /// Relative amplitudes of the sub-octave and of the fifth above the root.
        public var sub: Double
        public var fifth: Double
        /// The root's second and third harmonics at full brightness (full lungs).
        public var second: Double
        public var third: Double
        /// Amount of breath noise (air) on the inhale and the exhale.
        public var air: Double
        /// Level of a hold relative to the level reached before it.
        public var holdLevel: Double
        /// Level at empty lungs (the end of an exhale, a hold after it, a rest) relative to full
        /// lungs: quiet, never silent.
        public var floor: Double
        /// Whether a soft note is struck at each phase change.
        public var strikes: Bool
        /// Decibels on top of all that (the script's `level`).
        public var levelDB: Double

        /// The voice of a style at its own pitch and level (`none`: the standard style's voice,
        /// which nobody asks for).
        public init(style: ToneStyle, pitch: Double? = nil, levelDB: Double = 0) {
            root = pitch ?? style.defaultPitch ?? ToneStyle.standard.defaultPitch!
            self.levelDB = levelDB
            switch style {
            case .soft, .none:
                riseSemitones = 5
                padGain = 1
                sub = 0.12
                fifth = 0.22
                second = 0.3
                third = 0.12
                air = 1
                holdLevel = 0.45
                floor = 0.22
                strikes = false
            case .bright:
                riseSemitones = 7
                padGain = 0.9
                sub = 0
                fifth = 0.14
                second = 0.5
                third = 0.3
                air = 0.6
                holdLevel = 0.45
                floor = 0.22
                strikes = false
            case .chime:
                riseSemitones = 0
                padGain = 0.09
                sub = 0
                fifth = 0.2
                second = 0.15
                third = 0
                air = 0
                holdLevel = 1
                floor = 1
                strikes = true
            }
        }

        /// The voice a script's tone asks for.
        public init(_ spec: BreathToneSpec) {
            self.init(style: spec.style, pitch: spec.pitch, levelDB: spec.level)
        }

        /// The standard style's voice.
        public static let standard = Voice(style: .standard)

        /// Full lungs' pitch over empty lungs', minus one.
        var rise: Double { DSPMath.power(2, riseSemitones / 12) - 1 }
    }

    /// A soft struck note at a phase change: a few harmonic partials with a slow (felt) attack,
    /// dying away, damped to exact silence by the end of its phase.
    struct Strike: Sendable {
        var start: Int
        var end: Int
        var frequency: Double
        var amplitude: Double

        /// Partial amplitudes (the fundamental, its octave and twelfth): soft, not a beep.
        static let partials: [Double] = [1, 0.2, 0.05]
        /// Seconds the fundamental takes to fall by 1/e (upper partials die proportionally faster).
        static let decay = 1.6
        /// Seconds of the attack.
        static let attack = 0.05
        /// Seconds at most of the damping before the next phase.
        static let damping = 0.15

        /// The note struck at the start of `phase`, after a strike at `previous` hertz (a hold
        /// repeats the last note softly; a rest strikes nothing).
        static func note(for phase: Phase, root: Double, previous: Double?) -> (frequency: Double, amplitude: Double)? {
            switch phase {
            case .inhale: (root * 1.5, 0.9)  // a fifth up
            case .topUp: (root * DSPMath.power(2, 9.0 / 12), 0.6)  // a sixth up
            case .exhale: (root, 0.8)
            case .hold: (previous ?? root, 0.35)
            case .rest: nil
            }
        }
    }
}
