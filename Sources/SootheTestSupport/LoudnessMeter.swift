internal import CEbur128
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// EBU R128 loudness with libebur128 (modes I | LRA | TRUE_PEAK | SAMPLE_PEAK): the reference
/// the tests measure soothe's files and its own meter against. soothe itself measures with
/// SootheDSP's `IntegratedLoudnessMeter` and `TruePeakMeter`.
///
/// Mono is measured as dual mono by default (`dualMono: true`): the one channel counts twice, as a
/// stereo file with the same signal in both speakers would, so a mono file normalised to −16 LUFS
/// plays as loud on a phone as a stereo one. A full-scale 997 Hz sine then reads 0.00 LUFS
/// (−3.01 LUFS as plain mono). Not Sendable: use a meter from one task.
public final class LoudnessMeter {
    private let state: UnsafeMutablePointer<ebur128_state>
    /// Channels per frame.
    public let channels: Int
    /// Frames per second.
    public let sampleRate: Int
    /// The first failure of `add` (libebur128 out of memory); the readings are NaN once set.
    public private(set) var failure: LoudnessMeterError?

    /// Whether true peak is measured (`truePeakDB` is NaN otherwise).
    public let measuresTruePeak: Bool

    /// Creates a meter. `dualMono` applies to one-channel meters only.
    ///
    /// True-peak measurement (4× oversampling) is most of the cost: `measuresTruePeak: false`
    /// for a pass that only needs the integrated loudness.
    ///
    /// `integratedOnly: true` measures integrated loudness alone (no range, no peaks): the cheapest
    /// mode, for passes that only need the gain.
    public init(
        channels: Int, sampleRate: Int, dualMono: Bool = true, measuresTruePeak: Bool = true,
        integratedOnly: Bool = false
    ) throws(LoudnessMeterError) {
        guard channels >= 1, sampleRate > 0 else {
            throw LoudnessMeterError("cannot measure \(channels) channels at \(sampleRate) Hz")
        }
        var mode = EBUR128_MODE_I.rawValue
        if !integratedOnly {
            mode |= EBUR128_MODE_LRA.rawValue | EBUR128_MODE_SAMPLE_PEAK.rawValue
            if measuresTruePeak { mode |= EBUR128_MODE_TRUE_PEAK.rawValue }
        }
        guard let state = ebur128_init(UInt32(channels), UInt(sampleRate), Int32(mode)) else {
            throw LoudnessMeterError("libebur128 cannot measure \(channels) channels at \(sampleRate) Hz")
        }
        self.state = state
        self.channels = channels
        self.sampleRate = sampleRate
        self.measuresTruePeak = measuresTruePeak && !integratedOnly
        if channels == 1 && dualMono {
            try Self.check(ebur128_set_channel(state, 0, Int32(EBUR128_DUAL_MONO.rawValue)), "cannot set dual mono")
        }
    }

    deinit {
        var pointer: UnsafeMutablePointer<ebur128_state>? = state
        ebur128_destroy(&pointer)
    }

    /// Adds interleaved frames (count = frames × channels; a trailing partial frame is ignored).
    public func add(interleaved samples: UnsafeBufferPointer<Float>) {
        guard failure == nil, let base = samples.baseAddress else { return }
        let frames = samples.count / channels
        guard frames > 0 else { return }
        do throws(LoudnessMeterError) {
            try Self.check(ebur128_add_frames_float(state, base, frames), "cannot add frames")
        } catch {
            failure = error
        }
    }

    /// Integrated loudness in LUFS; −infinity for silence (or less than 400 ms of audio).
    public var integratedLoudness: Double {
        read { (out: UnsafeMutablePointer<Double>) in ebur128_loudness_global(state, out) }
    }

    /// Loudness range in LU (0 for steady or short signals).
    public var loudnessRange: Double {
        read { (out: UnsafeMutablePointer<Double>) in ebur128_loudness_range(state, out) }
    }

    /// The highest true (4× oversampled) peak over all channels, in dBTP; −infinity for silence,
    /// NaN when the meter was made with `measuresTruePeak: false`.
    public var truePeakDB: Double {
        guard measuresTruePeak else { return .nan }
        return decibels(maxOverChannels { channel, out in ebur128_true_peak(state, channel, out) })
    }

    /// The highest sample peak over all channels, in dBFS; −infinity for silence.
    public var samplePeakDB: Double {
        decibels(maxOverChannels { channel, out in ebur128_sample_peak(state, channel, out) })
    }

    private func read(_ body: (UnsafeMutablePointer<Double>) -> Int32) -> Double {
        guard failure == nil else { return .nan }
        var value = 0.0
        guard body(&value) == EBUR128_SUCCESS.rawValue else { return .nan }
        return value
    }

    private func maxOverChannels(_ body: (UInt32, UnsafeMutablePointer<Double>) -> Int32) -> Double {
        guard failure == nil else { return .nan }
        var peak = 0.0
        for channel in 0..<UInt32(channels) {
            var value = 0.0
            guard body(channel, &value) == EBUR128_SUCCESS.rawValue else { return .nan }
            peak = max(peak, value)
        }
        return peak
    }

    private func decibels(_ linear: Double) -> Double {
        if linear.isNaN { return .nan }
        return linear > 0 ? 20 * log10(linear) : -.infinity
    }

    /// Turns a libebur128 status into an error named after the library's enum.
    private static func check(_ code: Int32, _ what: String) throws(LoudnessMeterError) {
        guard code != EBUR128_SUCCESS.rawValue else { return }
        let name =
            switch code {
            case Int32(EBUR128_ERROR_NOMEM.rawValue): "out of memory"
            case Int32(EBUR128_ERROR_INVALID_MODE.rawValue): "invalid mode"
            case Int32(EBUR128_ERROR_INVALID_CHANNEL_INDEX.rawValue): "invalid channel index"
            case Int32(EBUR128_ERROR_NO_CHANGE.rawValue): "no change"
            default: "error \(code)"
            }
        throw LoudnessMeterError("libebur128: \(what): \(name)")
    }
}

/// Why libebur128 could not measure.
public struct LoudnessMeterError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
