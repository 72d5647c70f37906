internal import CEspeakNG
import SoothePOSIX
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A phrase being spoken by a child of the speech server; ``collect(until:)`` (call it once)
/// waits for it and returns what was said.
struct PhraseReply {
    /// How a phrase ended.
    enum Outcome {
        /// Spoken to the end.
        case spoken(EspeakOutput)
        /// The records stop short of the end: the child was killed, or the server before it
        /// forked the child (`childStarted` false).
        case stopped(childStarted: Bool)
        /// The time limit passed first. The child was killed; if it had not even started, the
        /// server seems stuck and `stalledServer` is its process id.
        case timedOut(stalledServer: Int32?)

        var isSpoken: Bool {
            if case .spoken = self { return true }
            return false
        }
    }

    /// The read end of the phrase's pipe.
    let pipe: Int32
    /// The server asked.
    let server: Int32

    /// Reads the child's records to the end, or until `deadline`, and decodes them.
    func collect(until deadline: ContinuousClock.Instant) throws(SpeechError) -> Outcome {
        defer { FileDescriptorIO.closeQuietly(pipe) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 18)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        do throws(POSIXError) {
            while true {
                let left = ContinuousClock.now.duration(to: deadline)
                let milliseconds = max(0, Int((left / .milliseconds(1)).rounded(.up)))
                guard try FileDescriptorIO.waitUntilReadable(pipe, milliseconds: milliseconds) else {
                    if let child = Self.child(in: bytes) {
                        kill(child, SIGKILL)
                        return .timedOut(stalledServer: nil)
                    }
                    return .timedOut(stalledServer: server)
                }
                let count = try chunk.withUnsafeMutableBytes { raw in
                    Result { () throws(POSIXError) in try FileDescriptorIO.readOnce(pipe, into: raw.baseAddress!, raw.count) }
                }.get()
                if count == 0 { break }
                bytes.append(contentsOf: chunk[0..<count])
            }
        } catch {
            throw .synthesisFailed("reading the speech process's output: \(error.reason)")
        }
        return try Self.decode(bytes)
    }

    /// The child's process id, once its first record has come.
    private static func child(in bytes: [UInt8]) -> Int32? {
        guard bytes.count >= PhraseRecord.size else { return nil }
        return bytes.withUnsafeBytes { raw in
            raw.loadUnaligned(as: Int32.self) == PhraseRecord.started.rawValue
                ? raw.loadUnaligned(fromByteOffset: 4, as: Int32.self) : nil
        }
    }

    /// Turns the child's records into its output, in time linear in their size. Records that
    /// stop short (a last one cut off, or no end record) are a phrase that was not finished.
    static func decode(_ bytes: [UInt8]) throws(SpeechError) -> Outcome {
        try bytes.withUnsafeBytes { raw in Result { () throws(SpeechError) in try decode(raw) } }.get()
    }

    private static func decode(_ raw: UnsafeRawBufferPointer) throws(SpeechError) -> Outcome {
        func field(_ offset: Int, _ index: Int) -> Int32 {
            raw.loadUnaligned(fromByteOffset: offset + 4 * index, as: Int32.self)
        }
        // The whole records and their samples, counted first so the samples are copied once.
        var total = 0
        var end = 0
        while end + PhraseRecord.size <= raw.count {
            guard let kind = PhraseRecord(rawValue: field(end, 0)) else {
                throw .synthesisFailed("the speech process sent an unknown record")
            }
            var size = PhraseRecord.size
            if kind == .samples {
                let count = Int(field(end, 1))
                guard count >= 0 else { throw .synthesisFailed("the speech process sent an unknown record") }
                size += 2 * count
                guard end + size <= raw.count else { break }
                total += count
            }
            end += size
        }
        var words: [(sample: Int, textPosition: Int, length: Int)] = []
        var sentences: [Int] = []
        var status: UInt32?
        var forkError: Int32?
        var started = false
        let samples = [Int16](unsafeUninitializedCapacity: total) { buffer, initialised in
            var offset = 0
            while offset < end {
                switch PhraseRecord(rawValue: field(offset, 0))! {
                case .samples:
                    let count = Int(field(offset, 1))
                    if count > 0 {
                        UnsafeMutableRawPointer(buffer.baseAddress! + initialised)
                            .copyMemory(from: raw.baseAddress! + offset + PhraseRecord.size, byteCount: 2 * count)
                    }
                    initialised += count
                    offset += 2 * count
                case .word:
                    words.append((Int(field(offset, 1)), Int(field(offset, 2)), Int(field(offset, 3))))
                case .sentence:
                    sentences.append(Int(field(offset, 1)))
                case .end:
                    status = UInt32(bitPattern: field(offset, 1))
                case .failed:
                    forkError = field(offset, 1)
                case .started:
                    started = true
                }
                offset += PhraseRecord.size
            }
        }
        if let forkError {
            throw SpeechError(.cannotStartProcess(POSIXError(forkError, call: "fork").reason))
        }
        guard let status else { return .stopped(childStarted: started) }
        let result = espeak_ng_STATUS(rawValue: status)
        if let shortage = EspeakEngine.shortage(in: result) { throw SpeechError(.resourceShortage(shortage.reason)) }
        guard result == ENS_OK else { throw .synthesisFailed(EspeakEngine.message(result)) }
        return .spoken(EspeakOutput(samples: samples, words: words, sentences: sentences))
    }
}
