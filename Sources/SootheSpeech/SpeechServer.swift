#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A process that holds espeak-ng's state as it was right after initialisation and warm-up and
/// forks one child per phrase from it (see ``IsolatedSynthesis``).
///
/// Forked once, when espeak-ng is first needed and the process is still small: forking a big
/// process for every phrase cost up to 17 ms a phrase in a batch (page tables), a small one about
/// 1 ms. Requests come over a Unix socket, each with the write end of the phrase's own pipe
/// attached; the child speaks into that pipe and the server goes straight back to listening, so
/// phrases are spoken side by side. The server ends when the socket closes, that is when this
/// process ends. Its children are reaped by the kernel (SIGCHLD ignored).
final class SpeechServer: Sendable {
    /// This process's end of the socket.
    private let socket: Int32
    /// The server's process.
    let pid: pid_t

    private init(socket: Int32, pid: pid_t) {
        self.socket = socket
        self.pid = pid
    }

    /// Closing the socket ends the server (at once: it waits for nothing but the next request),
    /// which is then reaped.
    deinit {
        close(socket)
        while waitpid(pid, nil, 0) < 0 && errno == EINTR {}
    }

    /// Bytes of a request before its text: text length, parameter count, 8 parameters, voice.
    private static let headerSize = 144
    private static let voiceOffset = 80
    private static let maxParameters = 8

    /// Forks the server. Call with espeak-ng initialised and warmed up, and with no other thread
    /// inside espeak-ng.
    static func start() throws(SpeechError) -> SpeechServer {
        var ends: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0 else {
            throw .synthesisFailed("cannot open a socket for speech: \(String(cString: strerror(errno)))")
        }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        let pid = fork()
        if pid == 0 {
            serve(ends[1], closing: ends[0])
        }
        close(ends[1])
        guard pid > 0 else {
            close(ends[0])
            throw .synthesisFailed("cannot start the speech process: \(String(cString: strerror(errno)))")
        }
        return SpeechServer(socket: ends[0], pid: pid)
    }

