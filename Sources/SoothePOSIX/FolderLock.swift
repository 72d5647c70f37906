#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// An advisory lock on a folder (`flock(2)` on the folder itself, so no lock file is left in
/// it), held while processes that share the folder update a file in it one at a time.
public enum FolderLock {
    /// Runs `body` holding the folder's exclusive lock, waiting for another holder to let go.
    /// Where the folder cannot be locked (a file system without `flock`), `body` runs unlocked:
    /// the lock only orders writers that would otherwise each keep their own view.
    public static func exclusively<Result, Failure: Error>(
        _ folder: String, _ body: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        guard let fd = try? retryingEINTR("open", { open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }) else {
            return try body()
        }
        defer { close(fd) }
        let locked = (try? retryingEINTR("flock", { flock(fd, LOCK_EX) })) != nil
        defer { if locked { _ = flock(fd, LOCK_UN) } }
        return try body()
    }
}
