import SootheAudioIO
import SootheCore
import Synchronization

/// Speech synthesiser: thread-safe, cached. Conforms to `SootheCore.SpeechTiming`.
///
/// A phrase is synthesised by espeak-ng once per (text, voice settings) and kept at espeak-ng's
/// native rate (22050 Hz); each output rate gets its own resampled copy (libsoxr, high quality).
/// Both are held in memory within a budget, the most recently used first: breathing prompts
/// repeat dozens of times per session, so most calls are lookups. With a ``SpeechDiskCache`` the
/// native clips are also kept between runs (resampled copies are made again on use). Every phrase is spoken from
/// the same espeak-ng state, so a clip depends on its text and voice alone (not on what else was
/// spoken, in which order, or whether it came from the disk). Any number of threads and instances
/// may call at once.
public final class SpeechSynthesizer: SpeechTiming, Sendable {
    /// A shared instance without a disk cache.
    public static let shared = SpeechSynthesizer()

    private let engine: EspeakEngine
    private let disk: SpeechDiskCache?
    /// Native clips, the most recently used within a budget; held while synthesising so that
    /// concurrent callers of one phrase wait for the first instead of synthesising it again.
    private let native: Mutex<ClipMemory<PhraseKey>>
    /// Resampled clips, the most recently used within a budget.
    private let resampled: Mutex<ClipMemory<ResampledKey>>
    /// Every phrase's native length and rate, once known (a few bytes each: kept for all).
    private let shapes = Mutex<[PhraseKey: ClipShape]>([:])

    /// Bytes of clips kept in memory at each rate (the rest come back from the disk cache, or
    /// are made again): enough for the prompts a session repeats, and flat however much distinct
    /// speech a session holds.
    public static let memoryBudget = 8 << 20
    private let syntheses = Atomic<Int>(0)
    /// How long one espeak-ng call may take.
    private let timeLimit: PhraseTimeLimit

    /// A synthesiser with its own empty caches (the espeak-ng engine is still the process's one),
    /// keeping clips between runs in `disk` if given.
    ///
    /// Clips past `memoryBudget` bytes at each rate are let go, least recently used first, and
    /// come back from `disk` (without one they are made again: the same samples, more time).
    public convenience init(disk: SpeechDiskCache? = nil, memoryBudget: Int = memoryBudget) {
        self.init(disk: disk, timeLimit: .standard, memoryBudget: memoryBudget)
    }

    /// A synthesiser whose espeak-ng calls may each take as long as `timeLimit` says.
    init(disk: SpeechDiskCache? = nil, timeLimit: PhraseTimeLimit, memoryBudget: Int = memoryBudget) {
        engine = .shared
        self.disk = disk
        self.timeLimit = timeLimit
        native = Mutex(ClipMemory(budget: memoryBudget))
        resampled = Mutex(ClipMemory(budget: memoryBudget))
    }

    /// How many phrases this instance has actually synthesised (cache misses).
    public var synthesisCount: Int { syntheses.load(ordering: .relaxed) }

    /// espeak-ng's native output rate (22050 Hz).
    public func nativeSampleRate() throws(SpeechError) -> Int {
        try engine.sampleRate()
    }

    /// Trimmed native-rate duration in seconds (cached): from where the voice starts to where it
    /// stops, pause marks included. Throws a ``SpeechError``, or `SpeechUnavailable` when the
    /// failure is the machine's (``SpeechError/isSystemFailure``), not the phrase's or the voice's.
    public func speechDuration(of text: String, voice: VoiceProfile) throws -> Double {
        let key = PhraseKey(text: text, voice: voice)
        if let seconds = storedDuration(key) { return seconds }
        do {
            return try nativeClip(for: text, voice: voice).duration
        } catch where error.isSystemFailure {
            throw SpeechUnavailable(error.description)
        }
    }

    /// The phrase's length if it is known without speaking it (in memory, or in the header of
    /// its file in the disk cache), else nil: for answers that must be instant.
    public func knownSpeechDuration(of text: String, voice: VoiceProfile) -> Double? {
        storedDuration(PhraseKey(text: text, voice: voice))
    }

    /// The length of a phrase known without synthesising it: from memory, or from the header of
    /// its file on disk (its samples are read only if a render needs a rate not on disk).
    private func storedDuration(_ key: PhraseKey) -> Double? {
        storedShape(key)?.duration
    }

