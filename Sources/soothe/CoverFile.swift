import Foundation
import SootheAudioIO
import Synchronization

/// `--cover FILE`: the picture read once per process, checked before anything renders.
enum CoverFile {
    private static let loaded = Mutex<[String: CoverImage]>([:])

    /// The cover at `path`; prints why it cannot be used and exits 66 (missing, unreadable) or 65
    /// (not a PNG or JPEG image).
    static func load(_ path: String) throws -> CoverImage {
        if let cover = loaded.withLock({ $0[path] }) { return cover }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            Console.fail("--cover \(path): no such file")
            throw ExitStatus.notFound
        }
        guard !isFolder.boolValue, let handle = FileHandle(forReadingAtPath: path) else {
            Console.fail("--cover \(path): \(isFolder.boolValue ? "is a folder, not an image" : "cannot be read (permission denied)")")
            throw ExitStatus.notFound
        }
        defer { try? handle.close() }
        // One byte past the limit is enough to say it is too large.
        let data = (try? handle.read(upToCount: CoverImage.maximumSize + 1)) ?? Data()
        do {
            let cover = try CoverImage(bytes: [UInt8](data))
            loaded.withLock { $0[path] = cover }
            return cover
        } catch {
            Console.fail("--cover \(path): \(error.reason)")
            throw ExitStatus.invalidScript
        }
    }
}
