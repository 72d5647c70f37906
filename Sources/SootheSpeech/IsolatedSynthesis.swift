internal import CEspeakNG
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Speaks each phrase in a process of its own, forked from one espeak-ng state, so that every
/// phrase starts from that same state.
///
/// espeak-ng carries state from one synthesis to the next that no API resets (a static
/// pitch-flutter counter, the phase of its glottal wave): the same phrase comes out a few samples
/// longer or shorter, and slightly different, depending on what was spoken before it. Here each
/// phrase is spoken by a child of the ``SpeechServer``, a process forked right after espeak-ng's
/// initialisation and warm-up that never speaks itself: every child starts from that one state,
/// selects the voice, speaks, and sends its samples and events back through a pipe of its own. A
/// phrase is then a function of its text and voice alone: the same whatever else a render or a
/// batch speaks, in any order, on any thread, in any process, which is what lets the speech cache
/// keep it.
///
/// The forked code runs espeak-ng and the record writer below and nothing else: it allocates
/// nothing in Swift and takes no lock that another thread of the parent may have held at a fork.
enum IsolatedSynthesis {
    /// Everything a child needs besides the text.
    struct Request: Sendable {
        /// espeak-ng's own identifier of the voice file, with `+variant` (e.g. `gmw/en-US+f3`): it
        /// loads by file name, without espeak-ng listing its voices.
        let voice: String
        /// Rate, pitch, range, word gap and volume, as espeak-ng parameters.
        let parameters: [Parameter]
    }

    /// One espeak-ng parameter and its value.
    struct Parameter: Sendable {
        let raw: UInt32
        let value: Int32
    }

    /// A phrase being spoken; ``collect()`` (call it once) waits for it and returns what was said.
    struct Reply {
        /// The read end of the phrase's pipe.
        let pipe: Int32

        /// Reads the child's records to the end and decodes its output; nil if they stop short
        /// of the end record (the child, or the server before it forked the child, was killed).
        func collect() throws(SpeechError) -> EspeakOutput? {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(1 << 18)
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            var readError: Int32 = 0
            while true {
                let count = chunk.withUnsafeMutableBytes { read(pipe, $0.baseAddress, $0.count) }
                if count > 0 {
                    bytes.append(contentsOf: chunk[0..<count])
                } else if count == 0 {
                    break
                } else if errno != EINTR {
                    readError = errno
                    break
                }
            }
            close(pipe)
            if readError != 0 {
                throw .synthesisFailed("reading the speech process's output: \(String(cString: strerror(readError)))")
            }
            return try decode(bytes)
        }
    }

    /// The seed of espeak-ng's noise (`rand()`) for every phrase.
    static let noiseSeed: UInt32 = 1

    // MARK: - The child

    /// Selects the voice, speaks `text` (SSML) and reports through `pipe`, then leaves the process
    /// without running any exit handler. Runs in a freshly forked child of the speech server.
    static func speakInChild(
        voice: UnsafePointer<CChar>, parameters: UnsafeBufferPointer<Parameter>,
        text: UnsafeBufferPointer<CChar>, to pipe: Int32
    ) -> Never {
        childPipe = pipe
        espeak_SetSynthCallback(childCallback)
        var status = espeak_ng_SetVoiceByName(voice)
        var index = 0
        while status == ENS_OK && index < parameters.count {
            status = espeak_ng_SetParameter(espeak_PARAMETER(parameters[index].raw), parameters[index].value, 0)
            index += 1
        }
        if status == ENS_OK {
            srand(noiseSeed)
            let flags = UInt32(espeakCHARS_UTF8 | espeakSSML)
            status = espeak_ng_Synthesize(text.baseAddress, text.count, 0, POS_CHARACTER, 0, flags, nil, nil)
        }
        let sent = writeRecord(.end, Int32(bitPattern: status.rawValue))
        _exit(sent ? 0 : 1)
    }

    /// What a record holds; each is four `Int32`s (kind and three values), samples follow theirs.
    fileprivate enum Kind: Int32 {
        /// `count` 16-bit samples follow.
        case samples = 1
        /// A word: sample, 1-based text position, length.
        case word = 2
        /// A sentence start: sample.
        case sentence = 3
        /// The end: espeak-ng's status.
        case end = 4
    }

    /// Turns the child's records into its output.
    private static func decode(_ bytes: [UInt8]) throws(SpeechError) -> EspeakOutput? {
        var output = EspeakOutput()
        var status: UInt32?
        let failure: SpeechError? = bytes.withUnsafeBytes { raw -> SpeechError? in
            var offset = 0
            func field(_ index: Int) -> Int32 { raw.loadUnaligned(fromByteOffset: offset + 4 * index, as: Int32.self) }
            while offset + 16 <= raw.count {
                let kind = Kind(rawValue: field(0))
                switch kind {
                case .samples:
                    let count = Int(field(1))
                    let start = offset + 16
                    guard count >= 0, start + 2 * count <= raw.count else { return .synthesisFailed("the speech process's output was cut short") }
                    let samples = UnsafeRawBufferPointer(rebasing: raw[start..<(start + 2 * count)])
                    output.samples.reserveCapacity(output.samples.count + count)
                    for index in 0..<count {
                        output.samples.append(samples.loadUnaligned(fromByteOffset: 2 * index, as: Int16.self))
                    }
                    offset = start + 2 * count
                    continue
                case .word:
                    output.words.append((Int(field(1)), Int(field(2)), Int(field(3))))
                case .sentence:
                    output.sentences.append(Int(field(1)))
                case .end:
                    status = UInt32(bitPattern: field(1))
                case nil:
                    return .synthesisFailed("the speech process sent an unknown record")
                }
                offset += 16
            }
            return nil
        }
        if let failure { throw failure }
        guard let status else { return nil }
        let result = espeak_ng_STATUS(rawValue: status)
        guard result == ENS_OK else { throw .synthesisFailed(EspeakEngine.message(result)) }
        return output
    }
}

/// The child's end of its pipe (set in the child only, before it speaks).
nonisolated(unsafe) private var childPipe: Int32 = -1

/// espeak-ng's synthesis callback in the child: writes samples and word and sentence events as
/// records, allocating nothing. Returns 1 (stop) if the parent stopped reading.
private func childCallback(
    _ wave: UnsafeMutablePointer<Int16>?, _ count: Int32, _ events: UnsafeMutablePointer<espeak_EVENT>?
) -> Int32 {
    if let wave, count > 0 {
        guard writeRecord(.samples, count), Descriptor.writeAll(childPipe, UnsafeRawPointer(wave), Int(count) * 2) else { return 1 }
    }
    guard var event = events else { return 0 }
    while event.pointee.type != espeakEVENT_LIST_TERMINATED {
        let e = event.pointee
        if e.type == espeakEVENT_WORD {
            guard writeRecord(.word, e.sample, e.text_position, e.length) else { return 1 }
        } else if e.type == espeakEVENT_SENTENCE {
            guard writeRecord(.sentence, e.sample) else { return 1 }
        }
        event += 1
    }
    return 0
}

private func writeRecord(_ kind: IsolatedSynthesis.Kind, _ a: Int32, _ b: Int32 = 0, _ c: Int32 = 0) -> Bool {
    var record = (kind.rawValue, a, b, c)
    return withUnsafeBytes(of: &record) { Descriptor.writeAll(childPipe, $0.baseAddress!, $0.count) }
}
