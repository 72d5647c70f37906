#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Changes to the files in some folders, through Linux inotify: a file written and closed,
/// created, removed, or renamed into or out of a folder (editors save by writing a new file and
/// renaming it over the old one, so a watch on the file itself would lose it).
public final class FolderWatcher {
    private let fd: Int32
    private var folders: [Int32: String] = [:]

    /// Watches each folder of `folders` (a folder that cannot be watched, e.g. a missing one, is
    /// left out; `watched` says which are in).
    public init(folders: [String]) throws(POSIXError) {
        fd = try retryingEINTR("inotify_init1") { inotify_init1(Int32(IN_CLOEXEC)) }
        watch(folders)
    }

    /// Watches each folder of `folders` too (one already watched, or one that cannot be, is
    /// left as it is).
    public func watch(_ folders: [String]) {
        let mask = UInt32(IN_CLOSE_WRITE) | UInt32(IN_CREATE) | UInt32(IN_DELETE)
            | UInt32(IN_MOVED_FROM) | UInt32(IN_MOVED_TO)
        let known = Set(self.folders.values)
        for folder in Set(folders) where !known.contains(folder) {
            if let watch = try? retryingEINTR("inotify_add_watch", { inotify_add_watch(fd, folder, mask) }) {
                self.folders[watch] = folder
            }
        }
    }

    deinit { close(fd) }

    /// The folders being watched.
    public var watched: [String] { folders.values.sorted() }

    /// Waits for a change, then for the changes that follow it within `settle` milliseconds (an
    /// editor's save is several), and returns the paths (`FOLDER/NAME`) that changed.
    public func waitForChanges(settle: Int32 = 150) throws(POSIXError) -> Set<String> {
        var changed = try readChanges()
        while try ready(within: settle) {
            changed.formUnion(try readChanges())
        }
        return changed
    }

    /// Whether an event can be read within `milliseconds`.
    private func ready(within milliseconds: Int32) throws(POSIXError) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return try retryingEINTR("poll") { poll(&entry, 1, milliseconds) } > 0
    }

    /// One read of events (blocking until there is one), as the paths they name.
    private func readChanges() throws(POSIXError) -> Set<String> {
        let capacity = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
        defer { buffer.deallocate() }
        let count = try retryingEINTR("read") { read(fd, buffer, capacity) }
        var changed: Set<String> = []
        var offset = 0
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= count {
            let watch = buffer.loadUnaligned(fromByteOffset: offset, as: Int32.self)
            let length = Int(buffer.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            let nameBytes = UnsafeRawBufferPointer(start: buffer + offset + header, count: min(length, count - offset - header))
            let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
            if let folder = folders[watch], !name.isEmpty {
                changed.insert(folder == "/" ? "/" + name : folder + "/" + name)
            }
            offset += header + length
        }
        return changed
    }
}
