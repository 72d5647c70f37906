import Synchronization

/// libc's `strtok` keeps its place in one variable for the whole process, and two of the C
/// libraries this module owns call it: espeak-ng when it loads a voice file, libsox's `compand`
/// across the parsing of its options (one `strtok(NULL, …)` per number). A voice loaded on one
/// thread while a phrase's chain is set up on another would move `compand` to the wrong place
/// in the wrong string, and it rejects its options. Every call into either library that may
/// reach `strtok` holds this lock; nothing else is taken while it is held.
enum LibcTokenizerLock {
    private static let mutex = Mutex(())

    /// Runs `body` while no other caller of `strtok` in this process can run.
    static func withLock<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        try mutex.withLock { _ throws(Failure) -> Result in try body() }
    }
}
