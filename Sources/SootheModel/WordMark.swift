/// Where a word starts in a ``SpeechClip``, and which part of the text it is.
public struct WordMark: Sendable, Hashable {
    /// The first frame of the word, counted from the clip's first sample (clip sample rate).
    public let frame: Int
    /// Offset of the word in Unicode scalars within `SpeechText.spokenText(of:)` of the phrase
    /// (the words with pause marks removed, as captions show them).
    public let textOffset: Int
    /// Length of the word in Unicode scalars.
    public let length: Int

    /// A word mark from its parts.
    public init(frame: Int, textOffset: Int, length: Int) {
        self.frame = frame
        self.textOffset = textOffset
        self.length = length
    }
}