    /// The native clip's length and rate, from memory or its file's header.
    private func storedShape(_ key: PhraseKey) -> ClipShape? {
        if let shape = shapes.withLock({ $0[key] }) { return shape }
        guard let disk, let shape = disk.shape(cacheKey(key)) else { return nil }
        shapes.withLock { $0[key] = shape }
        return shape
    }

    /// The phrase at espeak-ng's native rate, trimmed (cached).
    public func nativeClip(for text: String, voice: VoiceProfile) throws(SpeechError) -> SpeechClip {
        let key = PhraseKey(text: text, voice: voice)
        return try native.withLock { cache throws(SpeechError) -> SpeechClip in
            if let clip = cache.clip(key) { return clip }
            if let disk, let clip = disk.load(cacheKey(key)) {
                cache.keep(clip, for: key)
                return clip
            }
            let dry = try PhraseAssembler.assemble(text, voice: voice, engine: engine, timeLimit: timeLimit)
            let clip = try SpeechChain.apply(dry, settings: voice.chain)
            keep(clip, for: key, in: &cache)
            return clip
        }
    }

    /// Keeps a clip just synthesised: in memory (`cache`, the native clips), counted, and on disk.
    private func keep(_ clip: SpeechClip, for key: PhraseKey, in cache: inout ClipMemory<PhraseKey>) {
        cache.keep(clip, for: key)
        shapes.withLock {
            $0[key] = ClipShape(samples: clip.samples.count, voiceFrames: clip.voiceFrames, sampleRate: clip.sampleRate)
        }
        syntheses.add(1, ordering: .relaxed)
        disk?.store(clip, key: cacheKey(key))
    }

    /// Phrases spoken per batch by ``prepare(_:)``: enough to keep every core busy.
    static let preparationBatch = 16

    /// Yes: building a timeline first hands over all its phrases (see ``prepare(_:)``).
    public var wantsPreparation: Bool { true }

    /// Synthesises every phrase of `phrases` not yet in memory or on disk, all side by side
    /// (espeak-ng calls in parallel processes), so the timeline's one-by-one questions that follow
    /// are lookups. Failures are left for those questions to report (after a failure of the
    /// machine's, nothing more is tried).
    public func prepare(_ phrases: [SpokenPhrase]) {
        var missing: [(key: PhraseKey, plan: PhraseAssembler, voice: VoiceProfile)] = []
        for phrase in phrases {
            let key = PhraseKey(text: phrase.text, voice: phrase.voice)
            if storedDuration(key) != nil { continue }
            missing.append((key, PhraseAssembler(phrase.text, voice: phrase.voice), phrase.voice))
        }
        guard !missing.isEmpty, let rate = try? engine.sampleRate() else { return }
        // One batch of espeak-ng calls per voice, in the order the phrases came.
        var voices: [VoiceProfile] = []
        var byVoice: [VoiceProfile: [Int]] = [:]
        for (index, phrase) in missing.enumerated() {
            if byVoice[phrase.voice] == nil { voices.append(phrase.voice) }
            byVoice[phrase.voice, default: []].append(index)
        }
        // In batches, so that an hour of distinct speech is never all in memory at once.
        let batches = voices.flatMap { voice in
            stride(from: 0, to: byVoice[voice]!.count, by: Self.preparationBatch).map { start in
                (voice, byVoice[voice]![start..<min(start + Self.preparationBatch, byVoice[voice]!.count)].map { missing[$0] })
            }
        }
        for (voice, members) in batches {
            let outputs: [EspeakOutput]
            do {
                outputs = try engine.synthesize(members.flatMap(\.plan.ssmlTexts), voice: voice, timeLimit: timeLimit)
            } catch {
                if error.isSystemFailure { return }
                continue
            }
            var start = 0
            for member in members {
                let count = member.plan.ssmlTexts.count
                let dry = member.plan.clip(from: outputs[start..<(start + count)], sampleRate: rate)
                start += count
                // A chain that fails here fails again when the phrase is asked for, and says so.
                guard let clip = try? SpeechChain.apply(dry, settings: member.voice.chain) else { continue }
                // A caller may have synthesised it meanwhile: the same clip, kept once.
                native.withLock { cache in
                    if cache.clip(member.key) == nil { keep(clip, for: member.key, in: &cache) }
                }
            }
        }
    }

