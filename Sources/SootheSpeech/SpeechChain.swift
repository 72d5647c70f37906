internal import CSoxChain
import SootheModel
import Synchronization
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The processing a profile gives every phrase, once, right after synthesis: libsox's effects.
///
/// espeak-ng's voice is dry, buzzy and peaky: its 2–6 kHz buzz sits at full strength and its
/// peaks stand about 16 dB over its loudness, so a render's limiter would take several dB off
/// them. The chain high-passes the rumble away, tilts the buzz down a little, levels the speech,
/// adds (with a room) a soft, short reverb whose tail rings on after the voice stops, and holds
/// every peak to a fixed distance over the phrase's speech level (``SpeechPeakCeiling``). The clip's ``SpeechClip/voiceFrames`` stays where the dry voice ended,
/// so cues and captions keep their meaning. Output is rounded to 16-bit steps, so the cache keeps
/// it exactly and a clip read back is the clip made. Deterministic: no dither, no randomness.
///
/// libsox keeps global state (its effect table, its buffer size); this is its one owner and runs
/// one chain at a time.
enum SpeechChain {
    /// Silence given to the room to ring into, in seconds; what rings below the trim threshold
    /// is cut.
    static let tailRoom = 1.5
    /// Tail samples at or below this magnitude (−66 dBFS) count as silence.
    static let tailThreshold: Float = 0.0005

    private static let lock = Mutex(())

    /// What else shapes a processed clip, for the speech cache's key: libsox's version and how
    /// the tail is cut and the samples rounded.
    static let version = "libsox \(String(cString: soothe_sox_version())) tail \(tailRoom) \(tailThreshold) int16 "
        + "level \(SpeechPeakCeiling.targetLevelDB) \(SpeechPeakCeiling.maximumGainDB) ceiling \(SpeechPeakCeiling.crestDB) \(SpeechPeakCeiling.activityFloorDB) \(SpeechPeakCeiling.window)"

    /// The libsox effects (each its name and arguments) for `settings` at `sampleRate`.
    static func effects(for settings: SpeechChainSettings) -> [[String]] {
        var effects: [[String]] = []
        if settings.enabled {
            effects += [
                // Rumble and breath-pop energy the ear does not need.
                ["highpass", "90"],
                // espeak-ng's buzz: a broad dip over 2–6 kHz and a gentle shelf above.
                ["equalizer", "3400", "0.9q", "-5"],
                ["treble", "-2", "7000", "0.5"],
                // A leveller: peaks drawn towards the speech around them.
                ["compand", "0.002,0.12", "6:-70,-70,-30,-30,-20,-24,-10,-19,0,-15", "6", "-30", "0"],
            ]
        }
        if settings.room > 0 {
            let level = String(format2(settings.roomLevel))
            // reverberance, HF damping, room scale, stereo depth, pre-delay (ms), wet gain (dB).
            effects.append(["reverb", "\(min(settings.room, 100))", "60", "35", "0", "12", level])
        }
        return effects
    }

    /// `clip` processed by `settings` (the clip itself when there is nothing to do).
    static func apply(_ clip: SpeechClip, settings: SpeechChainSettings) throws(SpeechError) -> SpeechClip {
        guard !settings.isDry, !clip.samples.isEmpty else { return clip }
        let effects = effects(for: settings)
        let tail = settings.room > 0 ? Int(tailRoom * Double(clip.sampleRate)) : 0
        var input = clip.samples
        input.append(contentsOf: repeatElement(0, count: tail))
        var processed = try run(input, sampleRate: clip.sampleRate, effects: effects)
        if settings.enabled { processed = SpeechPeakCeiling.apply(processed, sampleRate: clip.sampleRate) }
        // The room rings on after the voice until it falls under the threshold; the leveller
        // and filters have no delay, so the voice itself ends where it did.
        let voiceEnd = min(clip.voiceFrames, processed.count)
        var end = processed.count
        while end > voiceEnd, abs(processed[end - 1]) <= tailThreshold { end -= 1 }
        processed.removeSubrange(end...)
        for index in processed.indices {
            processed[index] = min(max((processed[index] * 32768).rounded(), -32768), 32767) / 32768
        }
        return SpeechClip(
            samples: processed, sampleRate: clip.sampleRate, words: clip.words, sentences: clip.sentences,
            voiceFrames: voiceEnd)
    }

    /// Runs `samples` through `effects` with libsox.
    private static func run(_ samples: [Float], sampleRate: Int, effects: [[String]]) throws(SpeechError) -> [Float] {
        let flat = effects.flatMap { $0 }
        let counts = effects.map { Int32($0.count) }
        // Inside libsox's own lock, libc's strtok's: compand tokenises its options.
        let result: Result<[Float], SpeechError> = lock.withLock { _ in LibcTokenizerLock.withLock {
            let cStrings = flat.map { strdup($0) }
            defer { cStrings.forEach { free($0) } }
            var arguments = cStrings.map { UnsafePointer<CChar>($0) }
            var output: UnsafeMutablePointer<Float>?
            var outputCount = 0
            var message = [CChar](repeating: 0, count: 256)
            let status = samples.withUnsafeBufferPointer { input in
                arguments.withUnsafeMutableBufferPointer { args in
                    soothe_sox_run(
                        input.baseAddress, input.count, Double(sampleRate), args.baseAddress, counts,
                        Int32(counts.count), &output, &outputCount, &message, message.count)
                }
            }
            guard status == 0, let output else {
                return .failure(SpeechError(.processingFailed(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))))
            }
            defer { soothe_sox_free(output) }
            return .success(Array(UnsafeBufferPointer(start: output, count: outputCount)))
        } }
        return try result.get()
    }

    private static func format2(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        return "\(sign)\(magnitude / 100).\(magnitude % 100 < 10 ? "0" : "")\(magnitude % 100)"
    }
}
