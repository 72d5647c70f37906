import Foundation
import SootheAudioIO
import SootheCore
import SootheDSP

/// Renders a timeline into an audio file: mix, loudness normalisation, true-peak limiting, write.
///
/// Two streaming passes over the same deterministic mix: the first measures integrated loudness
/// (SootheDSP's IntegratedLoudnessMeter, which reads what libebur128 reads at a third of its
/// cost), the second applies the gain that reaches the target, limits true peaks and
/// writes. Neither pass holds more than one block of frames.
public struct SessionRenderer: Sendable {
    public var options: RenderOptions
    public var speech: any SpeechClipProvider

    public init(options: RenderOptions, speech: any SpeechClipProvider) {
        self.options = options
        self.speech = speech
    }

    /// Tags written into the file for `timeline`.
    public func tags(for timeline: Timeline) -> AudioTags {
        AudioTags(
            title: timeline.title, artist: "soothe", comment: timeline.summary, date: options.date,
            software: "soothe \(SootheInfo.version)")
    }

    /// WAV cue points: the first frame of each step.
    public func cuePoints(for timeline: Timeline) -> [Int] {
        let rate = Double(options.sampleRate)
        var seen = Set<Int>()
        return timeline.steps.map { Int((CueSheet.milliseconds($0.start) * rate).rounded()) }.filter { seen.insert($0).inserted }
    }

