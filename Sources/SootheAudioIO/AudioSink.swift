/// Something that takes rendered frames: the real `AudioFileWriter`, or a fake in tests.
public protocol AudioSink: AnyObject {
    /// Appends interleaved frames (count = frames × channels).
    func write(interleaved: UnsafeBufferPointer<Float>) throws(AudioIOError)
    /// Appends one channel's frames, played by every channel.
    func write(mono: UnsafeBufferPointer<Float>) throws(AudioIOError)
    /// Completes the output. No writes may follow.
    func finish() throws(AudioIOError)
    /// Abandons the output, leaving nothing behind.
    func cancel()
    /// Frames accepted so far.
    var framesWritten: Int { get }
}
