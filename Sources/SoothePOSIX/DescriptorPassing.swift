internal import CSoothePOSIX
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A connected pair of Unix stream sockets that hand file descriptors to each other
/// (SCM_RIGHTS, through the C shim's CMSG macros).
public enum DescriptorPassing {
    /// Two connected sockets, both closed on exec.
    public static func socketPair() throws(POSIXError) -> (Int32, Int32) {
        var ends: (Int32, Int32) = (-1, -1)
        _ = try withUnsafeMutableBytes(of: &ends) { (raw: UnsafeMutableRawBufferPointer) throws(POSIXError) in
            try retryingEINTR("socketpair") {
                socketpair(
                    AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0,
                    raw.baseAddress!.assumingMemoryBound(to: Int32.self))
            }
        }
        return ends
    }

    /// Sends all of `bytes` over `socket`, with `descriptor` attached to the first of them. A
    /// socket closed at the other end is `EPIPE` (never SIGPIPE).
    public static func send(_ bytes: UnsafeRawBufferPointer, passing descriptor: Int32, over socket: Int32) throws(POSIXError) {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let attached = done == 0 ? descriptor : -1
            done += try retryingEINTR("sendmsg") {
                soothe_send_with_descriptor(socket, base + done, bytes.count - done, attached)
            }
        }
    }

    /// Receives up to `count` bytes from `socket` into `buffer` (one recvmsg), with the
    /// descriptor attached to them, if any (closed on exec; the caller owns it). 0 bytes: the
    /// other end closed.
    public static func receive(
        from socket: Int32, into buffer: UnsafeMutableRawPointer, _ count: Int
    ) throws(POSIXError) -> (count: Int, descriptor: Int32?) {
        var descriptor: Int32 = -1
        let received = try retryingEINTR("recvmsg") { soothe_receive_with_descriptor(socket, buffer, count, &descriptor) }
        return (received, descriptor >= 0 ? descriptor : nil)
    }
}
