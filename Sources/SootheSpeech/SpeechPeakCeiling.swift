import SootheDSP
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The last step of the speech chain: a true-peak limiter whose ceiling sits a fixed distance
/// over the phrase's own speech level, so no peak of a phrase stands far above the speech
/// around it, and one speech level for every phrase.
///
/// espeak-ng's voice is a train of sharp glottal pulses: its waveform peaks stand 15–16 dB over
/// its level, more than a leveller with any attack can catch (a pulse lasts about a millisecond).
/// A render normalised to −16 LUFS with a −1 dBTP ceiling then had its final limiter take 3–5 dB
/// off speech peaks, and pumped the breath tone and the bed with them. Here each phrase's peaks
/// are held to ``crestDB`` over its active speech level with soothe's own look-ahead true-peak
/// limiter (SootheDSP; libsox has no look-ahead limiter), once, before the clip is cached; the
/// final limiter then has nothing left to do on speech in the built-in sessions.
///
/// The level is the same for every phrase and every voice (``targetLevelDB``), so the mix's
/// layers are set against a voice whose loudness is known: the variants' filters and room
/// otherwise leave one voice 2 dB quieter than another.
enum SpeechPeakCeiling {
    /// How far peaks may stand over the phrase's active speech level, in dB.
    static let crestDB = 11.0
    /// The active speech level every phrase is brought to, in dBFS RMS.
    static let targetLevelDB = -21.0
    /// The most a phrase is raised or lowered to reach ``targetLevelDB``, in dB (a phrase of a
    /// few quiet pulses is not blown up).
    static let maximumGainDB = 12.0
    /// Windows quieter than this (dBFS RMS) are pauses, not speech.
    static let activityFloorDB = -50.0
    /// Window for the active speech level: 50 ms at 22,050 Hz.
    static let window = 1102

    /// `samples` (mono, `sampleRate`) with every true peak held to ``crestDB`` over their
    /// active speech level, then brought to ``targetLevelDB`` as a whole; the same length,
    /// nothing delayed. The limiter turns the loudest syllables down a little, so the peaks of
    /// the result stand up to that much more than ``crestDB`` over the target.
    static func apply(_ samples: [Float], sampleRate: Int) -> [Float] {
        guard let level = activeLevel(samples) else { return samples }
        var limited = limit(samples, ceilingDB: level + crestDB, sampleRate: sampleRate)
        let limitedLevel = activeLevel(limited) ?? level
        let gainDB = min(max(targetLevelDB - limitedLevel, -maximumGainDB), maximumGainDB)
        let gain = Float(pow(10, gainDB / 20))
        for index in limited.indices { limited[index] *= gain }
        return limited
    }

    private static func limit(_ samples: [Float], ceilingDB: Double, sampleRate: Int) -> [Float] {
        var limiter = TruePeakLimiter(
            channels: 1, sampleRate: Double(sampleRate), ceilingDB: ceilingDB + TruePeakLimiter.marginDB,
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
