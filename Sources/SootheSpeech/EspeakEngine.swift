internal import CEspeakNG
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
import SootheCore
import Synchronization

/// What espeak-ng produced for one call: samples at its native rate and the events.
struct EspeakOutput: Sendable {
    /// 16-bit samples at ``EspeakEngine/sampleRate``.
    var samples: [Int16] = []
    /// Word starts: sample index from the start of the call, 1-based code-point position in the
    /// text given to espeak-ng (markup included), and length in code points.
    var words: [(sample: Int, textPosition: Int, length: Int)] = []
    /// Sentence starts as sample indices.
    var sentences: [Int] = []
}

/// The one owner of libespeak-ng in the process.
///
/// espeak-ng keeps global state, must be initialised once and never terminated (a second
/// initialise/terminate cycle hangs), and crashes when two threads call it at once. So every call
/// into it goes through this singleton's mutex, which also holds the lazily made initialisation.
final class EspeakEngine: Sendable {
    /// The process-wide engine.
    static let shared = EspeakEngine()

    private struct State {
        /// `nil` until first use; then the native sample rate or why initialisation failed.
        var initialised: Result<Int, SpeechError>?
        var voices: [InstalledEspeakVoice]?
        var variants: [String]?
        /// Base voice names already known to load.
        var loadable: Set<String> = []
        /// For each language some voice lists, the voice file that speaks it best.
        var languageFiles: [String: String] = [:]
    }

    private let state = Mutex(State())

    /// The seed of espeak-ng's noise for every call.
    private static let noiseSeed: UInt32 = 1

    private init() {}

    /// espeak-ng's output rate (22050 Hz for every voice).
    func sampleRate() throws(SpeechError) -> Int {
        try state.withLock { state throws(SpeechError) in try Self.ready(&state) }
    }

    /// Speaks each of `ssmlTexts` in `voice`, one espeak-ng call each, under one lock.
    func synthesize(_ ssmlTexts: [String], voice: VoiceProfile) throws(SpeechError) -> [EspeakOutput] {
        try state.withLock { state throws(SpeechError) -> [EspeakOutput] in
            _ = try Self.ready(&state)
            if let problem = Self.check(voice.espeak, state: &state) { throw problem }
            try Self.apply(voice, state: &state)
            var outputs: [EspeakOutput] = []
            outputs.reserveCapacity(ssmlTexts.count)
            for text in ssmlTexts {
                outputs.append(try Self.speak(text))
            }
            return outputs
        }
    }

    /// The installed voices (variants and MBROLA voices left out).
    func installedVoices() throws(SpeechError) -> [InstalledEspeakVoice] {
        try state.withLock { state throws(SpeechError) -> [InstalledEspeakVoice] in
            _ = try Self.ready(&state)
            return Self.voices(&state)
        }
    }

    /// Names usable after `+` in a voice name (`f3`, `m3`, `klatt`, ...), sorted.
    func installedVariants() throws(SpeechError) -> [String] {
        try state.withLock { state throws(SpeechError) -> [String] in
            _ = try Self.ready(&state)
            return Self.variants(&state)
        }
    }

    /// `nil` when `name` (with an optional `+variant`) loads, else the error to show.
    func validate(_ name: String) -> SpeechError? {
        state.withLock { state -> SpeechError? in
            do throws(SpeechError) {
                _ = try Self.ready(&state)
            } catch {
                return error
            }
            return Self.check(name, state: &state)
        }
    }

    // MARK: - Everything below runs with the lock held.

    private static func ready(_ state: inout State) throws(SpeechError) -> Int {
        if state.initialised == nil { state.initialised = initialise() }
        return try state.initialised!.get()
    }