    /// Asks for `text` (SSML) to be spoken as `request` says; the reply comes through a new pipe.
    /// Call with the engine's lock held (requests must not interleave on the socket).
    func speak(_ request: IsolatedSynthesis.Request, text: String) throws(SpeechError) -> IsolatedSynthesis.Reply {
        let voice = Array(request.voice.utf8)
        guard voice.count < Self.headerSize - Self.voiceOffset, request.parameters.count <= Self.maxParameters else {
            throw .synthesisFailed("voice '\(request.voice)' has too long a name for espeak-ng")
        }
        var message = [UInt8](repeating: 0, count: Self.headerSize)
        let textBytes = Array(text.utf8CString)
        message.withUnsafeMutableBytes { header in
            header.storeBytes(of: UInt64(textBytes.count), toByteOffset: 0, as: UInt64.self)
            header.storeBytes(of: UInt32(request.parameters.count), toByteOffset: 8, as: UInt32.self)
            for (index, parameter) in request.parameters.enumerated() {
                header.storeBytes(of: parameter.raw, toByteOffset: 16 + 8 * index, as: UInt32.self)
                header.storeBytes(of: parameter.value, toByteOffset: 20 + 8 * index, as: Int32.self)
            }
            for (index, byte) in voice.enumerated() {
                header[Self.voiceOffset + index] = byte
            }
        }
        textBytes.withUnsafeBytes { message.append(contentsOf: $0) }

        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            throw .synthesisFailed("cannot open a pipe: \(String(cString: strerror(errno)))")
        }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        let sent = Self.send(message, passing: ends[1], over: socket)
        // The server's child holds the write end now; once it closes it, reading ends.
        close(ends[1])
        guard sent else {
            close(ends[0])
            throw .synthesisFailed("the speech process is gone: \(String(cString: strerror(errno)))")
        }
        return IsolatedSynthesis.Reply(pipe: ends[0])
    }

    /// Sends `message`, with `descriptor` attached to its first bytes (SCM_RIGHTS).
    private static func send(_ message: [UInt8], passing descriptor: Int32, over socket: Int32) -> Bool {
        // One control message carrying one descriptor: cmsghdr (length, level, type) + the int,
        // padded to 8 bytes (CMSG_SPACE(4) on 64-bit Linux; the macros are not imported).
        var control = [UInt8](repeating: 0, count: 24)
        control.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: 20, toByteOffset: 0, as: Int.self)  // CMSG_LEN(4)
            raw.storeBytes(of: SOL_SOCKET, toByteOffset: 8, as: Int32.self)
            raw.storeBytes(of: Int32(SCM_RIGHTS), toByteOffset: 12, as: Int32.self)
            raw.storeBytes(of: descriptor, toByteOffset: 16, as: Int32.self)
        }
        var done = 0
        var first = true
        while done < message.count {
            let count = message.withUnsafeBytes { bytes in
                control.withUnsafeMutableBytes { control in
                    var vector = iovec(
                        iov_base: UnsafeMutableRawPointer(mutating: bytes.baseAddress! + done),
                        iov_len: bytes.count - done)
                    return withUnsafeMutablePointer(to: &vector) { vector in
                        var header = msghdr()
                        header.msg_iov = vector
                        header.msg_iovlen = 1
                        if first {
                            header.msg_control = control.baseAddress
                            header.msg_controllen = control.count
                        }
                        return sendmsg(socket, &header, Int32(MSG_NOSIGNAL))
                    }
                }
            }
            if count > 0 {
                done += count
                first = false
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }

    // MARK: - The server process

    /// The server's loop: read a request, fork a child to speak it, repeat; leave when the socket
    /// closes. Allocates only with `malloc` and calls only C.
    private static func serve(_ socket: Int32, closing parentEnd: Int32) -> Never {
        close(parentEnd)
        closeInheritedDescriptors(keeping: socket)
        signal(SIGCHLD, SIG_IGN)
        let header = malloc(headerSize)!
        let control = malloc(64)!
        var capacity = 1 << 16
        var text = malloc(capacity)!
        while true {
            // The header, with the reply pipe's write end attached.
            var vector = iovec(iov_base: header, iov_len: headerSize)
            var message = msghdr()
            let received = withUnsafeMutablePointer(to: &vector) { vector -> Int in
                message.msg_iov = vector
                message.msg_iovlen = 1
                message.msg_control = control
                message.msg_controllen = 64
                return recvmsg(socket, &message, 0)
            }
            if received == 0 { _exit(0) }
            if received < 0 {
                if errno == EINTR { continue }
                _exit(1)
            }
            var reply: Int32 = -1
            if message.msg_controllen >= 20, control.load(fromByteOffset: 8, as: Int32.self) == SOL_SOCKET,
               control.load(fromByteOffset: 12, as: Int32.self) == Int32(SCM_RIGHTS) {
                reply = control.load(fromByteOffset: 16, as: Int32.self)
            }
            guard Descriptor.readAll(socket, header + received, headerSize - received) else { _exit(1) }
            let textCount = Int(header.load(fromByteOffset: 0, as: UInt64.self))
            if textCount > capacity {
                capacity = textCount
                free(text)
                text = malloc(capacity)!
            }
            guard Descriptor.readAll(socket, text, textCount) else { _exit(1) }
            guard reply >= 0 else { continue }
            if fork() == 0 {
                close(socket)
                let count = min(Int(header.load(fromByteOffset: 8, as: UInt32.self)), maxParameters)
                let parameters = UnsafeBufferPointer(
                    start: (header + 16).assumingMemoryBound(to: IsolatedSynthesis.Parameter.self), count: count)
                IsolatedSynthesis.speakInChild(
                    voice: (header + voiceOffset).assumingMemoryBound(to: CChar.self),
                    parameters: parameters,
                    text: UnsafeBufferPointer(start: text.assumingMemoryBound(to: CChar.self), count: textCount),
                    to: reply)
            }
            close(reply)
        }
    }

    /// Closes every descriptor the server inherited (output files, other pipes) but the standard
    /// three and `socket`, so that none stays open for as long as the server lives.
    private static func closeInheritedDescriptors(keeping socket: Int32) {
        guard let folder = opendir("/proc/self/fd") else { return }
        let own = dirfd(folder)
        while let entry = readdir(folder) {
            var number: Int32 = 0
            var digits = 0
            withUnsafeBytes(of: entry.pointee.d_name) { name in
                for byte in name {
                    guard byte >= 48, byte <= 57 else { break }
                    number = number &* 10 &+ Int32(byte - 48)
                    digits += 1
                }
            }
            if digits > 0, number > 2, number != socket, number != own {
                close(number)
            }
        }
        closedir(folder)
    }
}
