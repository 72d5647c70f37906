import SootheCore
import Synchronization

/// Speech synthesiser: thread-safe, cached. Conforms to `SootheCore.SpeechTiming`.
///
/// A phrase is synthesised by espeak-ng once per (text, voice settings) and kept at espeak-ng's
/// native rate (22050 Hz); each output rate gets its own resampled copy (libsoxr, high quality),
/// also kept. Breathing prompts repeat dozens of times per session, so most calls are lookups.
/// With a ``SpeechDiskCache`` the clips are also kept between runs. Every phrase is spoken from
/// the same espeak-ng state, so a clip depends on its text and voice alone (not on what else was
/// spoken, in which order, or whether it came from the disk). Any number of threads and instances
/// may call at once.
public final class SpeechSynthesizer: SpeechTiming, Sendable {
    /// A shared instance without a disk cache.
    public static let shared = SpeechSynthesizer()

    private let engine: EspeakEngine
    private let disk: SpeechDiskCache?
    /// Native clips; held while synthesising so that concurrent callers of one phrase wait for
    /// the first instead of synthesising it again.
    private let native = Mutex<[PhraseKey: SpeechClip]>([:])
    private let resampled = Mutex<[ResampledKey: SpeechClip]>([:])
    /// Lengths of phrases found on disk whose samples have not been needed.
    private let durations = Mutex<[PhraseKey: Double]>([:])
    private let syntheses = Atomic<Int>(0)
    /// How long one espeak-ng call may take.
    private let timeLimit: PhraseTimeLimit

    /// A synthesiser with its own empty caches (the espeak-ng engine is still the process's one),
    /// keeping clips between runs in `disk` if given.
    public convenience init(disk: SpeechDiskCache? = nil) {
        self.init(disk: disk, timeLimit: .standard)
    }

    /// A synthesiser whose espeak-ng calls may each take as long as `timeLimit` says.
    init(disk: SpeechDiskCache? = nil, timeLimit: PhraseTimeLimit) {
        engine = .shared
        self.disk = disk
        self.timeLimit = timeLimit
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

    /// The length of a phrase known without synthesising it: from memory, or from the header of
    /// its file on disk (its samples are read only if a render needs a rate not on disk).
    private func storedDuration(_ key: PhraseKey) -> Double? {
        if let clip = native.withLock({ $0[key] }) { return clip.duration }
        if let seconds = durations.withLock({ $0[key] }) { return seconds }
        guard let disk, let seconds = disk.duration(cacheKey(key, sampleRate: nil)) else { return nil }
        durations.withLock { $0[key] = seconds }
        return seconds
    }

    /// The phrase at espeak-ng's native rate, trimmed (cached).
    public func nativeClip(for text: String, voice: VoiceProfile) throws(SpeechError) -> SpeechClip {
        let key = PhraseKey(text: text, voice: voice)
        return try native.withLock { cache throws(SpeechError) -> SpeechClip in
            if let clip = cache[key] { return clip }
            if let disk, let clip = disk.load(cacheKey(key, sampleRate: nil)) {
                cache[key] = clip
                return clip
            }
            let clip = try PhraseAssembler.assemble(text, voice: voice, engine: engine, timeLimit: timeLimit)
            keep(clip, for: key, in: &cache)
            return clip
        }
    }

    /// Keeps a clip just synthesised: in memory (`cache`, the native clips), counted, and on disk.
    private func keep(_ clip: SpeechClip, for key: PhraseKey, in cache: inout [PhraseKey: SpeechClip]) {
        cache[key] = clip
        syntheses.add(1, ordering: .relaxed)
        disk?.store(clip, key: cacheKey(key, sampleRate: nil))
    }

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
            missing.append((key, PhraseAssembler(phrase.text), phrase.voice))
        }
        guard !missing.isEmpty, let rate = try? engine.sampleRate() else { return }
        // One batch of espeak-ng calls per voice, in the order the phrases came.
        var voices: [VoiceProfile] = []
        var byVoice: [VoiceProfile: [Int]] = [:]
        for (index, phrase) in missing.enumerated() {
            if byVoice[phrase.voice] == nil { voices.append(phrase.voice) }
            byVoice[phrase.voice, default: []].append(index)
        }
        for voice in voices {
            let members = byVoice[voice]!.map { missing[$0] }
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
                let clip = member.plan.clip(from: outputs[start..<(start + count)], sampleRate: rate)
                start += count
                // A caller may have synthesised it meanwhile: the same clip, kept once.
                native.withLock { cache in
                    if cache[member.key] == nil { keep(clip, for: member.key, in: &cache) }
                }
            }
        }
    }

    /// The phrase at `sampleRate` (resampled with soxr HQ, cached per rate). Its length is
    /// `Int((speechDuration × sampleRate).rounded())` samples.
    public func clip(for text: String, voice: VoiceProfile, sampleRate: Int) throws(SpeechError) -> SpeechClip {
        guard sampleRate > 0 else { throw SpeechError(.invalidSampleRate(sampleRate)) }
        let key = ResampledKey(phrase: PhraseKey(text: text, voice: voice), sampleRate: sampleRate)
        if let clip = resampled.withLock({ $0[key] }) { return clip }
        let diskKey = disk == nil ? nil : cacheKey(key.phrase, sampleRate: sampleRate)
        let clip: SpeechClip
        if let disk, let diskKey, let stored = disk.load(diskKey, sampleRate: sampleRate) {
            clip = stored
        } else {
            clip = try Self.resample(try nativeClip(for: text, voice: voice), to: sampleRate)
            if let disk, let diskKey { disk.store(clip, key: diskKey) }
        }
        // Two threads may both resample a new phrase; soxr is deterministic, and the first stored
        // copy is the one every caller gets from then on.
        return resampled.withLock { cache in
            if let existing = cache[key] { return existing }
            cache[key] = clip
            return clip
        }
    }

    /// Everything that shapes a clip's samples, for the disk cache.
    private func cacheKey(_ phrase: PhraseKey, sampleRate: Int?) -> String {
        let rate = sampleRate.map { "\($0) Hz by \(SoxrResampler.identity)" } ?? "native"
        return "clip format \(SpeechDiskCache.formatVersion)\n\(engine.dataIdentity())\n"
            + "voice \(phrase.espeak) rate \(phrase.rate) pitch \(phrase.pitch) range \(phrase.range) "
            + "word-gap \(phrase.wordGap)\n\(rate)\n\(phrase.text)"
    }

    private static func resample(_ clip: SpeechClip, to rate: Int) throws(SpeechError) -> SpeechClip {
        guard rate != clip.sampleRate else { return clip }
        let samples = try SoxrResampler.resample(clip.samples, from: clip.sampleRate, to: rate)
        let scale = Double(rate) / Double(clip.sampleRate)
        let frame = { (native: Int) in min(Int((Double(native) * scale).rounded()), samples.count) }
        return SpeechClip(
            samples: samples, sampleRate: rate,
            words: clip.words.map { WordMark(frame: frame($0.frame), textOffset: $0.textOffset, length: $0.length) },
            sentences: clip.sentences.map(frame))
    }
}
