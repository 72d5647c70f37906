/// One vibration mode of a struck instrument: what modal synthesis sums.
public struct ChimePartial: Sendable, Hashable {
    /// Frequency as a multiple of the instrument's fundamental.
    public var ratio: Double
    /// Relative amplitude at the strike (the loudest partial of an instrument has 1).
    public var amplitude: Double
    /// Seconds for this partial to decay by 60 dB (for a full, undamped strike).
    public var t60: Double
    /// The partial is a detuned pair this many hertz apart (0 = a single mode): the slow
    /// beating of real bowls and bells, from their slight asymmetry.
    public var beat: Double

    /// Creates a partial description.
    public init(ratio: Double, amplitude: Double, t60: Double, beat: Double) {
        self.ratio = ratio
        self.amplitude = amplitude
        self.t60 = t60
        self.beat = beat
    }
}
