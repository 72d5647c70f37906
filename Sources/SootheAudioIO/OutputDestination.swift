import SoothePOSIX
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What an output path names, and so how a finished file reaches it.
///
/// - A regular file, or nothing: the file is written beside it under a temporary name and
///   renamed over it when complete, keeping an existing file's permission bits.
/// - A symbolic link: the same, at the file the link points to; the link stays a link and the
///   file it names is replaced whole, never written half-way.
/// - A character device, FIFO or socket, or `-` (standard output): the complete file is written
///   to a temporary file in `$TMPDIR` first, then copied into it; the device stays a device.
/// - A folder: refused.
enum OutputDestination: Equatable {
    /// Rename a finished temporary file onto `path` (its `mode`, when it exists, is kept).
    case file(path: String, mode: mode_t?)
    /// Copy a finished temporary file into the device, FIFO or socket at `path`.
    case stream(path: String)
    /// Copy a finished temporary file to standard output.
    case standardOutput

    /// The name soothe gives standard output.
    static let standardOutputName = "-"

    init(_ path: String) throws(AudioIOError) {
        if path == Self.standardOutputName {
            self = .standardOutput
            return
        }
        var target = path
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
            target = Self.linkTarget(path)
        }
        guard stat(target, &info) == 0 else {
            self = .file(path: target, mode: nil)
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: self = .file(path: target, mode: info.st_mode & 0o7777)
        case S_IFDIR: throw AudioIOError(.cannotCreate, "is a folder, not a file; give a file name, or end a folder's name with /", path: path)
        case S_IFCHR, S_IFIFO, S_IFSOCK: self = .stream(path: target)
        default: throw AudioIOError(.cannotCreate, "is neither a file nor a device, FIFO or socket soothe can write into", path: path)
        }
    }

    /// Where the temporary file goes: beside the destination, or in `$TMPDIR` for a stream.
    var temporaryPathHint: String {
        switch self {
        case .file(let path, _): return path
        case .stream, .standardOutput:
            return Directory.temporary + "/soothe-stream"
        }
    }

    /// The file a link finally names (its folders resolved), or, for a dangling link, the path
    /// it names (relative to the link's folder).
    private static func linkTarget(_ path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return path }
        let named = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if named.hasPrefix("/") { return named }
        let folder = path.lastIndex(of: "/").map { String(path[...$0]) } ?? ""
        return folder + named
    }

    /// Copies the whole of `source` (from its start) into the stream, then closes what it opened.
    func copy(from source: Int32, path: String) throws(AudioIOError) {
        let destination: Int32
        switch self {
        case .file: return
        case .standardOutput: destination = 1
        case .stream(let device):
            do {
                destination = try retryingEINTR("open") { open(device, O_WRONLY | O_CLOEXEC) }
            } catch {
                throw AudioIOError(.cannotCreate, "cannot open for writing: \(error.reason)", path: path, systemCode: error.code)
            }
        }
        defer { if destination != 1 { FileDescriptorIO.closeQuietly(destination) } }
        guard lseek(source, 0, SEEK_SET) == 0 else {
            throw AudioIOError(.finishFailed, "cannot read back the finished file", path: path)
        }
        let size = 1 << 16
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let got: Int
            do {
                got = try FileDescriptorIO.readOnce(source, into: buffer, size)
            } catch {
                throw AudioIOError(.finishFailed, "cannot read back the finished file: \(error.reason)", path: path, systemCode: error.code)
            }
            if got == 0 { return }
            do {
                try FileDescriptorIO.writeAll(destination, buffer, got)
            } catch {
                throw AudioIOError(.writeFailed, "cannot write: \(error.reason)", path: path, systemCode: error.code)
            }
        }
    }

    /// Hands the finished temporary file open as `fd` to the destination. A file is synced, given
    /// the old file's permission bits, closed (`fd` becomes -1) and renamed into place, and the
    /// rename made durable; for a stream the file is copied and `fd` is left open for the caller
    /// to close and remove.
    func deliver(_ fd: inout Int32, temporaryPath: String, path: String) throws(AudioIOError) {
        guard case .file(let target, let mode) = self else {
            try copy(from: fd, path: path)
            return
        }
        if let mode { _ = fchmod(fd, mode) }
        do {
            _ = try retryingEINTR("fsync") { fsync(fd) }
        } catch {
            throw AudioIOError(.finishFailed, "cannot sync the file: \(error.reason)", path: path, systemCode: error.code)
        }
        let descriptor = fd
        fd = -1
        do {
            try FileDescriptorIO.closeReporting(descriptor)
        } catch {
            throw AudioIOError(.finishFailed, "cannot close the file: \(error.reason)", path: path, systemCode: error.code)
        }
        do {
            _ = try retryingEINTR("rename") { rename(temporaryPath, target) }
        } catch {
            throw AudioIOError(.cannotCreate, "cannot move the file into place: \(error.reason)", path: path, systemCode: error.code)
        }
        TemporaryFiles.unregister(temporaryPath)
        Self.syncDirectory(of: target)
    }

    /// Makes a rename durable; failure here is harmless (the file is complete), so it is ignored.
    private static func syncDirectory(of path: String) {
        let directory = path.lastIndex(of: "/").map { String(path[...$0]) } ?? "."
        guard let dirFD = try? retryingEINTR("open", { open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }) else { return }
        _ = try? retryingEINTR("fsync") { fsync(dirFD) }
        FileDescriptorIO.closeQuietly(dirFD)
    }
}
