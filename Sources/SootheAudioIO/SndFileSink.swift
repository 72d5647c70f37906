internal import CSndFile
import SoothePOSIX
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The descriptor libsndfile writes a file through (its virtual I/O), keeping the result of
/// every write.
///
/// libsndfile does not check every write it makes: its MP3 encoder drops a failed write and
/// goes on, so a full disk used to give a short file and success. Every byte passes through
/// here, so the first failure (its `errno`) is kept and the writer reports it, whatever the
/// format and whether it came from a sample block or from what an encoder flushes at close.
final class SndFileSink {
    /// The file's descriptor (owned by the writer, not by the sink).
    let fd: Int32
    /// The first write, seek or read that failed, if any.
    private(set) var failure: POSIXError?
    /// The furthest byte written: the file's length when it is complete.
    private(set) var end: Int64 = 0
    private var position: Int64 = 0

    init(fd: Int32) {
        self.fd = fd
    }

    /// libsndfile's virtual I/O table; `user_data` is an unretained `SndFileSink`.
    static var callbacks: SF_VIRTUAL_IO {
        SF_VIRTUAL_IO(
            get_filelen: { user in SndFileSink.sink(user).length() },
            seek: { offset, whence, user in SndFileSink.sink(user).seek(offset, whence) },
            read: { buffer, count, user in SndFileSink.sink(user).read(buffer, count) },
            write: { bytes, count, user in SndFileSink.sink(user).write(bytes, count) },
            tell: { user in SndFileSink.sink(user).position })
    }

    private static func sink(_ user: UnsafeMutableRawPointer?) -> SndFileSink {
        Unmanaged<SndFileSink>.fromOpaque(user!).takeUnretainedValue()
    }

    private func length() -> sf_count_t {
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            record(.current("fstat"))
            return -1
        }
        return sf_count_t(info.st_size)
    }

    private func seek(_ offset: sf_count_t, _ whence: Int32) -> sf_count_t {
        let moved = lseek(fd, off_t(offset), whence)
        guard moved >= 0 else {
            record(.current("lseek"))
            return -1
        }
        position = Int64(moved)
        return sf_count_t(moved)
    }

    private func read(_ buffer: UnsafeMutableRawPointer?, _ count: sf_count_t) -> sf_count_t {
        guard let buffer, count > 0 else { return 0 }
        do {
            let got = try FileDescriptorIO.readFully(fd, into: buffer, Int(count))
            position += Int64(got)
            return sf_count_t(got)
        } catch {
            record(error)
            return 0
        }
    }

    private func write(_ bytes: UnsafeRawPointer?, _ count: sf_count_t) -> sf_count_t {
        guard let bytes, count > 0 else { return 0 }
        do {
            try FileDescriptorIO.writeAll(fd, bytes, Int(count))
        } catch {
            // The file has failed: what part of this write landed no longer matters.
            record(error)
            return 0
        }
        position += Int64(count)
        end = max(end, position)
        return count
    }

    private func record(_ error: POSIXError) {
        if failure == nil { failure = error }
    }
}
