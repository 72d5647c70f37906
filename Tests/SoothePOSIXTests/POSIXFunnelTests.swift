#if canImport(Glibc)
import Glibc
#endif
import SoothePOSIX
import Testing

@Suite struct POSIXFunnelTests {
    @Test func anErrorNamesItsCallAndTheSystemsReason() {
        let error = POSIXError(EAGAIN, call: "fork")
        #expect(error.reason == "Resource temporarily unavailable")
        #expect(error.description == "fork: Resource temporarily unavailable")
        #expect(error.isResourceShortage)
        #expect(!POSIXError(ENOENT, call: "open").isResourceShortage)
    }

    @Test func aFailedCallThrowsItsErrno() {
        #expect(throws: POSIXError(EBADF, call: "close-range")) {
            try retryingEINTR("close-range") { Glibc.write(-1, "", 0) }
        }
    }

    @Test func anInterruptedCallIsRunAgain() throws {
        var calls = 0
        let result = try retryingEINTR("test") { () -> Int32 in
            calls += 1
            if calls < 3 {
                errno = EINTR
                return -1
            }
            return 7
        }
        #expect(result == 7)
        #expect(calls == 3)
    }

    @Test func aShortageIsRetriedAndThenReported() {
        var calls = 0
        #expect(throws: POSIXError(EAGAIN, call: "fork")) {
            try retryingResourceShortage(attempts: 3) { () throws(POSIXError) -> Int in
                calls += 1
                throw POSIXError(EAGAIN, call: "fork")
            }
        }
        #expect(calls == 3)
        calls = 0
        #expect(throws: POSIXError(ENOENT, call: "open")) {
            try retryingResourceShortage { () throws(POSIXError) -> Int in
                calls += 1
                throw POSIXError(ENOENT, call: "open")
            }
        }
        #expect(calls == 1, "only a shortage is retried")
    }

    /// Bytes and a descriptor cross a socket pair; the descriptor arrives as a new, working one.
    @Test func aDescriptorTravelsWithItsBytes() throws {
        let (a, b) = try DescriptorPassing.socketPair()
        defer { close(a); close(b) }
        let pipe = try FileDescriptorIO.pipe()
        defer { close(pipe.read) }
        let message: [UInt8] = Array("hello".utf8)
        try message.withUnsafeBytes { bytes in try DescriptorPassing.send(bytes, passing: pipe.write, over: a) }
        close(pipe.write)
        var buffer = [UInt8](repeating: 0, count: 16)
        let (count, descriptor) = try buffer.withUnsafeMutableBytes { raw in
            try DescriptorPassing.receive(from: b, into: raw.baseAddress!, raw.count)
        }
        #expect(Array(buffer[..<count]) == message)
        let received = try #require(descriptor)
        #expect(fcntl(received, F_GETFD) & FD_CLOEXEC != 0)
        try FileDescriptorIO.writeAll(received, Array("through".utf8))
        close(received)
        var read = [UInt8](repeating: 0, count: 16)
        let got = try read.withUnsafeMutableBytes { raw in try FileDescriptorIO.readFully(pipe.read, into: raw.baseAddress!, raw.count) }
        #expect(String(decoding: read[..<got], as: UTF8.self) == "through")
    }

    @Test func waitingForAnEmptyPipeEndsAtItsTimeLimit() throws {
        let pipe = try FileDescriptorIO.pipe()
        defer { close(pipe.read); close(pipe.write) }
        #expect(try !FileDescriptorIO.waitUntilReadable(pipe.read, milliseconds: 20))
        try FileDescriptorIO.writeAll(pipe.write, [1])
        #expect(try FileDescriptorIO.waitUntilReadable(pipe.read, milliseconds: 20))
    }
}
