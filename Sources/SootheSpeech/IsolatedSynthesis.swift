internal import CEspeakNG
import SoothePOSIX
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
/// phrase is spoken by a child of the speech server (``SpeechServerProcess``), a process that
/// initialises espeak-ng, warms it up and then never speaks itself: every child starts from that
/// one state, selects the voice, speaks, and sends its samples and events back through a pipe of
/// its own (see ``PhraseRecord``). A phrase is then a function of its text and voice alone: the
/// same whatever else a render or a batch speaks, in any order, on any thread, in any process,
/// which is what lets the speech cache keep it.
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

    /// The seed of espeak-ng's noise (`rand()`) for every phrase.
    static let noiseSeed: UInt32 = 1

    // MARK: - The child

    /// Says which process it is, selects the voice, speaks `text` (SSML) and reports through
    /// `pipe`, then leaves the process without running any exit handler. Runs in a freshly
    /// forked child of the single-threaded speech server.
    static func speakInChild(voice: [CChar], parameters: [Parameter], text: [CChar], to pipe: Int32) -> Never {
        childPipe = pipe
        guard PhraseRecord.write(.started, getpid(), to: pipe) else { _exit(1) }
        espeak_SetSynthCallback(childCallback)
        // espeak-ng reads the voice's files now and speaks wrongly if it cannot open them: a
        // child without descriptors to spare says so instead of speaking.
        let shortage = ResourceProbe.descriptorShortageCode(headroom: 4)
        guard shortage == 0 else {
            _exit(PhraseRecord.write(.failed, shortage, to: pipe) ? 0 : 1)
        }
        var status = espeak_ng_SetVoiceByName(voice)
        // A voice file that could not be opened for want of descriptors: say so (an errno status).
        if status != ENS_OK, let shortage = ResourceProbe.descriptorShortage() {
            status = espeak_ng_STATUS(rawValue: UInt32(shortage.code))
        }
        var index = 0
        while status == ENS_OK && index < parameters.count {
            status = espeak_ng_SetParameter(espeak_PARAMETER(parameters[index].raw), parameters[index].value, 0)
            index += 1
        }
        if status == ENS_OK {
            srand(noiseSeed)
            let flags = UInt32(espeakCHARS_UTF8 | espeakSSML)
            status = espeak_ng_Synthesize(text, text.count, 0, POS_CHARACTER, 0, flags, nil, nil)
        }
        let sent = PhraseRecord.write(.end, Int32(bitPattern: status.rawValue), to: pipe)
        _exit(sent ? 0 : 1)
    }
}

/// The child's end of its pipe (set in the child only, before it speaks).
nonisolated(unsafe) private var childPipe: Int32 = -1

/// espeak-ng's synthesis callback in the child: writes samples and word and sentence events as
/// records. Returns 1 (stop) if the parent stopped reading.
private func childCallback(
    _ wave: UnsafeMutablePointer<Int16>?, _ count: Int32, _ events: UnsafeMutablePointer<espeak_EVENT>?
) -> Int32 {
    if let wave, count > 0 {
        guard PhraseRecord.write(.samples, count, to: childPipe),
              (try? FileDescriptorIO.writeAll(childPipe, UnsafeRawPointer(wave), Int(count) * 2)) != nil
        else { return 1 }
    }
    guard var event = events else { return 0 }
    while event.pointee.type != espeakEVENT_LIST_TERMINATED {
        let e = event.pointee
        if e.type == espeakEVENT_WORD {
            guard PhraseRecord.write(.word, e.sample, e.text_position, e.length, to: childPipe) else { return 1 }
        } else if e.type == espeakEVENT_SENTENCE {
            guard PhraseRecord.write(.sentence, e.sample, to: childPipe) else { return 1 }
        }
        event += 1
    }
    return 0
}