    private static func initialise() -> Result<Int, SpeechError> {
        espeak_ng_InitializePath(nil)
        var context: espeak_ng_ERROR_CONTEXT?
        let status = espeak_ng_Initialize(&context)
        espeak_ng_ClearErrorContext(&context)
        guard status == ENS_OK else { return .failure(SpeechError(.initializationFailed(message(status)))) }
        let output = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nil)
        guard output == ENS_OK else { return .failure(SpeechError(.initializationFailed(message(output)))) }
        espeak_SetSynthCallback(espeakCallback)
        // The first synthesis in a process differs by a few hundred samples from later identical
        // ones; a throwaway call here makes every real render deterministic.
        if espeak_ng_SetVoiceByName("en") == ENS_OK {
            _ = try? speak("Warm up.")
        }
        return .success(Int(espeak_ng_GetSampleRate()))
    }

    /// Checks a voice name: the base must load in espeak-ng, and a `+variant` must exist (espeak-ng
    /// silently ignores unknown variants).
    private static func check(_ name: String, state: inout State) -> SpeechError? {
        let parts = name.split(separator: "+", maxSplits: 1, omittingEmptySubsequences: false)
        let base = parts.first.map(String.init) ?? ""
        let variant = parts.count > 1 ? String(parts[1]) : nil
        if !state.loadable.contains(base) {
            // By voice or file name, or (like the espeak-ng command) by a language some voice
            // lists; the language must be listed exactly, as espeak-ng would otherwise pick any
            // voice sharing a prefix (`en-uss` would speak English).
            let languages = Set(voices(&state).flatMap(\.languages))
            let loads = !base.isEmpty && !base.contains(where: \.isWhitespace)
                && (espeak_ng_SetVoiceByName(base) == ENS_OK
                    || (languages.contains(base.lowercased()) && select(base, state: &state) == ENS_OK))
            guard loads else {
                var candidates = Set<String>()
                for voice in voices(&state) {
                    candidates.formUnion(voice.languages)
                }
                let near = EditDistance.nearest(to: base, in: candidates)
                return .unknownVoice(name, suggestions: near.map { base in variant.map { "\(base)+\($0)" } ?? base })
            }
            state.loadable.insert(base)
        }
        if let variant {
            let known = variants(&state)
            if !known.contains(variant) {
                let near = EditDistance.nearest(to: variant, in: Set(known))
                return .unknownVoice(name, suggestions: near.map { "\(base)+\($0)" })
            }
        }
        return nil
    }

    /// Selects a voice by voice or file name (`en-us`, `en-us+f3`), else by a language that some
    /// voice lists (`en-gb` is a language whose voice file is `gmw/en`): that voice's file is
    /// loaded by name, so a `+variant` still applies (espeak-ng's select-by-language ignores it).
    private static func select(_ name: String, state: inout State) -> espeak_ng_STATUS {
        let byName = espeak_ng_SetVoiceByName(name)
        if byName == ENS_OK { return byName }
        let parts = name.split(separator: "+", maxSplits: 1, omittingEmptySubsequences: false)
        _ = voices(&state)
        guard let base = parts.first, let file = state.languageFiles[base.lowercased()] else { return byName }
        return espeak_ng_SetVoiceByName(parts.count > 1 ? "\(file)+\(parts[1])" : file)
    }

    private static func apply(_ voice: VoiceProfile, state: inout State) throws(SpeechError) {
        let status = select(voice.espeak, state: &state)
        guard status == ENS_OK else {
            throw SpeechError.unknownVoice(voice.espeak, suggestions: [])
        }
        let settings: [(espeak_PARAMETER, Int)] = [
            (espeakRATE, min(max(voice.rate, 80), 450)),
            (espeakPITCH, min(max(voice.pitch, 0), 100)),
            (espeakRANGE, min(max(voice.range, 0), 100)),
            (espeakWORDGAP, max(voice.wordGap, 0)),
            // Above 100 espeak-ng clips.
            (espeakVOLUME, 100),
        ]
        for (parameter, value) in settings {
            let status = espeak_ng_SetParameter(parameter, Int32(value), 0)
            guard status == ENS_OK else { throw .synthesisFailed(message(status)) }
        }
    }

    private static func speak(_ text: String) throws(SpeechError) -> EspeakOutput {
        let sink = CallbackSink()
        activeSink = sink
        defer { activeSink = nil }
        let flags = UInt32(espeakCHARS_UTF8 | espeakSSML)
        // espeak-ng draws its noise (breath, fricatives, bursts) from the C library's rand().
        // Reseeding before every call keeps that part of a phrase independent of what was spoken
        // before. (Its pitch flutter is a static counter inside espeak-ng that no API resets, so
        // repeated calls still differ slightly; the phrase cache is what makes every use of a
        // phrase within a process identical.)
        srand(Self.noiseSeed)
        let status = text.withCString { pointer in
            espeak_ng_Synthesize(pointer, text.utf8.count + 1, 0, POS_CHARACTER, 0, flags, nil, nil)
        }
        guard status == ENS_OK else { throw .synthesisFailed(message(status)) }
        return sink.output
    }

    private static func voices(_ state: inout State) -> [InstalledEspeakVoice] {
        if let voices = state.voices { return voices }
        var result: [InstalledEspeakVoice] = []
        var best: [String: (priority: Int, file: String)] = [:]
        if let list = espeak_ListVoices(nil) {
            var index = 0
            while let voice = list[index] {
                let (installed, priorities) = installedVoice(voice.pointee)
                result.append(installed)
                for (language, priority) in zip(installed.languages, priorities)
                where priority < best[language]?.priority ?? .max {
                    best[language] = (priority, installed.identifier)
                }
                index += 1
            }
        }
        state.voices = result
        state.languageFiles = best.mapValues(\.file)
        return result
    }

    private static func variants(_ state: inout State) -> [String] {
        if let variants = state.variants { return variants }
        var names = Set<String>()
        var spec = espeak_VOICE()
        "variant".withCString { language in
            spec.languages = language
            guard let list = espeak_ListVoices(&spec) else { return }
            var index = 0
            while let voice = list[index] {
                if let identifier = voice.pointee.identifier {
                    let path = String(cString: identifier)
                    names.insert(String(path.split(separator: "/").last ?? Substring(path)))
                }
                index += 1
            }
        }
        state.variants = names.sorted()
        return state.variants!
    }

    /// The voice, and the priority of each of its languages (lower is preferred).
    private static func installedVoice(_ voice: espeak_VOICE) -> (InstalledEspeakVoice, [Int]) {
        // `languages` is a list of (priority byte, zero-terminated name), ended by an empty entry.
        var languages: [String] = []
        var priorities: [Int] = []
        if var cursor = voice.languages {
            while cursor.pointee != 0 {
                let name = String(cString: cursor + 1)
                priorities.append(Int(UInt8(bitPattern: cursor.pointee)))
                languages.append(name)
                cursor += 1 + name.utf8.count + 1
            }
        }
        let gender: InstalledEspeakVoice.Gender? = switch voice.gender {
        case 1: .male
        case 2: .female
        case 3: .neutral
        default: nil
        }
        let installed = InstalledEspeakVoice(
            name: voice.name.map { String(cString: $0) } ?? "",
            languages: languages, gender: gender,
            identifier: voice.identifier.map { String(cString: $0) } ?? "")
        return (installed, priorities)
    }

    static func message(_ status: espeak_ng_STATUS) -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        espeak_ng_GetStatusCodeMessage(status, &buffer, buffer.count)
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}

