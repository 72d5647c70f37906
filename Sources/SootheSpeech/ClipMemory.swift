import SootheModel

/// Clips kept in memory under a byte budget, the least recently used let go first.
///
/// A render asks for each phrase when the mix reaches it, and breathing prompts repeat dozens
/// of times, so recent clips are worth keeping; but a session's distinct speech can be an hour
/// long, so memory must not hold it all. A clip let go comes back from the disk cache (or is
/// made again: it is a function of its key). Not thread-safe: keep it inside a `Mutex`.
struct ClipMemory<Key: Hashable> {
    /// The most bytes of samples held.
    let budget: Int
    private var clips: [Key: (clip: SpeechClip, used: UInt64)] = [:]
    private var bytes = 0
    private var clock: UInt64 = 0

    init(budget: Int) {
        self.budget = budget
    }

    /// The clip under `key`, marked as just used.
    mutating func clip(_ key: Key) -> SpeechClip? {
        guard let entry = clips[key] else { return nil }
        clock += 1
        clips[key] = (entry.clip, clock)
        return entry.clip
    }

    /// Keeps `clip` under `key`; when over budget, lets the least recently used go, down to
    /// three quarters of it (so a long run of new clips sorts rarely). A clip larger than the
    /// budget is not kept.
    mutating func keep(_ clip: SpeechClip, for key: Key) {
        let size = Self.size(of: clip)
        guard size <= budget else { return }
        clock += 1
        if let old = clips.updateValue((clip, clock), forKey: key) { bytes -= Self.size(of: old.clip) }
        bytes += size
        guard bytes > budget else { return }
        for (key, entry) in clips.sorted(by: { $0.value.used < $1.value.used }) where bytes > budget / 4 * 3 {
            clips[key] = nil
            bytes -= Self.size(of: entry.clip)
        }
    }

    /// Bytes held.
    var heldBytes: Int { bytes }

    static func size(of clip: SpeechClip) -> Int {
        clip.samples.count * MemoryLayout<Float>.size + clip.words.count * MemoryLayout<WordMark>.size + 64
    }
}
