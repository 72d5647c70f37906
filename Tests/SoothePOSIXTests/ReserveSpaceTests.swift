#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SoothePOSIX
import Testing

@Suite struct ReserveSpaceTests {
    /// Reserving room allocates the file's blocks at once and leaves its length alone: a reader
    /// still sees only what was written.
    @Test func reservingAllocatesBlocksAndKeepsTheLength() throws {
        let path = FileManager.default.temporaryDirectory.path + "/soothe-reserve-\(UUID().uuidString)"
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0o600)
        try #require(fd >= 0)
        defer {
            close(fd)
            unlink(path)
        }
        var before = stat()
        #expect(fstat(fd, &before) == 0)
        let reserved = try FileDescriptorIO.reserve(fd, bytes: 4 << 20)
        var after = stat()
        #expect(fstat(fd, &after) == 0)
        #expect(after.st_size == 0, "the length stays what was written")
        if reserved {
            #expect(Int(after.st_blocks) * 512 >= 4 << 20, "\(after.st_blocks) blocks of 512 bytes for 4 MiB")
        }
        let bytes = [UInt8](repeating: 7, count: 1 << 20)
        try FileDescriptorIO.writeAll(fd, bytes)
        var written = stat()
        #expect(fstat(fd, &written) == 0)
        #expect(written.st_size == 1 << 20)
    }
}
