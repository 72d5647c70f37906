internal import CEspeakNG
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
import SootheCore
import SoothePOSIX
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
/// In this process espeak-ng only finds and checks voices; every phrase is spoken by the speech
/// server's children (see ``SpeechServer``), so it is initialised without output or audio device.
/// espeak-ng keeps global state, must be initialised once and never terminated (a second
/// initialise/terminate cycle hangs), and crashes when two threads call it at once. So every call
/// into it goes through this singleton's mutex, which also holds the lazily made initialisation
/// and the server.
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
        /// espeak-ng's identifier of the voice file (with `+variant`) each voice name selects.
        var identifiers: [String: String] = [:]
        var dataIdentity: String?
        /// The data folder the speech server initialises espeak-ng on: soothe's overlay with its
        /// own variants (see ``EspeakDataOverlay``), or nil for espeak-ng's own. This process
        /// only looks at voices, and knows the overlay's variants by name.
        var dataPath: String?
        /// The overlay's own variants.
        var overlayVariants: Set<String> = []
        /// Each overlay variant's identity (a checksum of its file), for the speech cache's keys.
        var variantIdentities: [String: String] = [:]
        /// The process that speaks, started at the first phrase.
        var server: SpeechServer?
    }

    private let state = Mutex(State())

    private init() {}

    /// What identifies this espeak-ng and its data, for the speech cache's keys: its version, its
    /// data folder and the size and time of its phoneme data. Found without initialising it.
    func dataIdentity() -> String {
        state.withLock { state in
            if let identity = state.dataIdentity { return identity }
            let (version, folder) = Self.versionAndDataFolder()
            var info = stat()
            let phondata = stat("\(folder)/phondata", &info) == 0
                ? "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)" : "-"
            let identity = "espeak-ng \(version) \(folder) \(phondata)"
            state.dataIdentity = identity
            return identity
        }
    }

    /// espeak-ng's own data folder (where `espeak_ng_InitializePath(NULL)` points).
    func systemDataFolder() -> String {
        state.withLock { _ in Self.versionAndDataFolder().folder }
    }

    /// espeak-ng's version and its own data folder, without initialising it. Call with the lock held.
    private static func versionAndDataFolder() -> (version: String, folder: String) {
        espeak_ng_InitializePath(nil)
        var path: UnsafePointer<CChar>?
        let version = String(cString: espeak_Info(&path))
        return (version, path.map { String(cString: $0) } ?? "")
    }

    /// Makes the speech server speak from the data folder `path`, an overlay that adds
    /// `variants` (by name, each with its identity; a server already started is replaced at the
    /// next phrase). Clips of other voices keep their keys: the overlay links espeak-ng's own data.
    func useData(_ path: String, variants: [String: String]) {
        state.withLock { state in
            guard state.dataPath != path else { return }
            state.dataPath = path
            state.overlayVariants = Set(variants.keys)
            state.variantIdentities = variants
            state.server = nil
        }
    }

    /// The identity of the overlay variant `espeakName` names after `+`, if it names one: a
    /// changed variant file changes the keys of its voices' clips only.
    func variantIdentity(of espeakName: String) -> String? {
        guard let plus = espeakName.firstIndex(of: "+") else { return nil }
        let variant = String(espeakName[espeakName.index(after: plus)...])
        return state.withLock { $0.variantIdentities[variant] }
    }

    /// The speech server's process, once started (for tests).
    var serverProcess: Int32? {
        state.withLock { $0.server?.pid }
    }

    /// espeak-ng's output rate (22050 Hz for every voice).
    func sampleRate() throws(SpeechError) -> Int {
        try state.withLock { state throws(SpeechError) in try Self.ready(&state) }
    }

    /// Speaks each of `ssmlTexts` in `voice`, one espeak-ng call each, every call in a process of
    /// its own forked from the same state (see ``IsolatedSynthesis``); the calls run side by side.
    /// A call that stops short or outlasts `timeLimit` is asked once more, in a fresh process.
    func synthesize(
        _ ssmlTexts: [String], voice: VoiceProfile, timeLimit: PhraseTimeLimit = .standard
    ) throws(SpeechError) -> [EspeakOutput] {
        let request = try state.withLock { state throws(SpeechError) -> IsolatedSynthesis.Request in
            _ = try Self.ready(&state)
            if let problem = Self.check(voice.espeak, state: &state) { throw problem }
            return try Self.request(for: voice, state: &state)
        }
        typealias Asked = (reply: PhraseReply, deadline: ContinuousClock.Instant)
        func send(_ text: String, patient: Bool = true) throws(SpeechError) -> Asked {
            let reply = try state.withLock { state throws(SpeechError) in
                try Self.ask(request, text, patient: patient, state: &state)
            }
            return (reply, .now + timeLimit.limit(for: text))
        }
        func collect(_ asked: Asked) throws(SpeechError) -> PhraseReply.Outcome {
            let outcome = try asked.reply.collect(until: asked.deadline)
            if case .timedOut(let stalled?) = outcome { dropServer(stalled) }
            return outcome
        }
        // A few phrases in flight at a time (each is a process), collected in order.
        var window = max(2, 2 * Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        var outputs: [EspeakOutput] = []
        outputs.reserveCapacity(ssmlTexts.count)
        var inFlight: [(text: String, asked: Asked)] = []
        var next = 0
        var failure: SpeechError?
        while next < ssmlTexts.count || !inFlight.isEmpty {
            if next < ssmlTexts.count, inFlight.count < window {
                let text = ssmlTexts[next]
                do throws(SpeechError) {
                    inFlight.append((text, try send(text, patient: inFlight.isEmpty)))
                    next += 1
                } catch where error.isSystemFailure && !inFlight.isEmpty {
                    // No pipe or process to spare now: fewer phrases at a time, once one is done.
                    window = inFlight.count
                } catch {
                    failure = error
                    next = ssmlTexts.count
                }
                continue
            }
            // Every reply is read, even after a phrase failed (after a failure of the machine's,
            // the rest are dropped). One cut short (the server or this phrase's child was
            // killed) or too slow is asked once more, from a new server if the old one is gone;
            // a phrase that fails twice is an error.
            let (text, asked) = inFlight.removeFirst()
            if let failure, failure.isSystemFailure {
                // The rest would fail the same way: their children stop at the closed pipe.
                FileDescriptorIO.closeQuietly(asked.reply.pipe)
                continue
            }
            do throws(SpeechError) {
                var outcome = try collect(asked)
                if !outcome.isSpoken, failure == nil { outcome = try collect(try send(text)) }
                switch outcome {
                case .spoken(let output):
                    outputs.append(output)
                case .timedOut:
                    let seconds = Double(timeLimit.limit(for: text) / .milliseconds(1)) / 1000
                    throw .timedOut(text: text, seconds: seconds)
                case .stopped(childStarted: false):
                    // Twice the server ended before it forked a child: the machine's trouble.
                    throw .cannotStartProcess("it ended before it could speak")
                case .stopped(childStarted: true):
                    throw .synthesisFailed("the speech process stopped before finishing '\(text.prefix(40))'")
                }
            } catch {
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
        return outputs
    }

    /// Registered once: at exit the server is ended and reaped by this process, so that no
    /// zombie is left for an init that may not reap (as in some containers).
    private static let endServerAtExit: Void = {
        atexit {
            _ = EspeakEngine.shared.state.withLockIfAvailable { $0.server = nil }
        }
    }()

    /// Forgets the server `pid` if it is the current one (it is killed and reaped), so that the
    /// next phrase starts another.
    private func dropServer(_ pid: Int32) {
        state.withLock { state in
            if state.server?.pid == pid { state.server = nil }
        }
    }

    /// The installed voices (variants and MBROLA voices left out).
    func installedVoices() throws(SpeechError) -> [InstalledEspeakVoice] {
        try state.withLock { state throws(SpeechError) -> [InstalledEspeakVoice] in
            _ = try Self.ready(&state)
            return Self.voices(&state)
        }
    }

    /// Names usable after `+` in a voice name (`f3`, `m3`, `klatt`, ..., and soothe's own), sorted.
    func installedVariants() throws(SpeechError) -> [String] {
        try state.withLock { state throws(SpeechError) -> [String] in
            _ = try Self.ready(&state)
            return Set(Self.variants(&state)).union(state.overlayVariants).sorted()
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
        let result = state.initialised!
        // A shortage may pass: the next call tries again.
        if case .failure(let error) = result, error.isSystemFailure { state.initialised = nil }
        return try result.get()
    }

    /// Initialises espeak-ng for looking at voices only: this process never speaks (the speech
    /// server does), so it gets no output buffer and no audio device.
    private static func initialise() -> Result<Int, SpeechError> {
        // espeak-ng starts a thread of its own and aborts if it cannot.
        if let shortage = ResourceProbe.threadShortage() {
            return .failure(SpeechError(.resourceShortage(shortage.reason)))
        }
        espeak_ng_InitializePath(nil)
        var context: espeak_ng_ERROR_CONTEXT?
        let status = LibcTokenizerLock.withLock { espeak_ng_Initialize(&context) }
        espeak_ng_ClearErrorContext(&context)
        if let shortage = shortage(in: status) { return .failure(SpeechError(.resourceShortage(shortage.reason))) }
        guard status == ENS_OK else { return .failure(SpeechError(.initializationFailed(message(status)))) }
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
                && (Self.setVoice(base) == ENS_OK
                    || (languages.contains(base.lowercased()) && select(base, state: &state) == ENS_OK))
            guard loads else {
                // A voice file that could not be opened for want of descriptors is no unknown voice.
                if let shortage = ResourceProbe.descriptorShortage() {
                    return SpeechError(.resourceShortage(shortage.reason))
                }
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
            let known = Set(variants(&state)).union(state.overlayVariants)
            if !known.contains(variant) {
                let near = EditDistance.nearest(to: variant, in: known)
                return .unknownVoice(name, suggestions: near.map { "\(base)+\($0)" })
            }
        }
        return nil
    }

    /// Selects a voice by voice or file name (`en-us`, `en-us+f3`), else by a language that some
    /// voice lists (`en-gb` is a language whose voice file is `gmw/en`): that voice's file is
    /// loaded by name, so a `+variant` still applies (espeak-ng's select-by-language ignores it).
    private static func select(_ name: String, state: inout State) -> espeak_ng_STATUS {
        let byName = setVoice(name)
        if byName == ENS_OK { return byName }
        let parts = name.split(separator: "+", maxSplits: 1, omittingEmptySubsequences: false)
        _ = voices(&state)
        guard let base = parts.first, let file = state.languageFiles[base.lowercased()] else { return byName }
        return setVoice(parts.count > 1 ? "\(file)+\(parts[1])" : file)
    }

    /// Loads a voice in this process (to check it or find its file), holding the lock of libc's
    /// `strtok`, which espeak-ng calls while it reads the voice's file.
    private static func setVoice(_ name: String) -> espeak_ng_STATUS {
        LibcTokenizerLock.withLock { espeak_ng_SetVoiceByName(name) }
    }

    /// Sends one phrase to the speech server, starting it (again) if needed: every server
    /// initialises and warms up espeak-ng the same way, so a new one speaks from the very same
    /// state.
    private static func ask(
        _ request: IsolatedSynthesis.Request, _ text: String, patient: Bool, state: inout State
    ) throws(SpeechError) -> PhraseReply {
        if let server = state.server, let reply = try server.speak(request, text: text, patient: patient) {
            return reply
        }
        // The server was never started or has gone.
        state.server = nil
        _ = endServerAtExit
        let server = try SpeechServer.start(dataPath: state.dataPath)
        state.server = server
        guard let reply = try server.speak(request, text: text, patient: patient) else {
            state.server = nil
            throw .cannotStartProcess("it ended as soon as it started")
        }
        return reply
    }

    /// What a child needs to speak in `voice`: the voice's file identifier (found once per name,
    /// by selecting it here) and its settings.
    private static func request(for voice: VoiceProfile, state: inout State) throws(SpeechError) -> IsolatedSynthesis.Request {
        let identifier: String
        if let known = state.identifiers[voice.espeak] {
            identifier = known
        } else {
            // The base voice's file, then the variant by name: this process does not load
            // soothe's own variants (the server does, from the overlay), and espeak-ng would
            // silently drop a variant it cannot find.
            let parts = voice.espeak.split(separator: "+", maxSplits: 1, omittingEmptySubsequences: false)
            guard select(String(parts[0]), state: &state) == ENS_OK, let current = espeak_GetCurrentVoice(),
                  let name = current.pointee.identifier
            else { throw SpeechError.unknownVoice(voice.espeak, suggestions: []) }
            identifier = String(cString: name) + (parts.count > 1 ? "+\(parts[1])" : "")
            state.identifiers[voice.espeak] = identifier
        }
        let settings: [(espeak_PARAMETER, Int)] = [
            (espeakRATE, min(max(voice.rate, 80), 450)),
            (espeakPITCH, min(max(voice.pitch, 0), 100)),
            (espeakRANGE, min(max(voice.range, 0), 100)),
            (espeakWORDGAP, max(voice.wordGap, 0)),
            // Above 100 espeak-ng clips.
            (espeakVOLUME, 100),
        ]
        return IsolatedSynthesis.Request(
            voice: identifier,
            parameters: settings.map { IsolatedSynthesis.Parameter(raw: $0.0.rawValue, value: Int32($0.1)) })
    }

    private static func voices(_ state: inout State) -> [InstalledEspeakVoice] {
        if let voices = state.voices { return voices }
        var result: [InstalledEspeakVoice] = []
        var best: [String: (priority: Int, file: String)] = [:]
        if let list = LibcTokenizerLock.withLock({ espeak_ListVoices(nil) }) {
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
            guard let list = LibcTokenizerLock.withLock({ espeak_ListVoices(&spec) }) else { return }
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

    /// The shortage behind `status`, if it is an `errno` value for one (espeak-ng returns the
    /// errno of a file it could not open as its status).
    static func shortage(in status: espeak_ng_STATUS) -> POSIXError? {
        guard status.rawValue > 0, status.rawValue < 0x1000_0000 else { return nil }
        let error = POSIXError(Int32(status.rawValue), call: "espeak-ng")
        return error.isResourceShortage ? error : nil
    }

    static func message(_ status: espeak_ng_STATUS) -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        espeak_ng_GetStatusCodeMessage(status, &buffer, buffer.count)
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
