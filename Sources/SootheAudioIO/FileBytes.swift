import SoothePOSIX
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and copies parts of a finished file for the metadata writers, turning failures into
/// `AudioIOError`s that name the output.
struct FileBytes {
    let fd: Int32
    let path: String

    /// The file's length in bytes.
    func size() throws(AudioIOError) -> Int {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(POSIXError.current("fstat")) }
        return Int(info.st_size)
    }

    /// Up to `count` bytes from `offset` (fewer at the end of the file).
    func read(at offset: Int, _ count: Int) throws(AudioIOError) -> [UInt8] {
        guard count > 0 else { return [] }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 16)
        defer { buffer.deallocate() }
        let got: Int
        do {
            got = try FileDescriptorIO.readFully(fd, into: buffer, count, at: offset)
        } catch {
            throw failure(error)
        }
        return Array(UnsafeRawBufferPointer(start: buffer, count: got))
    }

    /// Exactly `count` bytes from `offset`, or an error saying the file is cut short.
    func readExactly(at offset: Int, _ count: Int, what: String) throws(AudioIOError) -> [UInt8] {
        let bytes = try read(at: offset, count)
        guard bytes.count == count else {
            throw AudioIOError(.finishFailed, "cannot write the metadata: \(what) at byte \(offset) is cut short", path: path)
        }
        return bytes
    }

    /// Writes `bytes` into this file at `offset`.
    func write(_ bytes: [UInt8], at offset: Int) throws(AudioIOError) {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        defer { buffer.deallocate() }
        buffer.copyMemory(from: bytes, byteCount: bytes.count)
        do {
            try FileDescriptorIO.writeAll(fd, buffer, bytes.count, at: offset)
        } catch {
            throw AudioIOError(.writeFailed, "cannot write the metadata: \(error.reason)", path: path, systemCode: error.code)
        }
    }

    /// Appends `bytes` to `target` at its current position.
    func write(_ bytes: [UInt8], to target: Int32) throws(AudioIOError) {
        do {
            try FileDescriptorIO.writeAll(target, bytes)
        } catch {
            throw AudioIOError(.writeFailed, "cannot write: \(error.reason)", path: path, systemCode: error.code)
        }
    }

    /// Copies `count` bytes from `offset` of this file to `target`'s current position.
    func copy(from offset: Int, count: Int, to target: Int32) throws(AudioIOError) {
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var done = 0
        while done < count {
            let want = min(chunk, count - done)
            let got: Int
            do {
                got = try FileDescriptorIO.readFully(fd, into: buffer, want, at: offset + done)
            } catch {
                throw failure(error)
            }
            guard got == want else {
                throw AudioIOError(.finishFailed, "cannot write the metadata: the file ended \(count - done) bytes early", path: path)
            }
            do {
                try FileDescriptorIO.writeAll(target, buffer, got)
            } catch {
                throw AudioIOError(.writeFailed, "cannot write: \(error.reason)", path: path, systemCode: error.code)
            }
            done += got
        }
    }

    private func failure(_ error: POSIXError) -> AudioIOError {
        AudioIOError(.finishFailed, "cannot read back the file to write its metadata: \(error.reason)", path: path, systemCode: error.code)
    }
}
