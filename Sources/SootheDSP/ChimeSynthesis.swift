import SootheModel

/// How SootheDSP synthesises each struck instrument: its modes, striker and transient.
extension ChimeKind {
    /// The frequency, in hertz, that partial ratios multiply.
    public var fundamental: Double {
        switch self {
        case .singingBowl: 220.0  // A3: a medium Himalayan bowl
        case .bell: 330.0  // the prime (strike note) of a small temple bell
        case .softChime: 784.0  // G5: an aluminium chime tube
        case .woodBlock: 620.0  // main resonance of a small wood block
        }
    }

    /// The modes the instrument is built from. Ratios follow measurements of the real objects:
    /// bowls ≈ 1 : 2.76 : 5.1 : 8; church-type bells hum 0.5, prime 1, minor-third tierce 1.19,
    /// quint 1.5, nominal 2; free–free bars and tubes 1 : 2.76 : 5.40 : 8.93; a wood block has a
    /// few inharmonic, heavily damped modes.
    public var partials: [ChimePartial] {
        switch self {
        case .singingBowl:
            [
                ChimePartial(ratio: 1.0, amplitude: 1.0, t60: 12.5, beat: 0.7),
                ChimePartial(ratio: 2.76, amplitude: 0.55, t60: 8.5, beat: 1.3),
                ChimePartial(ratio: 5.12, amplitude: 0.22, t60: 5.0, beat: 2.1),
                ChimePartial(ratio: 8.0, amplitude: 0.09, t60: 3.2, beat: 3.0),
                ChimePartial(ratio: 11.4, amplitude: 0.035, t60: 2.0, beat: 4.0),
            ]
        case .bell:
            [
                ChimePartial(ratio: 0.5, amplitude: 0.45, t60: 7.0, beat: 0.5),
                ChimePartial(ratio: 1.0, amplitude: 1.0, t60: 5.5, beat: 0.9),
                ChimePartial(ratio: 1.19, amplitude: 0.5, t60: 4.0, beat: 1.2),
                ChimePartial(ratio: 1.5, amplitude: 0.2, t60: 3.0, beat: 1.5),
                ChimePartial(ratio: 2.0, amplitude: 0.6, t60: 3.0, beat: 1.8),
                ChimePartial(ratio: 2.51, amplitude: 0.25, t60: 2.0, beat: 2.4),
                ChimePartial(ratio: 3.0, amplitude: 0.15, t60: 1.5, beat: 3.0),
                ChimePartial(ratio: 4.07, amplitude: 0.08, t60: 1.0, beat: 3.5),
            ]
        case .softChime:
            [
                ChimePartial(ratio: 1.0, amplitude: 1.0, t60: 4.0, beat: 0.6),
                ChimePartial(ratio: 2.76, amplitude: 0.3, t60: 2.2, beat: 1.1),
                ChimePartial(ratio: 5.40, amplitude: 0.12, t60: 1.2, beat: 2.0),
                ChimePartial(ratio: 8.93, amplitude: 0.04, t60: 0.7, beat: 3.0),
            ]
        case .woodBlock:
            [
                ChimePartial(ratio: 1.0, amplitude: 1.0, t60: 0.25, beat: 0),
                ChimePartial(ratio: 1.71, amplitude: 0.5, t60: 0.18, beat: 0),
                ChimePartial(ratio: 2.9, amplitude: 0.25, t60: 0.12, beat: 0),
                ChimePartial(ratio: 4.3, amplitude: 0.1, t60: 0.08, beat: 0),
            ]
        }
    }

    /// The frequency of the strongest partial: where a spectrum of the strike peaks.
    public var dominantFrequency: Double {
        let loudest = partials.max { $0.amplitude < $1.amplitude }
        return fundamental * (loudest?.ratio ?? 1)
    }

    /// The striker: how long the onset takes (a felt mallet is slower than a wooden stick).
    var attackSeconds: Double {
        switch self {
        case .singingBowl: 0.006
        case .bell: 0.002
        case .softChime: 0.004
        case .woodBlock: 0.0015
        }
    }

    /// The strike transient: centre frequency (Hz), decay time constant (s) and level
    /// relative to the modes.
    var transient: (frequency: Double, decay: Double, level: Double) {
        switch self {
        case .singingBowl: (900, 0.006, 0.10)
        case .bell: (2_400, 0.004, 0.12)
        case .softChime: (3_000, 0.003, 0.06)
        case .woodBlock: (1_400, 0.004, 0.45)
        }
    }

    /// Seconds at the end of a strike's ring over which it fades to exact zero.
    var tailFadeSeconds: Double { ringSeconds * 0.3 }
}
