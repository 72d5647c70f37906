import SoothePOSIX
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Float samples held on disk between two passes over them: written once in order, then read
/// back once in order, never in memory as a whole.
///
/// The file is created beside `path` (the same file system as the output, never a RAM-backed
/// temporary folder) and unlinked at once, so it has no name: nothing is left behind however the
/// process ends, and its space is returned when the spool is dropped. Not Sendable: use a spool
/// from one task.
public final class SampleSpool {
    private var fd: Int32
    /// Written samples not yet handed to the kernel.
    private let buffer: UnsafeMutablePointer<Float>
    private var buffered = 0
    private let path: String

    /// Samples per write(2): large enough that the system calls cost little, small in memory.
    static let bufferSamples = 64 * 1024

    /// Samples appended so far.
    public private(set) var count = 0

    /// Creates the spool's nameless file in the folder of `path`, with room made at once for
    /// `samples` samples (when the file system can; a disk without that room is a `.writeFailed`
    /// error now rather than part-way through).
    public init(besides path: String, reserving samples: Int = 0) throws(AudioIOError) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? "./"
        var generator = SystemRandomNumberGenerator()
        var opened: Int32 = -1
        for _ in 0..<64 {
            let candidate = "\(directory).soothe-spool-\(UInt32.random(in: 0...UInt32.max, using: &generator)).tmp"
            do throws(POSIXError) {
                opened = try retryingEINTR("open") { open(candidate, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600) }
                unlink(candidate)
                break
            } catch where error.code == EEXIST {
                continue
            } catch {
                throw AudioIOError(.cannotCreate, "cannot create a file in \(directory): \(error.reason)", path: path, systemCode: error.code)
            }
        }
        guard opened >= 0 else { throw AudioIOError(.cannotCreate, "cannot find a free temporary file name", path: path) }
        do {
            try FileDescriptorIO.reserve(opened, bytes: samples * MemoryLayout<Float>.size)
        } catch {
            FileDescriptorIO.closeQuietly(opened)
            throw AudioIOError(.writeFailed, "cannot make room for the spool: \(error.reason)", path: path, systemCode: error.code)
        }
        fd = opened
        self.path = path
        buffer = .allocate(capacity: Self.bufferSamples)
    }

    deinit {
        FileDescriptorIO.closeQuietly(fd)
        buffer.deallocate()
    }

    /// Appends `samples`.
    public func append(_ samples: UnsafeBufferPointer<Float>) throws(AudioIOError) {
        guard var source = samples.baseAddress else { return }
        var left = samples.count
        while left > 0 {
            let n = min(left, Self.bufferSamples - buffered)
            (buffer + buffered).update(from: source, count: n)
            buffered += n
            source += n
            left -= n
            if buffered == Self.bufferSamples { try flush() }
        }
        count += samples.count
    }

    /// Ends writing and starts reading from the first sample.
    public func rewind() throws(AudioIOError) {
        try flush()
        do {
            _ = try retryingEINTR("lseek") { lseek(fd, 0, SEEK_SET) }
        } catch {
            throw failure(.readFailed, "cannot rewind the spool", error)
        }
    }

    /// Reads the next samples into `target`; returns how many (0 at the end).
    public func read(into target: UnsafeMutableBufferPointer<Float>) throws(AudioIOError) -> Int {
        guard let base = target.baseAddress else { return 0 }
        do {
            let got = try FileDescriptorIO.readFully(fd, into: base, target.count * MemoryLayout<Float>.size)
            return got / MemoryLayout<Float>.size
        } catch {
            throw failure(.readFailed, "cannot read the spool", error)
        }
    }

    private func flush() throws(AudioIOError) {
        do {
            try FileDescriptorIO.writeAll(fd, buffer, buffered * MemoryLayout<Float>.size)
        } catch {
            throw failure(.writeFailed, "cannot write the spool", error)
        }
        buffered = 0
    }

    private func failure(_ kind: AudioIOError.Kind, _ what: String, _ error: POSIXError) -> AudioIOError {
        AudioIOError(kind, "\(what): \(error.reason)", path: path, systemCode: error.code)
    }
}
