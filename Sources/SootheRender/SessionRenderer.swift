import Foundation
import SootheAudioIO
import SootheCore
import SootheDSP
import Synchronization

/// Renders a timeline into an audio file: mix, loudness normalisation, true-peak limiting, write.
///
/// One streaming pass mixes the session, applies a gain guessed from the cue sheet (a little
/// loud on purpose), limits true peaks and measures what leaves the limiter (integrated loudness
/// with SootheDSP's `IntegratedLoudnessMeter`, which reads what libebur128 reads; true peak with
/// `TruePeakMeter`), keeping the samples in a `SampleSpool` on disk. Integrated loudness scales
/// exactly with gain (the meter re-applies its gates for any gain), so the spooled samples then
/// reach the target with one constant correction on their way into the file; true peak scales
/// with them. Only when the correction would raise a peak over the ceiling (the guess was too
/// quiet for the limiter) does the pass run again, louder. No pass holds more than one block of
/// frames, the distinct phrases and the capped breath-cycle cache.
public struct SessionRenderer: Sendable {
    public var options: RenderOptions
    public var speech: any SpeechClipProvider

    /// How much louder than the guess the pass aims, in dB. The cue-sheet guess lands within
    /// −0.8…+0.6 LU of the measured loudness on the built-in sessions; erring loud means the
    /// correction nearly always lowers the level (always safe for peaks) instead of raising it
    /// (which only the limiter's 0.3 dB margin allows). The cost: peaks limited up to ~1 dB more
    /// than the final level needed.
    static let overshootDB = 0.5

    /// Frames per read from the spool.
    static let copyFrames = 65_536

    /// Added to the first gain (tests use it to send the first pass far too quiet or too loud).
    var firstGainAdjustmentDB = 0.0

    public init(options: RenderOptions, speech: any SpeechClipProvider) {
        self.options = options
        self.speech = speech
    }

    /// Refuses a bed that needs two ears (binaural) in a one-channel file, naming the line that
    /// asks for it.
    public static func checkChannels(_ timeline: Timeline, options: RenderOptions) throws(RenderError) {
        guard let bed = timeline.ambience, bed.sound?.needsStereo == true, options.channels == 1 else { return }
        let place = bed.origin.isEmpty ? "" : bed.origin + ": "
        throw RenderError(
            .invalidOptions,
            "\(place)ambience '\(bed.name)' needs stereo output: a binaural beat is one tone in each ear, and one channel would mix the two into a single beating tone (for a pulsed tone that works in mono, use 'isochronic')",
            fix: (.channels, ["2"]))
    }

    /// Tags written into the file for `timeline`: title, artist and album (the options', else
    /// `soothe`), the summary as comment, date, software, track number, the language spoken, the
    /// cover, and the timeline's chapters. The comment's last line names the language too
    /// (`Language: de`), for WAV, whose tags have no field for it.
    public func tags(for timeline: Timeline) -> AudioTags {
        let tag = SpeechLanguage(espeak: timeline.voice.espeak).tag
        let language = "Language: \(tag)"
        return AudioTags(
            title: timeline.title, artist: options.artist ?? RenderOptions.defaultArtist,
            album: options.album ?? RenderOptions.defaultAlbum,
            comment: timeline.summary.map { $0 + "\n" + language } ?? language, date: options.date,
            software: "soothe \(SootheInfo.version)", trackNumber: options.trackNumber, trackCount: options.trackCount,
            language: tag, cover: options.cover,
            chapters: timeline.chapters)
    }

    /// WAV cue points: the first frame of each chapter (the file names each with its title).
    public func cuePoints(for timeline: Timeline) -> [Int] {
        let rate = Double(options.sampleRate)
        return timeline.chapters.map { Int((Timeline.milliseconds($0.start) * rate).rounded()) }
    }

