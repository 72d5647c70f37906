internal import CEspeakNG
internal import CEspeakNGNoAudio
import SoothePOSIX
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The speech server's program, run by `soothe _speech-server` (a hidden argument that soothe's
/// `main` looks for before anything else): initialises espeak-ng, warms it up, then forks a child
/// per phrase asked over its socket (descriptor 3), each speaking from that same state (see
/// ``IsolatedSynthesis``).
///
/// It is started with posix_spawn, so it runs one thread of its own from its first instruction
/// (espeak-ng 1.51 adds an idle one, its asynchronous queue's, which synchronous synthesis never
/// wakes), and a forked child may run any code. It reads a request, forks, and goes back to
/// reading; its children are reaped by the kernel (SIGCHLD ignored). When the socket closes it
/// kills its process group (itself and any child still speaking).
public enum SpeechServerProcess {
    /// The argument that makes soothe the speech server.
    public static let argument = "_speech-server"

    /// The descriptor the server finds its socket on.
    static let socket: Int32 = 3

    /// Whether `arguments` (the process's, program name first) ask for the speech server (with,
    /// optionally, the espeak-ng data folder to use as the last).
    public static func isRequested(by arguments: [String]) -> Bool {
        (arguments.count == 2 || arguments.count == 3) && arguments[1] == argument
    }

    /// Says that this executable is soothe, which serves speech when started with ``argument``:
    /// the speech server is then started from this very file.
    public static func serveFromThisExecutable() {
        SpeechServerExecutable.thisExecutableServes.store(true, ordering: .relaxed)
    }

    /// Serves until the socket closes; never returns. Exits at once (status 64) unless started
    /// by soothe, with a socket on descriptor 3 and a process group of its own.
    public static func run() -> Never {
        let arguments = CommandLine.arguments
        let dataPath = arguments.count == 3 ? arguments[2] : nil
        var info = stat()
        guard fstat(socket, &info) == 0, info.st_mode & S_IFMT == S_IFSOCK, getpgrp() == getpid() else {
            let message: StaticString = "soothe: _speech-server is started by soothe itself\n"
            _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
            _exit(64)
        }
        signal(SIGCHLD, SIG_IGN)
        // A reply whose reader has gone is an error of write, not the end of the server.
        signal(SIGPIPE, SIG_IGN)
        // espeak-ng starts a thread of its own and aborts if it cannot: say why instead. It also
        // goes on, speaking wrongly, when it cannot open its data files ("Unknown phoneme table"):
        // a server without descriptors to spare refuses every phrase instead.
        let shortage = ResourceProbe.threadShortage() ?? ResourceProbe.descriptorShortage(headroom: 8)
        let ready = shortage == nil ? prepareEspeak(dataPath: dataPath) : ENS_OK
        var header = [UInt8](repeating: 0, count: SpeechRequestFormat.headerSize)
        var text: [CChar] = []
        while true {
            let received: (count: Int, descriptor: Int32?)
            do {
                received = try header.withUnsafeMutableBytes { raw in
                    Result { () throws(POSIXError) in try receiveHeader(into: raw) }
                }.get()
                guard received.count == SpeechRequestFormat.headerSize else { break }
                let count = header.withUnsafeBytes { SpeechRequestFormat.textCount(in: $0) }
                text = [CChar](repeating: 0, count: count)
                let got = try text.withUnsafeMutableBytes { raw in
                    Result { () throws(POSIXError) in try FileDescriptorIO.readFully(socket, into: raw.baseAddress!, raw.count) }
                }.get()
                guard got == count else { break }
            } catch {
                break
            }
            guard let reply = received.descriptor else { continue }
            defer { FileDescriptorIO.closeQuietly(reply) }
            // Dropped by the asking process (it gave up on the phrases in flight).
            if readerIsGone(reply) { continue }
            if let shortage {
                _ = PhraseRecord.write(.failed, shortage.code, to: reply)
                continue
            }
            guard ready == ENS_OK else {
                _ = PhraseRecord.write(.end, Int32(bitPattern: ready.rawValue), to: reply)
                continue
            }
            let child: Int32
            do {
                child = try retryingResourceShortage { () throws(POSIXError) in try retryingEINTR("fork") { fork() } }
            } catch {
                _ = PhraseRecord.write(.failed, error.code, to: reply)
                continue
            }
            if child == 0 {
                FileDescriptorIO.closeQuietly(socket)
                let (voice, parameters) = header.withUnsafeBytes {
                    (SpeechRequestFormat.voice(in: $0), SpeechRequestFormat.parameters(in: $0))
                }
                IsolatedSynthesis.speakInChild(voice: voice, parameters: parameters, text: text, to: reply)
            }
        }
        kill(0, SIGKILL)
        _exit(0)
    }

    /// Whether the read end of the pipe `reply` is closed.
    private static func readerIsGone(_ reply: Int32) -> Bool {
        var entry = pollfd(fd: reply, events: Int16(POLLOUT), revents: 0)
        return (try? retryingEINTR("poll") { poll(&entry, 1, 0) }) == 1 && entry.revents & Int16(POLLERR) != 0
    }

    /// A request's header, with the reply pipe attached to it; fewer bytes if the socket closed.
    private static func receiveHeader(into raw: UnsafeMutableRawBufferPointer) throws(POSIXError) -> (count: Int, descriptor: Int32?) {
        let first = try DescriptorPassing.receive(from: socket, into: raw.baseAddress!, raw.count)
        guard first.count > 0, first.count < raw.count else { return first }
        let rest = try FileDescriptorIO.readFully(socket, into: raw.baseAddress! + first.count, raw.count - first.count)
        return (first.count + rest, first.descriptor)
    }

    /// Initialises espeak-ng for speaking, without any audio device, and speaks one throwaway
    /// phrase: the first synthesis in a process differs by a few hundred samples from later
    /// identical ones, so with this every phrase is a later one.
    private static func prepareEspeak(dataPath: String?) -> espeak_ng_STATUS {
        espeak_ng_InitializePath(dataPath)
        var context: espeak_ng_ERROR_CONTEXT?
        let status = espeak_ng_Initialize(&context)
        espeak_ng_ClearErrorContext(&context)
        guard status == ENS_OK else { return status }
        // libpcaudio's constructor is ours and makes no device (see CEspeakNGNoAudio).
        guard soothe_espeak_audio_disabled() == 1 else { return ENS_AUDIO_ERROR }
        let output = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nil)
        guard output == ENS_OK else { return output }
        espeak_SetSynthCallback { _, _, _ in 0 }
        if espeak_ng_SetVoiceByName("en") == ENS_OK {
            srand(IsolatedSynthesis.noiseSeed)
            let text = "Warm up."
            _ = espeak_ng_Synthesize(text, text.utf8.count + 1, 0, POS_CHARACTER, 0, UInt32(espeakCHARS_UTF8), nil, nil)
        }
        return ENS_OK
    }
}
