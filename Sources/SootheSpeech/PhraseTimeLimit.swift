/// How long espeak-ng may take over one call: a base plus an allowance per byte of text, far
/// beyond what espeak-ng needs (it speaks about a hundred times faster than real time) even on a
/// busy machine. A call past its limit has its process killed and is asked once more, in a fresh
/// process; a second miss is ``SpeechError/Kind/timedOut(text:seconds:)``.
struct PhraseTimeLimit: Sendable, Hashable {
    /// Allowed for any call.
    var base: Duration
    /// Allowed in addition per UTF-8 byte of the call's text.
    var perByte: Duration

    /// 10 s, plus 10 ms a byte: 1,500 words (about 9 KB) may take a minute and a half.
    static let standard = PhraseTimeLimit(base: .seconds(10), perByte: .milliseconds(10))

    /// The limit for `text`.
    func limit(for text: String) -> Duration {
        base + perByte * text.utf8.count
    }
}
