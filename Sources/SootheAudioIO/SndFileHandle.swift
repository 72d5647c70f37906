internal import CSndFile

/// The one Swift owner of a libsndfile `SNDFILE*`: closes it in deinit unless `close()` ran.
///
/// Every libsndfile status goes through `check` / `command` here, so errors carry libsndfile's
/// own text. Not Sendable: a handle is used from one task.
final class SndFileHandle {
    let raw: OpaquePointer
    let path: String
    /// For a file being written: the descriptor its bytes go through, with their results.
    let sink: SndFileSink?
    private var isOpen = true

    private init(raw: OpaquePointer, path: String, sink: SndFileSink? = nil) {
        self.raw = raw
        self.path = path
        self.sink = sink
    }

    deinit {
        if isOpen { sf_close(raw) }
    }

    /// Opens a file descriptor for writing, every byte through a ``SndFileSink``; the descriptor
    /// stays ours (libsndfile won't close it). A write that fails while the header is written is
    /// the system's error (e.g. no space left), not an unsupported format.
    static func openForWriting(fd: Int32, info: inout SF_INFO, path: String) throws(AudioIOError) -> SndFileHandle {
        let sink = SndFileSink(fd: fd)
        var callbacks = SndFileSink.callbacks
        guard let raw = sf_open_virtual(&callbacks, Int32(SFM_WRITE), &info, Unmanaged.passUnretained(sink).toOpaque()) else {
            if let failure = sink.failure {
                throw AudioIOError(.writeFailed, "cannot write: \(failure.reason)", path: path, systemCode: failure.code)
            }
            throw AudioIOError(.unsupported, "libsndfile cannot write this file: \(String(cString: sf_strerror(nil)))", path: path)
        }
        return SndFileHandle(raw: raw, path: path, sink: sink)
    }

    /// The first failed write of a file being written, as an error saying what the system said.
    func checkWrites(_ what: String) throws(AudioIOError) {
        guard let failure = sink?.failure else { return }
        throw AudioIOError(.writeFailed, "\(what): \(failure.reason)", path: path, systemCode: failure.code)
    }

    /// Opens a path for reading.
    static func openForReading(path: String, info: inout SF_INFO) throws(AudioIOError) -> SndFileHandle {
        guard let raw = sf_open(path, Int32(SFM_READ), &info) else {
            throw AudioIOError(.cannotOpen, String(cString: sf_strerror(nil)), path: path)
        }
        return SndFileHandle(raw: raw, path: path)
    }

    /// Turns a libsndfile status code (0 = success) into an error with libsndfile's text for that code.
    ///
    /// Uses `sf_error_number(code)` rather than `sf_strerror(handle)`: after some failures (e.g. a
    /// late `sf_set_string`, code 53) the handle's error state still reads "No Error.".
    func check(_ code: Int32, _ kind: AudioIOError.Kind, _ what: String) throws(AudioIOError) {
        guard code != 0 else { return }
        throw AudioIOError(kind, "\(what): \(String(cString: sf_error_number(code))) (libsndfile error \(code))", path: path)
    }

    /// Runs an `sf_command` whose documented result on success is `expected`.
    func command(
        _ command: Int32, _ data: UnsafeMutableRawPointer?, _ size: Int, expecting expected: Int32,
        _ kind: AudioIOError.Kind, _ what: String
    ) throws(AudioIOError) {
        let result = sf_command(raw, command, data, Int32(size))
        guard result != expected else { return }
        throw AudioIOError(kind, "\(what): libsndfile refused (\(String(cString: sf_strerror(raw))))", path: path)
    }

    /// The handle's current error message.
    var lastErrorMessage: String { String(cString: sf_strerror(raw)) }

    /// Closes the file, flushing encoders and headers. Safe to call once; later calls do nothing.
    func close() throws(AudioIOError) {
        guard isOpen else { return }
        isOpen = false
        let status = sf_close(raw)
        // What the encoder flushed at close may have failed even when libsndfile says it did not.
        try checkWrites("cannot complete the file")
        try check(status, .finishFailed, "cannot complete the file")
    }
}
