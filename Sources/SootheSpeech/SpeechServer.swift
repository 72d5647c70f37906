import SoothePOSIX
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// This process's handle on the speech server: a process of its own, started with posix_spawn
/// as `soothe _speech-server` (see ``SpeechServerExecutable``), that holds espeak-ng's state as
/// it was right after initialisation and warm-up and forks one child per phrase from it (see
/// ``SpeechServerProcess``).
///
/// Nothing here forks this process, which may have many threads: the server is a fresh,
/// single-threaded program from its first instruction. Requests go over a Unix socket, each with
/// the write end of the phrase's own pipe attached; the child speaks into that pipe and the
/// server goes straight back to listening, so phrases are spoken side by side. The server ends
/// (with any child still speaking) when the socket closes, that is when this process ends or
/// drops the handle.
final class SpeechServer: Sendable {
    /// This process's end of the socket.
    private let socket: Int32
    /// The server's process.
    let pid: Int32

    private init(socket: Int32, pid: Int32) {
        self.socket = socket
        self.pid = pid
    }

    /// Closing the socket ends the server; one that is stuck is killed. Then it is reaped.
    deinit {
        FileDescriptorIO.closeQuietly(socket)
        kill(pid, SIGKILL)
        ProcessSpawn.wait(for: pid)
    }

    /// Starts a server, waiting a little (with back-off) while the system has no process or
    /// descriptor to spare.
    /// `dataPath`: the espeak-ng data folder it initialises on (nil: espeak-ng's own).
    static func start(dataPath: String? = nil) throws(SpeechError) -> SpeechServer {
        let path = SpeechServerExecutable.path()
        do {
            return try retryingResourceShortage { () throws(POSIXError) -> SpeechServer in
                let (mine, theirs) = try DescriptorPassing.socketPair()
                defer { FileDescriptorIO.closeQuietly(theirs) }
                do throws(POSIXError) {
                    let arguments = SpeechServerExecutable.arguments + (dataPath.map { [$0] } ?? [])
                    let pid = try ProcessSpawn.spawn(path, arguments: arguments, passing: theirs)
                    return SpeechServer(socket: mine, pid: pid)
                } catch {
                    FileDescriptorIO.closeQuietly(mine)
                    throw error
                }
            }
        } catch {
            let missing = [ENOENT, EACCES, ENOEXEC, ENOTDIR].contains(error.code)
            throw .cannotStartProcess(missing ? "\(path): \(error.reason)" : error.reason)
        }
    }

    /// Asks for `text` (SSML) to be spoken as `request` says; the reply comes through a new pipe.
    /// nil if the server is gone. When no pipe can be had, waits a little for one (with
    /// back-off) if `patient`, else throws at once. Call with the engine's lock held (requests
    /// must not interleave on the socket).
    func speak(_ request: IsolatedSynthesis.Request, text: String, patient: Bool) throws(SpeechError) -> PhraseReply? {
        guard let message = SpeechRequestFormat.encode(request, text: text) else {
            throw .synthesisFailed("voice '\(request.voice)' has too long a name for espeak-ng")
        }
        let ends: (read: Int32, write: Int32)
        do {
            ends = try retryingResourceShortage(attempts: patient ? 9 : 1) { () throws(POSIXError) in try FileDescriptorIO.pipe() }
        } catch {
            throw .cannotStartProcess(error.reason)
        }
        // The server's child holds the write end once it is sent; when it closes it, reading ends.
        defer { FileDescriptorIO.closeQuietly(ends.write) }
        do {
            try message.withUnsafeBytes { bytes in
                Result { () throws(POSIXError) in try DescriptorPassing.send(bytes, passing: ends.write, over: socket) }
            }.get()
        } catch {
            // However it failed, the stream may now be broken: the caller starts another server.
            FileDescriptorIO.closeQuietly(ends.read)
            return nil
        }
        return PhraseReply(pipe: ends.read, server: pid)
    }
}