    /// Renders to `path` atomically. `progress` gets the fraction done (0...1) now and then.
    public func render(
        _ timeline: Timeline, to path: String, progress: (@Sendable (Double) -> Void)? = nil
    ) throws(RenderError) -> RenderReport {
        let started = Date()
        try options.validate()
        let block = options.blockFrames
        // The mix's channels: 1 unless there is stereo ambience (see MixEngine.channels). Gain,
        // limiter and meters work on those; the writer fills the file's channels from them.
        let channels = options.channels == 2 && timeline.ambience != nil ? 2 : 1
        var buffer = [Float](repeating: 0, count: block * channels)
        // Every pass mixes the same breath cycles: each repeated one is synthesised once, here.
        let breathCycles = BreathCycleCache(timeline: timeline, options: options)

        // Measuring passes: the loudness after gain AND limiter, so the limiter's own effect on
        // loudness is corrected too. The first guess comes from the cue sheet (LoudnessGuess).
        // The limiter takes more off
        // as the gain rises, so the second guess follows the secant through the two readings.
        // Measuring stops once a reading is within 0.4 LU of the target (at most three passes);
        // the last correction is applied to the writing pass.
        var gainDB = options.normalize ? LoudnessGuess.firstGain(timeline, target: options.loudness) : 0
        let total = MixEngine.frameCount(of: timeline, sampleRate: options.sampleRate)
        var previous: (gain: Double, loudness: Double)?
        for pass in 0..<(options.normalize ? 3 : 0) {
            var engine = try MixEngine(timeline: timeline, options: options, speech: speech, breathCycles: breathCycles)
            var meter = makeMeter(channels: channels)
            var limiter = makeLimiter(channels: channels)
            let gain = Float(pow(10, gainDB / 20))
            while true {
                let frames = buffer.withUnsafeMutableBufferPointer { engine.renderBlock(into: $0) }
                if frames == 0 { break }
                buffer.withUnsafeMutableBufferPointer { all in
                    let samples = UnsafeMutableBufferPointer(rebasing: all[0..<frames * channels])
                    for i in samples.indices { samples[i] *= gain }
                    limiter.process(samples)
                    meter.add(interleaved: UnsafeBufferPointer(samples))
                }
                progress?(Double(pass) * 0.2 + 0.2 * Double(engine.position) / Double(max(total, 1)))
            }
            let measured = meter.integratedLoudness
            guard measured.isFinite else { break }
            let error = options.loudness - measured
            if abs(error) < 0.02 { break }
            let slope: Double
            if let previous, abs(measured - previous.loudness) > 0.01 {
                // Secant: how much the reading moved per dB of gain, between the two passes.
                slope = min(max((measured - previous.loudness) / (gainDB - previous.gain), 0.3), 1.5)
            } else {
                // The limiter takes a little more as the gain rises: readings move about 0.9 dB
                // per dB near the target (measured on the built-in sessions: 0.85–0.93).
                slope = 0.9
            }
            previous = (gainDB, measured)
            gainDB += error / slope
            // Close enough that the slope's uncertainty (±0.1) leaves under 0.05 LU: write now.
            if abs(error) < 0.4 { break }
        }
        let gain = Float(pow(10, gainDB / 20))

        // Pass 2: gain, limit, write.
        var engine = try MixEngine(timeline: timeline, options: options, speech: speech, breathCycles: breathCycles)
        let settings = options.audioSettings(tags: tags(for: timeline), cuePoints: cuePoints(for: timeline))
        let writer: AudioFileWriter
        do {
            writer = try AudioFileWriter(path: path, settings: settings)
        } catch {
            throw Self.wrap(error)
        }
        // The written samples are measured as they leave the limiter: integrated loudness as
        // libebur128 reads it, true peak with the limiter's own interpolator (libebur128's
        // true-peak mode costs more than the whole mix).
        var outputMeter = makeMeter(channels: channels)
        var peakMeter = TruePeakMeter(channels: channels)
        // An encoder that loses level (MP3) gets it back after measuring, so the decoded file
        // sits at the target.
        let makeup = Float(pow(10, -options.format.encoderGainDB / 20))
        var limiter = makeLimiter(channels: channels)
        var skip = limiter.latencyFrames
        do {
            func emit(_ samples: UnsafeMutableBufferPointer<Float>) throws(AudioIOError) {
                var frames = samples.count / channels
                var start = 0
                if skip > 0 {
                    let dropped = min(skip, frames)
                    skip -= dropped
                    start = dropped
                    frames -= dropped
                }
                guard frames > 0 else { return }
                let out = UnsafeMutableBufferPointer(rebasing: samples[(start * channels)..<((start + frames) * channels)])
                outputMeter.add(interleaved: UnsafeBufferPointer(out))
                peakMeter.add(UnsafeBufferPointer(out))
                if makeup != 1 {
                    for i in out.indices { out[i] *= makeup }
                }
                if channels == 1 {
                    try writer.write(mono: UnsafeBufferPointer(out))
                } else {
                    try writer.write(interleaved: UnsafeBufferPointer(out))
                }
            }
            while true {
                let frames = buffer.withUnsafeMutableBufferPointer { engine.renderBlock(into: $0) }
                if frames == 0 { break }
                try buffer.withUnsafeMutableBufferPointer { (all) throws(AudioIOError) in
                    let samples = UnsafeMutableBufferPointer(rebasing: all[0..<frames * channels])
                    for i in samples.indices { samples[i] *= gain }
                    limiter.process(samples)
                    try emit(samples)
                }
                progress?(0.6 + 0.4 * Double(engine.position) / Double(max(total, 1)))
            }
            // Push the limiter's delayed tail out so the file has exactly `total` frames.
            var tail = [Float](repeating: 0, count: limiter.latencyFrames * channels)
            try tail.withUnsafeMutableBufferPointer { (t) throws(AudioIOError) in
                limiter.flush(t)
                try emit(t)
            }
            try writer.finish()
        } catch {
            writer.cancel()
            throw Self.wrap(error)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return RenderReport(
            id: timeline.id, path: path, duration: Double(total) / Double(options.sampleRate), frames: total,
            fileSize: size, loudness: outputMeter.integratedLoudness, truePeak: peakMeter.peakDB,
            renderSeconds: Date().timeIntervalSince(started))
    }

    private func makeLimiter(channels: Int) -> TruePeakLimiter {
        // Without normalisation the ceiling is out of reach, so the limiter only delays.
        TruePeakLimiter(
            channels: channels, sampleRate: Double(options.sampleRate),
            ceilingDB: options.normalize ? options.truePeakCeiling - 0.3 : 40)
    }

    /// A meter for the mix's `channels`. One channel is measured as dual mono, whether the file
    /// is mono or a stereo file with the same signal in both speakers: both read exactly what a
    /// stereo pair of that signal reads.
    private func makeMeter(channels: Int) -> IntegratedLoudnessMeter {
        IntegratedLoudnessMeter(channels: channels, sampleRate: options.sampleRate, dualMono: true)
    }

    static func wrap(_ error: AudioIOError) -> RenderError {
        switch error.kind {
        case .cannotCreate: RenderError(.cannotCreate, error.description)
        case .unsupported: RenderError(.invalidOptions, error.description)
        default: RenderError(.output, error.description)
        }
    }
}

/// Facts about this build of soothe.
public enum SootheInfo {
    public static let version = "0.1.0"
}
