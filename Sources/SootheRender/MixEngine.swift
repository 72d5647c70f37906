import SootheCore
import SootheDSP

/// Turns a timeline into interleaved frames, one block at a time, before any gain or limiting.
///
/// Without ambience every channel would carry the same signal, so the engine renders one
/// channel (`channels` is 1) and the file's channels are filled from it when writing: gain,
/// limiter and meters then do half the work for a stereo file.
///
/// Memory is bounded by the block size, the phrases sounding at the moment (a phrase's samples
/// are fetched when the mix reaches it and let go when it ends) and the repeated breath cycles
/// (`BreathCycleCache`, under its limit); nothing grows with the session's length or its speech.
struct MixEngine {
    /// Why speech failed: the system's shortage as the system said it (exit 71), else the phrase
    /// and its line.
    static func speechFailure(_ error: any Error, words: String, line: Int) -> RenderError {
        if let unavailable = error as? SpeechUnavailable { return RenderError(.speechUnavailable, unavailable.message) }
        if let system = error as? any SystemFailure, system.isSystemFailure { return RenderError(.speechUnavailable, system.description) }
        return RenderError(.speech, "cannot speak '\(words)' (line \(line)): \(error)")
    }

    /// The first failure to fetch a phrase's samples during this pass, if any: the pass must
    /// end with it (the phrase sounded as silence).
    var failure: RenderError? { fetcher.failure }
    private let fetcher: ClipFetcher

    /// Channels per rendered frame: the file's with ambience (which is stereo), else 1.
    let channels: Int
    let totalFrames: Int
    private(set) var position = 0

    private var speech: Schedule<ClipSource>
    private var chimes: Schedule<ChimeVoice>
    private var chimeFiles: Schedule<SamplesSource>
    private var tones: Schedule<BreathCycleSource>
    private var ambience: AmbienceBed?
    private var fileBed: FileBedPlayer?
    private var ambienceGain: Float = 0
    private var ducking: DuckingEnvelope
    /// `depth − 1` of the ambience's and the breath tone's dips under speech.
    private let ambienceDuck = DuckingEnvelope.slope(depthDB: MixLevels.duckDepthDB)
    private let toneDuck = DuckingEnvelope.slope(depthDB: MixLevels.toneDuckDepthDB)
    private var mono: [Float]
    private var toneBuffer: [Float]
    private var dips: [Float]
    private var left: [Float]
    private var right: [Float]

    /// `breathCycles` must have been built from the same timeline and options; passes of one
    /// render share it, so each repeated breath cycle is synthesised once per render (nil: this
    /// engine builds its own).
    init(
        timeline: Timeline, options: RenderOptions, speech provider: any SpeechClipProvider,
        breathCycles: BreathCycleCache? = nil, soundFiles: SoundFiles? = nil
    ) throws(RenderError) {
        let rate = Double(options.sampleRate)
        channels = Self.channels(for: timeline, options: options)
        totalFrames = Self.frameCount(of: timeline, sampleRate: options.sampleRate)
        func frame(_ seconds: Double) -> Int { Int((seconds * rate).rounded()) }

        var speechEvents: [Schedule<ClipSource>.Event] = []
        var speechSpans: [(start: Int, end: Int)] = []
        var chimeEvents: [Schedule<ChimeVoice>.Event] = []
        var chimeFileEvents: [Schedule<SamplesSource>.Event] = []
        let files: SoundFiles
        if let soundFiles { files = soundFiles } else { files = try SoundFiles(timeline: timeline, sampleRate: options.sampleRate) }

        let fetcher = ClipFetcher(provider: provider, sampleRate: options.sampleRate)
        self.fetcher = fetcher
        // Each phrase's length (one question per distinct phrase and voice), so ducking knows every span.
        var lengths: [SpokenPhrase: Int] = [:]
        for (index, cue) in timeline.cues.enumerated() {
            switch cue.event {
            case .speech(let speech):
                let length: Int
                let phrase = SpokenPhrase(text: speech.text, voice: speech.voice)
                if let known = lengths[phrase] {
                    length = known
                } else {
                    do {
                        length = try provider.clipLength(for: speech.text, voice: speech.voice, sampleRate: options.sampleRate)
                    } catch {
                        throw Self.speechFailure(error, words: speech.words, line: cue.line)
                    }
                    lengths[phrase] = length
                }
                let start = frame(cue.start)
                let gain = MixLevels.speech * Float(pow10(speech.level / 20))
                let source = ClipSource(speech: speech, line: cue.line, frameCount: length, fetcher: fetcher)
                speechEvents.append(.init(start: start, source: source, gain: gain))
                speechSpans.append((start, start + length))
            case .chime(let chime):
                switch chime.sound {
                case .builtIn(let kind):
                    let voice = ChimeVoice(
                        kind: kind, levelDB: chime.level, strikes: chime.strikes, sampleRate: rate,
                        seed: SplitMix64.derive(options.seed, UInt64(index)))
                    chimeEvents.append(.init(start: frame(cue.start), source: voice, gain: MixLevels.chime(kind)))
                case .file(let file):
                    // Every strike plays the whole file, the usual interval after the last.
                    let samples = files.chimes[file.path] ?? []
                    let gain = Float(pow10(chime.level / 20))
                    for strike in 0..<chime.strikes {
                        let start = frame(cue.start + Double(strike) * ChimeKind.strikeInterval)
                        chimeFileEvents.append(.init(start: start, source: SamplesSource(samples: samples), gain: gain))
                    }
                }
            case .breath, .pause:
                continue  // the breath tone comes from `BreathCycleCache`
            }
        }

        speech = Schedule(speechEvents)
        chimes = Schedule(chimeEvents)
        chimeFiles = Schedule(chimeFileEvents)
        let cycles = breathCycles ?? BreathCycleCache(timeline: timeline, options: options)
        precondition(cycles.sampleRate == options.sampleRate, "breath cycles rendered at another rate")
        tones = Schedule(cycles.events())
        if let spec = timeline.ambience {
            switch spec.source {
            case .generated(let kind):
                ambience = AmbienceBed(
                    kind: kind, duration: Double(totalFrames) / rate, sampleRate: rate,
                    seed: SplitMix64.derive(options.seed, 0xA3B1), levelDB: spec.level, music: spec.music, tones: spec.tones)
                ambienceGain = MixLevels.ambience(kind)
            case .file:
                if let bed = files.bed {
                    fileBed = FileBedPlayer(
                        left: bed.left, right: bed.right, loop: bed.loop, frameCount: totalFrames, sampleRate: rate, levelDB: spec.level)
                    ambienceGain = 1
                }
            }
        }
        ducking = DuckingEnvelope(
            speech: speechSpans, sampleRate: rate, attack: MixLevels.duckAttack, release: MixLevels.duckRelease)
        let block = options.blockFrames
        mono = [Float](repeating: 0, count: block)
        toneBuffer = [Float](repeating: 0, count: block)
        dips = [Float](repeating: 0, count: block)
        left = [Float](repeating: 0, count: block)
        right = [Float](repeating: 0, count: block)
    }

