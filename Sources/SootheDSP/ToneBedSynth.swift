import SootheModel

/// The sound of the `binaural` and `isochronic` beds, before fades and level.
///
/// `binaural`: a sine in each ear, the left at carrier − beat/2 and the right at carrier +
/// beat/2. `isochronic`: one sine at the carrier in both ears, pulsed on and off `beat` times a
/// second with raised-cosine edges (on half the period, each edge 15 % of it). Carrier and beat
/// move linearly from their start to their end values over the bed's frames, updated once a
/// block; the phase runs on across updates, so a change of frequency never clicks.
struct ToneBedSynth: Sendable {
    private let binaural: Bool
    private let settings: ToneBedSettings
    private let sampleRate: Double
    private let lastFrame: Double
    private var frame = 0
    /// Rotation state: lane 0 the left ear's (or the only) tone, lane 1 the right's.
    private var c = SIMD2<Float>(1, 1)
    private var s = SIMD2<Float>(0, 0)
    /// Where in its period the isochronic pulse is, in turns.
    private var pulsePhase = 0.0

    /// Fraction of the pulse period each edge takes.
    static let edge = 0.15
    /// The pulse's shape over one period, sampled (and one extra point for interpolation).
    static let pulseTable: [Float] = (0...pulseTableSize).map { i in
        let x = Double(i) / Double(pulseTableSize)
        let rise = edge, fall = 0.5
        if x < rise { return Float(0.5 - 0.5 * DSPMath.cosine(Double.pi * x / rise)) }
        if x < fall { return 1 }
        if x < fall + edge { return Float(0.5 + 0.5 * DSPMath.cosine(Double.pi * (x - fall) / edge)) }
        return 0
    }
    static let pulseTableSize = 1_024
    /// Amplitude of the sines: unit RMS for a steady tone.
    static let amplitude = Float(2.0.squareRoot())
    /// Gain bringing the pulsed tone back to unit RMS: 1 / √(mean of the pulse's square).
    static let isochronicNormalisation: Float = {
        let table = pulseTable.dropLast()
        let meanSquare = table.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(table.count)
        return Float(1 / meanSquare.squareRoot())
    }()

    init(binaural: Bool, settings: ToneBedSettings, sampleRate: Double, frameCount: Int) {
        self.binaural = binaural
        self.settings = settings
        self.sampleRate = sampleRate
        lastFrame = Double(max(frameCount - 1, 1))
    }

    /// Carrier and beat at frame `n`.
    func frequencies(at n: Int) -> (carrier: Double, beat: Double) {
        let x = min(Double(n) / lastFrame, 1)
        return (
            settings.carrier + (settings.endCarrier - settings.carrier) * x,
            settings.beat + (settings.endBeat - settings.beat) * x
        )
    }

    /// Writes (not adds) the next `count` frames of both channels.
    mutating func render(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int) {
        // The frequencies at the block's middle hold for the whole block.
        let (carrier, beat) = frequencies(at: frame + count / 2)
        let (sl, cl) = DSPMath.sinCos(turns: (binaural ? carrier - beat / 2 : carrier) / sampleRate)
        let (sr, cr) = DSPMath.sinCos(turns: (binaural ? carrier + beat / 2 : carrier) / sampleRate)
        let a = SIMD2<Float>(Float(cl), Float(cr)), b = SIMD2<Float>(Float(sl), Float(sr))
        let norm = 1.5 - 0.5 * (c * c + s * s)
        var c = c * norm, s = s * norm
        let k = Self.amplitude
        if binaural {
            for n in 0..<count {
                let nc = c * a - s * b
                s = s * a + c * b
                c = nc
                left[n] = k * s.x
                right[n] = k * s.y
            }
        } else {
            let step = beat / sampleRate
            var phase = pulsePhase
            let size = Double(Self.pulseTableSize)
            let g = k * Self.isochronicNormalisation
            Self.pulseTable.withUnsafeBufferPointer { table in
                for n in 0..<count {
                    let nc = c * a - s * b
                    s = s * a + c * b
                    c = nc
                    let position = phase * size
                    let i = Int(position)
                    let fraction = Float(position - Double(i))
                    let envelope = table[i] + fraction * (table[i + 1] - table[i])
                    let x = g * envelope * s.x
                    left[n] = x
                    right[n] = x
                    phase += step
                    if phase >= 1 { phase -= 1 }
                }
            }
            pulsePhase = phase
        }
        self.c = c
        self.s = s
        frame += count
    }
}