/// Collects one synthesis call's output.
private final class CallbackSink {
    var output = EspeakOutput()
}

/// The sink of the call in progress. Calls are serialised by ``EspeakEngine``'s lock, so one
/// slot is enough, and the callback does not depend on espeak-ng copying `user_data` into every
/// event list (audio chunks arrive with an empty list). Only read and written with the lock
/// held, by the thread inside `espeak_ng_Synthesize`.
nonisolated(unsafe) private var activeSink: CallbackSink?

/// espeak-ng's synthesis callback: C calling convention, captures nothing.
private func espeakCallback(
    _ wave: UnsafeMutablePointer<Int16>?, _ count: Int32, _ events: UnsafeMutablePointer<espeak_EVENT>?
) -> Int32 {
    guard let sink = activeSink else { return 0 }
    if let wave, count > 0 {
        sink.output.samples.append(contentsOf: UnsafeBufferPointer(start: wave, count: Int(count)))
    }
    guard var event = events else { return 0 }
    while event.pointee.type != espeakEVENT_LIST_TERMINATED {
        let e = event.pointee
        if e.type == espeakEVENT_WORD {
            sink.output.words.append((Int(e.sample), Int(e.text_position), Int(e.length)))
        } else if e.type == espeakEVENT_SENTENCE {
            sink.output.sentences.append(Int(e.sample))
        }
        event += 1
    }
    return 0
}