    /// The channels the mix of `timeline` is rendered in: the file's with (stereo) ambience,
    /// else 1, which the writer copies to every channel of the file.
    static func channels(for timeline: Timeline, options: RenderOptions) -> Int {
        timeline.ambience != nil && options.channels == 2 ? 2 : 1
    }

    /// Frames in the file: the cue sheet's duration (in milliseconds) × the rate.
    static func frameCount(of timeline: Timeline, sampleRate: Int) -> Int {
        Int((Timeline.milliseconds(timeline.duration) * Double(sampleRate)).rounded())
    }

    static func tonePhase(_ phase: BreathPhase) -> BreathTone.Phase {
        switch phase {
        case .inhale: .inhale
        case .topUp: .topUp
        case .hold: .hold
        case .exhale: .exhale
        case .rest: .rest
        }
    }

    /// Whether frames remain.
    var isFinished: Bool { position >= totalFrames }

    /// Renders the next block into `out` (interleaved, at least `blockFrames × channels` long).
    /// Returns the frames written (0 at the end).
    mutating func renderBlock(into out: UnsafeMutableBufferPointer<Float>) -> Int {
        let frames = min(mono.count, totalFrames - position, out.count / channels)
        guard frames > 0 else { return 0 }
        let first = position
        let dipping = dips.withUnsafeMutableBufferPointer { d in
            ducking.fill(UnsafeMutableBufferPointer(rebasing: d[0..<frames]), firstFrame: first)
        }
        mono.withUnsafeMutableBufferPointer { monoBuffer in
            let block = UnsafeMutableBufferPointer(rebasing: monoBuffer[0..<frames])
            block.initialize(repeating: 0)
            speech.render(adding: block, firstFrame: first)
            chimes.render(adding: block, firstFrame: first)
            chimeFiles.render(adding: block, firstFrame: first)
            guard dipping else { return tones.render(adding: block, firstFrame: first) }
            // The breath tone dips a little under the voice, so prompts stay clear over it.
            toneBuffer.withUnsafeMutableBufferPointer { t in
                dips.withUnsafeBufferPointer { d in
                    let tone = UnsafeMutableBufferPointer(rebasing: t[0..<frames])
                    tone.initialize(repeating: 0)
                    tones.render(adding: tone, firstFrame: first)
                    for i in 0..<frames { block[i] += tone[i] * (1 + toneDuck * d[i]) }
                }
            }
        }
        let bed = ambience != nil || fileBed != nil
        if bed {
            left.withUnsafeMutableBufferPointer { l in
                right.withUnsafeMutableBufferPointer { r in
                    let lb = UnsafeMutableBufferPointer(rebasing: l[0..<frames])
                    let rb = UnsafeMutableBufferPointer(rebasing: r[0..<frames])
                    lb.initialize(repeating: 0)
                    rb.initialize(repeating: 0)
                    if ambience != nil {
                        ambience!.render(addingLeft: lb, right: rb, gain: ambienceGain)
                    } else {
                        fileBed!.render(addingLeft: lb, right: rb, gain: ambienceGain)
                    }
                    guard dipping else { return }
                    dips.withUnsafeBufferPointer { d in
                        for i in 0..<frames {
                            let g = 1 + ambienceDuck * d[i]
                            lb[i] *= g
                            rb[i] *= g
                        }
                    }
                }
            }
        }
        mono.withUnsafeBufferPointer { m in
            left.withUnsafeBufferPointer { l in
                right.withUnsafeBufferPointer { r in
                    let o = out.baseAddress!
                    if !bed {
                        o.update(from: m.baseAddress!, count: frames)
                    } else if channels == 2 {
                        for i in 0..<frames {
                            o[2 * i] = m[i] + l[i]
                            o[2 * i + 1] = m[i] + r[i]
                        }
                    } else {
                        for i in 0..<frames { o[i] = m[i] + 0.5 * (l[i] + r[i]) }
                    }
                }
            }
        }
        position += frames
        return frames
    }
}
