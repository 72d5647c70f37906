import SoothePOSIX
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a text file (captions, a preview, a page) with the audio writer's care: to a
/// temporary file beside it, renamed into place when complete; through a link; copied into a
/// device, FIFO or socket, or to standard output for `-` (see ``OutputDestination``). A failure
/// leaves an existing file as it was.
public enum TextFileWriter {
    /// Writes `text` as UTF-8 to `path`.
    public static func write(_ text: String, to path: String) throws(AudioIOError) {
        let destination = try OutputDestination(path)
        var (temporaryPath, fd) = try AudioFileWriter.createTemporaryFile(for: destination.temporaryPathHint)
        TemporaryFiles.register(temporaryPath)
        var delivered = false
        defer {
            if fd >= 0 { FileDescriptorIO.closeQuietly(fd) }
            if !delivered {
                unlink(temporaryPath)
                TemporaryFiles.unregister(temporaryPath)
            }
        }
        do {
            try FileDescriptorIO.writeAll(fd, Array(text.utf8))
        } catch {
            throw AudioIOError(.writeFailed, "cannot write: \(error.reason)", path: path, systemCode: error.code)
        }
        try destination.deliver(&fd, temporaryPath: temporaryPath, path: path)
        // A file was renamed into place (and forgotten); a stream's copy leaves the file to remove.
        delivered = fd < 0
    }
}
