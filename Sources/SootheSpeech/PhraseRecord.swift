import SoothePOSIX

/// What the speech processes write into a phrase's pipe: records of four `Int32`s (kind and three
/// values); the samples of a `.samples` record follow it.
enum PhraseRecord: Int32 {
    /// The child speaking the phrase has started: its process id. Always the first record.
    case started = 5
    /// `count` 16-bit samples follow.
    case samples = 1
    /// A word: sample, 1-based text position, length.
    case word = 2
    /// A sentence start: sample.
    case sentence = 3
    /// The end: espeak-ng's status.
    case end = 4
    /// The server could not fork a child for the phrase: the `errno` of fork.
    case failed = 6

    /// Bytes of a record (not counting samples).
    static let size = 16

    /// Writes one record to `pipe`; false if it cannot (the reader is gone).
    static func write(_ kind: PhraseRecord, _ a: Int32, _ b: Int32 = 0, _ c: Int32 = 0, to pipe: Int32) -> Bool {
        var record = (kind.rawValue, a, b, c)
        return withUnsafeBytes(of: &record) { bytes in
            (try? FileDescriptorIO.writeAll(pipe, bytes.baseAddress!, bytes.count)) != nil
        }
    }
}
