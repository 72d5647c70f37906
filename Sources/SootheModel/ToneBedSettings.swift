/// The tones of a `binaural` or `isochronic` bed: a carrier and a beat, each moving gradually
/// (linearly in time) from its start value to its end value over the session.
public struct ToneBedSettings: Sendable, Hashable, Codable {
    /// Carriers soothe plays, in hertz.
    public static let carrierRange = 40.0...1_500.0
    /// Beat (binaural difference, or isochronic pulse rate), in hertz.
    public static let beatRange = 0.5...40.0
    /// The lowest tone either ear may get (carrier − beat/2), in hertz.
    public static let lowestTone = 30.0

    public var carrier: Double
    public var beat: Double
    /// The carrier at the session's end.
    public var endCarrier: Double
    /// The beat at the session's end.
    public var endBeat: Double

    /// `endCarrier` and `endBeat` default to the start values (no change).
    public init(carrier: Double = 200, beat: Double = 6, endCarrier: Double? = nil, endBeat: Double? = nil) {
        self.carrier = carrier
        self.beat = beat
        self.endCarrier = endCarrier ?? carrier
        self.endBeat = endBeat ?? beat
    }
}