    /// Renders to `path` atomically. `progress` gets the fraction done (0...1) now and then.
    public func render(
        _ timeline: Timeline, to path: String, progress: (@Sendable (Double) -> Void)? = nil
    ) throws(RenderError) -> RenderReport {
        let started = Date()
        try options.validate()
        try Self.checkChannels(timeline, options: options)
        // A second mixing pass starts its fraction again from 0: report only progress forward.
        let progress = progress.map(Self.forwardOnly)
        // Gain, limiter and meters work on the mix's channels; the writer fills the file's from them.
        let channels = MixEngine.channels(for: timeline, options: options)
        let total = MixEngine.frameCount(of: timeline, sampleRate: options.sampleRate)
        // Every pass mixes the same breath cycles: each repeated one is synthesised once, here.
        let breathCycles = BreathCycleCache(timeline: timeline, options: options)
        // The script's own sound files, read once for every pass.
        let soundFiles = try SoundFiles(timeline: timeline, sampleRate: options.sampleRate)
        let writer: AudioFileWriter
        do {
            writer = try AudioFileWriter(
                path: path, settings: options.audioSettings(tags: tags(for: timeline), cuePoints: cuePoints(for: timeline), frames: total))
        } catch {
            throw Self.wrap(error)
        }
        func write(_ samples: UnsafeBufferPointer<Float>) throws(AudioIOError) {
            if channels == 1 { try writer.write(mono: samples) } else { try writer.write(interleaved: samples) }
        }
        func engine() throws(RenderError) -> MixEngine {
            try MixEngine(timeline: timeline, options: options, speech: speech, breathCycles: breathCycles, soundFiles: soundFiles)
        }
        do {
            let (loudness, peak, passes) =
                options.normalize
                ? try normalised(timeline, channels: channels, total: total, progress: progress, path: path, engine: engine, write: write)
                : try raw(channels: channels, total: total, progress: progress, engine: engine, write: write)
            try writer.finish()
            let size = writer.fileSize
            return RenderReport(
                id: timeline.id, path: path, duration: Double(total) / Double(options.sampleRate), frames: total,
                fileSize: size, loudness: loudness, truePeak: peak, renderSeconds: Date().timeIntervalSince(started),
                channels: options.channels, mixingPasses: passes)
        } catch {
            writer.cancel()
            switch error {
            case let error as RenderError: throw error
            case let error as AudioIOError: throw Self.wrap(error)
            default: throw RenderError(.output, "\(error)")
            }
        }
    }

    /// The raw mix, written as it is: the limiter's ceiling is out of reach, so it only delays.
    private func raw(
        channels: Int, total: Int, progress: (@Sendable (Double) -> Void)?,
        engine: () throws(RenderError) -> MixEngine, write: (UnsafeBufferPointer<Float>) throws(AudioIOError) -> Void
    ) throws -> (loudness: Double, peak: Double, passes: Int) {
        var pass = Pass(channels: channels, sampleRate: options.sampleRate)
        try run(&pass, engine(), gainDB: 0, ceilingDB: 40, total: total, progress: progress, into: write)
        return (pass.meter.integratedLoudness, pass.peaks.peakDB, 1)
    }

    /// The mix at a guessed gain, limited, measured and spooled beside `path`, then written
    /// with the correction that reaches the target; mixed again, louder, only when that
    /// correction would lift a peak over the ceiling.
    private func normalised(
        _ timeline: Timeline, channels: Int, total: Int, progress: (@Sendable (Double) -> Void)?, path: String,
        engine: () throws(RenderError) -> MixEngine, write: (UnsafeBufferPointer<Float>) throws(AudioIOError) -> Void
    ) throws -> (loudness: Double, peak: Double, passes: Int) {
        // The limiter's ceiling sits its own margin under the file's: the meter's 48-tap
        // interpolation may read up to ~0.2 dB under an ideal one on content near Nyquist.
        let ceiling = options.truePeakCeiling - TruePeakLimiter.marginDB
        var gainDB = LoudnessGuess.firstGain(timeline, target: options.loudness) + Self.overshootDB + firstGainAdjustmentDB
        for attempt in 1...3 {
            let spool = try SampleSpool(besides: AudioFileWriter.workingPath(for: path), reserving: total * channels)
            var pass = Pass(channels: channels, sampleRate: options.sampleRate)
            try run(&pass, engine(), gainDB: gainDB, ceilingDB: ceiling, total: total, progress: progress, into: spool.append)
            let correction = pass.correction(to: options.loudness)
            let headroom = ceiling - pass.peaks.peakDB
            if correction > headroom && attempt < 3 {
                // Too quiet for the limiter to have caught what the correction would raise:
                // again, louder (the limiter then takes what it must).
                gainDB += correction + 0.2
                continue
            }
            // (On the last attempt the peak ceiling wins over the loudness target.)
            let applied = min(correction, headroom)
            try spool.rewind()
            try copy(spool, scale: Float(pow10(applied / 20)), channels: channels, total: total, progress: progress, into: write)
            return (pass.meter.integratedLoudness(afterGainDB: applied), pass.peaks.peakDB + applied, attempt)
        }
        preconditionFailure("the last attempt always writes")
    }

    /// What one pass measures of the samples leaving the limiter.
    struct Pass {
        var meter: IntegratedLoudnessMeter
        var peaks: TruePeakMeter

        init(channels: Int, sampleRate: Int) {
            // One channel is measured as dual mono, whether the file is mono or a stereo file
            // with the same signal in both speakers: both read what a stereo pair of it reads.
            meter = IntegratedLoudnessMeter(channels: channels, sampleRate: sampleRate, dualMono: true)
            peaks = TruePeakMeter(channels: channels)
        }

