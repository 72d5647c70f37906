import SootheDSP
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The last step of the speech chain: a true-peak limiter whose ceiling sits a fixed distance
/// over the phrase's own speech level, so no peak of a phrase stands far above the speech around
/// it.
///
/// espeak-ng's voice is a train of sharp glottal pulses: its waveform peaks stand 15–16 dB over
/// its level, more than a leveller with any attack can catch (a pulse lasts about a millisecond).
/// A render normalised to −16 LUFS with a −1 dBTP ceiling then had its final limiter take 3–5 dB
/// off speech peaks. Here each phrase's peaks are held to ``crestDB`` over its active speech level
/// with soothe's own look-ahead true-peak limiter (SootheDSP; libsox has no look-ahead limiter),
/// once, before the clip is cached; the final limiter then has little or nothing left to do.
enum SpeechPeakCeiling {
    /// How far peaks may stand over the phrase's active speech level, in dB.
    static let crestDB = 11.0
    /// Windows quieter than this (dBFS RMS) are pauses, not speech.
    static let activityFloorDB = -50.0
    /// Window for the active speech level: 50 ms at 22,050 Hz.
    static let window = 1102

    /// `samples` (mono, `sampleRate`) with every true peak held to `crestDB` over their active
    /// speech level; the same length, nothing delayed.
    static func apply(_ samples: [Float], sampleRate: Int) -> [Float] {
        guard let level = activeLevel(samples) else { return samples }
        let ceiling = level + crestDB
        var limiter = TruePeakLimiter(
            channels: 1, sampleRate: Double(sampleRate), ceilingDB: ceiling + TruePeakLimiter.marginDB,
            lookahead: 0.002, release: 0.05)
        var buffer = samples + [Float](repeating: 0, count: limiter.latencyFrames)
        buffer.withUnsafeMutableBufferPointer { limiter.process($0) }
        return Array(buffer[limiter.latencyFrames...])
    }

    /// The RMS level in dBFS of the windows that hold speech (above ``activityFloorDB``), or nil
    /// when none does.
    static func activeLevel(_ samples: [Float]) -> Double? {
        var energy = 0.0
        var count = 0
        var start = 0
        while start < samples.count {
            let end = min(start + window, samples.count)
            var sum = 0.0
            for index in start..<end { sum += Double(samples[index]) * Double(samples[index]) }
            let mean = sum / Double(end - start)
            if 10 * log10(max(mean, 1e-20)) > activityFloorDB {
                energy += sum
                count += end - start
            }
            start = end
        }
        guard count > 0 else { return nil }
        return 10 * log10(energy / Double(count))
    }
}
