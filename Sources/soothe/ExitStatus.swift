import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// The exit statuses of cli.md (sysexits.h values).
enum ExitStatus {
    static let usage = ExitCode(64)
    static let invalidScript = ExitCode(65)
    static let notFound = ExitCode(66)
    static let cannotCreate = ExitCode(73)
    /// EX_OSERR: the system could not give what soothe needs (a process for speech, ...).
    static let systemError = ExitCode(71)
    static let failure = ExitCode(1)
    /// EX_IOERR: the disk failed to read or write (EIO).
    static let ioError = ExitCode(74)

    /// The status of a failure the system caused, by its `errno`: 73 when the output cannot be
    /// had (no space, a quota, a read-only disk, a file-size limit), 74 for an I/O error, 71 when
    /// the system ran short (descriptors, memory, processes); nil for any other cause.
    static func forSystemError(_ code: Int32?) -> Int32? {
        guard let code else { return nil }
        switch code {
        case ENOSPC, EDQUOT, EROFS, EFBIG: return cannotCreate.rawValue
        case EIO: return ioError.rawValue
        case EMFILE, ENFILE, ENOMEM, EAGAIN, ENOBUFS: return systemError.rawValue
        default: return nil
        }
    }
}