        /// The gain in dB that brings the measured loudness to `target`: the reading moves one
        /// for one with gain unless a block crosses a gate, which the meter accounts for exactly.
        func correction(to target: Double) -> Double {
            let measured = meter.integratedLoudness
            guard measured.isFinite else { return 0 }  // silence stays silence
            var gain = target - measured
            for _ in 0..<4 {
                let error = target - meter.integratedLoudness(afterGainDB: gain)
                guard error.isFinite, abs(error) > 1e-6 else { break }
                gain += error
            }
            return gain
        }
    }

    /// Mixes the whole session once: gain, limiter, meters, then `sink` gets exactly `total`
    /// frames in order (the limiter's delay removed).
    private func run(
        _ pass: inout Pass, _ engine: MixEngine, gainDB: Double, ceilingDB: Double,
        total: Int, progress: (@Sendable (Double) -> Void)?,
        into sink: (UnsafeBufferPointer<Float>) throws(AudioIOError) -> Void
    ) throws {
        var engine = engine
        let channels = engine.channels
        var limiter = TruePeakLimiter(channels: channels, sampleRate: Double(options.sampleRate), ceilingDB: ceilingDB)
        let gain = Float(pow10(gainDB / 20))
        var skip = limiter.latencyFrames
        var buffer = [Float](repeating: 0, count: options.blockFrames * channels)
        func emit(_ samples: UnsafeMutableBufferPointer<Float>) throws(AudioIOError) {
            let dropped = min(skip, samples.count / channels)
            skip -= dropped
            guard samples.count > dropped * channels else { return }
            let out = UnsafeBufferPointer(rebasing: samples[(dropped * channels)...])
            pass.meter.add(interleaved: out)
            pass.peaks.add(out)
            try sink(out)
        }
        while true {
            let frames = buffer.withUnsafeMutableBufferPointer { engine.renderBlock(into: $0) }
            if let failure = engine.failure { throw failure }
            if frames == 0 { break }
            try buffer.withUnsafeMutableBufferPointer { (all) throws(AudioIOError) in
                let samples = UnsafeMutableBufferPointer(rebasing: all[0..<frames * channels])
                for i in samples.indices { samples[i] *= gain }
                limiter.process(samples)
                try emit(samples)
            }
            progress?(0.85 * Double(engine.position) / Double(max(total, 1)))
        }
        // Push the limiter's delayed tail out so exactly `total` frames come out.
        var tail = [Float](repeating: 0, count: limiter.latencyFrames * channels)
        try tail.withUnsafeMutableBufferPointer { (t) throws(AudioIOError) in
            limiter.flush(t)
            try emit(t)
        }
    }

    /// Reads the spooled frames back, scaled by `scale` (and the format's makeup gain: an
    /// encoder that loses level, MP3, gets it back so the decoded file sits at the target).
    private func copy(
        _ spool: SampleSpool, scale: Float, channels: Int, total: Int, progress: (@Sendable (Double) -> Void)?,
        into sink: (UnsafeBufferPointer<Float>) throws(AudioIOError) -> Void
    ) throws(AudioIOError) {
        let gain = scale * Float(pow10(-options.format.encoderGainDB / 20))
        // Large reads and writes: fewer system calls (the writer splits them as its format needs).
        var buffer = [Float](repeating: 0, count: Self.copyFrames * channels)
        var done = 0
        while true {
            let count = try buffer.withUnsafeMutableBufferPointer { (b) throws(AudioIOError) in try spool.read(into: b) }
            if count == 0 { break }
            try buffer.withUnsafeMutableBufferPointer { (all) throws(AudioIOError) in
                let samples = UnsafeMutableBufferPointer(rebasing: all[0..<count])
                for i in samples.indices { samples[i] *= gain }
                try sink(UnsafeBufferPointer(samples))
            }
            done += count / channels
            progress?(0.85 + 0.15 * Double(done) / Double(max(total, 1)))
        }
        guard done == total else {
            throw AudioIOError(.readFailed, "the spool gave back \(done) of \(total) frames")
        }
    }

    /// `report`, called only with fractions beyond the last one it was given.
    static func forwardOnly(_ report: @escaping @Sendable (Double) -> Void) -> @Sendable (Double) -> Void {
        let highest = Mutex(0.0)
        return { fraction in
            let forward = highest.withLock { value -> Bool in
                guard fraction > value else { return false }
                value = fraction
                return true
            }
            if forward { report(fraction) }
        }
    }

    static func wrap(_ error: AudioIOError) -> RenderError {
        switch error.kind {
        case .cannotCreate: RenderError(.cannotCreate, error.description, systemCode: error.systemCode)
        case .unsupported: RenderError(error)
        default: RenderError(.output, error.description, systemCode: error.systemCode)
        }
    }
}

/// Facts about this build of soothe.
public enum SootheInfo {
    public static let version = "0.1.0"
}