    /// The phrase at `sampleRate` (resampled with soxr HQ, cached per rate). Its length is
    /// `Int((speechDuration × sampleRate).rounded())` samples.
    public func clip(for text: String, voice: VoiceProfile, sampleRate: Int) throws(SpeechError) -> SpeechClip {
        guard sampleRate > 0 else { throw SpeechError(.invalidSampleRate(sampleRate)) }
        let key = ResampledKey(phrase: PhraseKey(text: text, voice: voice), sampleRate: sampleRate)
        if let clip = resampled.withLock({ $0.clip(key) }) { return clip }
        // Only espeak-ng's clips are kept on disk: resampling on use is fast, and a resampled
        // copy per rate would take four times the room of the clip it was made from.
        let clip = try Self.resample(try nativeClip(for: text, voice: voice), to: sampleRate)
        // Two threads may both resample a new phrase; soxr is deterministic, and the first stored
        // copy is the one every caller gets from then on.
        return resampled.withLock { cache in
            if let existing = cache.clip(key) { return existing }
            cache.keep(clip, for: key)
            return clip
        }
    }

    /// The length in samples of ``clip(for:voice:sampleRate:)``'s clip, without holding it when
    /// it is known: from memory, or from the header of its file on disk.
    public func clipLength(for text: String, voice: VoiceProfile, sampleRate: Int) throws(SpeechError) -> Int {
        // Resampling gives a length fixed by the native clip's (see `SoxrResampler`).
        if let native = storedShape(PhraseKey(text: text, voice: voice)) {
            return native.sampleRate == sampleRate
                ? native.samples : SoxrResampler.outputLength(native.samples, from: native.sampleRate, to: sampleRate)
        }
        return try clip(for: text, voice: voice, sampleRate: sampleRate).samples.count
    }

    /// Everything that shapes a native clip's samples, for the disk cache.
    private func cacheKey(_ phrase: PhraseKey) -> String {
        "clip format \(SpeechDiskCache.formatVersion)\n\(engine.dataIdentity())\n"
            + "voice \(phrase.espeak) rate \(phrase.rate) pitch \(phrase.pitch) range \(phrase.range) "
            + "word-gap \(phrase.wordGap)\(pacingAndChain(phrase))\(variant(phrase))\nnative\n\(phrase.text)"
    }

    private static func resample(_ clip: SpeechClip, to rate: Int) throws(SpeechError) -> SpeechClip {
        guard rate != clip.sampleRate else { return clip }
        guard rate > 0 else { throw SpeechError(.invalidSampleRate(rate)) }
        let samples: [Float]
        do {
            samples = try SoxrResampler.resample(clip.samples, from: clip.sampleRate, to: rate)
        } catch {
            throw SpeechError(.resamplingFailed(error.message))
        }
        let scale = Double(rate) / Double(clip.sampleRate)
        let frame = { (native: Int) in min(Int((Double(native) * scale).rounded()), samples.count) }
        return SpeechClip(
            samples: samples, sampleRate: rate,
            words: clip.words.map { WordMark(frame: frame($0.frame), textOffset: $0.textOffset, length: $0.length) },
            sentences: clip.sentences.map(frame), voiceFrames: frame(clip.voiceFrames))
    }

    /// What shapes `voice`'s speech besides its profile's settings and the text: espeak-ng's
    /// version and data, the chain's libsox, and the checksum of the soothe variant it names
    /// (soothe's own or one in the user's voices folder). Two renders whose voices have the same
    /// profile and the same identity speak the same samples.
    public func engineIdentity(of voice: VoiceProfile) -> String {
        "clip format \(SpeechDiskCache.formatVersion) \(engine.dataIdentity()) chain \(SpeechChain.version)"
            + (engine.variantIdentity(of: voice.espeak).map { " variant \($0)" } ?? "")
    }

    /// The cache key's words for a soothe variant the voice names (its file's checksum).
    private func variant(_ phrase: PhraseKey) -> String {
        engine.variantIdentity(of: phrase.espeak).map { " variant \($0)" } ?? ""
    }

    /// The cache key's words for a profile's pauses and processing (none for a dry profile
    /// without pauses).
    private func pacingAndChain(_ phrase: PhraseKey) -> String {
        var words = ""
        if phrase.clausePause > 0 || phrase.sentencePause > 0 {
            words += " clause-pause \(phrase.clausePause) sentence-pause \(phrase.sentencePause)"
        }
        if !phrase.chain.isDry {
            let effects = SpeechChain.effects(for: phrase.chain).map { $0.joined(separator: " ") }
            words += " chain \(SpeechChain.version) \(effects.joined(separator: " | "))"
        }
        return words
    }
}
