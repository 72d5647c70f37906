#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The temporary files of every open `AudioFileWriter`, so an interrupted process can remove them.
///
/// Lock-free, so that a signal handler may remove them (``removeAllInSignalHandler()``): each
/// of a fixed number of slots holds the address of a path (a C string) or 0. A path is freed
/// when it is unregistered, unless a signal is being handled (then it is left: the process is
/// about to end).
public enum TemporaryFiles {
    /// Paths registered at once beyond this many are not removed on a signal (only then).
    static let capacity = 1024

    nonisolated(unsafe) private static let slots: UnsafeMutablePointer<Atomic<Int>> = {
        let slots = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: capacity)
        for index in 0..<capacity {
            (slots + index).initialize(to: Atomic(0))
        }
        return slots
    }()
    private static let handlingSignal = Atomic(false)

    /// Unlinks every registered temporary file and forgets them. Safe to call from any thread.
    public static func removeAll() {
        for index in 0..<capacity {
            let address = slots[index].exchange(0, ordering: .sequentiallyConsistent)
            guard let path = UnsafeMutablePointer<CChar>(bitPattern: address) else { continue }
            unlink(path)
            release(path)
        }
    }

    /// Unlinks every registered temporary file, from a signal handler: only atomic loads and
    /// unlink(2). Call ``prepareForSignals()`` first, outside the handler. Returns how many
    /// were registered.
    @discardableResult
    public static func removeAllInSignalHandler() -> Int {
        handlingSignal.store(true, ordering: .sequentiallyConsistent)
        var count = 0
        for index in 0..<capacity {
            let address = slots[index].load(ordering: .sequentiallyConsistent)
            if let path = UnsafeMutablePointer<CChar>(bitPattern: address) {
                unlink(path)
                count += 1
            }
        }
        return count
    }

    /// Makes the table, so a signal handler finds it made.
    public static func prepareForSignals() {
        _ = slots
    }

    /// The temporary paths currently registered (sorted).
    public static var current: [String] {
        (0..<capacity).compactMap { index in
            UnsafeMutablePointer<CChar>(bitPattern: slots[index].load(ordering: .sequentiallyConsistent))
                .map { String(cString: $0) }
        }.sorted()
    }

    static func register(_ path: String) {
        guard let copy = strdup(path) else { return }
        let address = Int(bitPattern: copy)
        for index in 0..<capacity
        where slots[index].compareExchange(expected: 0, desired: address, ordering: .sequentiallyConsistent).exchanged {
            return
        }
        free(copy)
    }

    static func unregister(_ path: String) {
        for index in 0..<capacity {
            let address = slots[index].load(ordering: .sequentiallyConsistent)
            guard let held = UnsafeMutablePointer<CChar>(bitPattern: address), strcmp(held, path) == 0,
                  slots[index].compareExchange(expected: address, desired: 0, ordering: .sequentiallyConsistent).exchanged
            else { continue }
            release(held)
            return
        }
    }

    /// Frees a path taken out of its slot, unless a signal handler may be reading it.
    private static func release(_ path: UnsafeMutablePointer<CChar>) {
        if !handlingSignal.load(ordering: .sequentiallyConsistent) { free(path) }
    }
}
