internal import CSndFile

/// Reads a sound file back through libsndfile: properties, tags, cue points and samples.
///
/// Public API on purpose, though soothe's commands only write: it is the writer's pair, so whoever
/// renders with this module (the tests, an app's CI checking its catalogue) can read back what
/// was written through the same owner of libsndfile, tags and WAV cue points included. Not
/// Sendable: use a reader from one task.
public final class AudioFileReader {
    /// The path read.
    public let path: String
    /// Frames per second (Opus always decodes at 48000).
    public let sampleRate: Int
    /// Interleaved channels per frame.
    public let channels: Int
    /// Frames in the file, as libsndfile reports them.
    public let frames: Int
    /// soothe's name for the format, or nil for a format soothe does not write.
    public let format: AudioFileFormat?
    /// libsndfile's name for the sample encoding, e.g. "Signed 16 bit PCM".
    public let encodingDescription: String
    /// The text metadata libsndfile finds.
    public let tags: AudioTags
    /// Cue point frame positions (WAV), in file order; empty when there are none.
    public let cuePoints: [Int]

    private let handle: SndFileHandle

    /// Opens `path`; throws `.cannotOpen` with libsndfile's message when it cannot.
    public init(path: String) throws(AudioIOError) {
        var info = SF_INFO()
        let handle = try SndFileHandle.openForReading(path: path, info: &info)
        self.handle = handle
        self.path = path
        sampleRate = Int(info.samplerate)
        channels = Int(info.channels)
        frames = Int(info.frames)
        format = SndFileFormat.format(for: info.format)
        encodingDescription = Self.encodingName(handle, info.format)
        func string(_ type: Int32) -> String? {
            sf_get_string(handle.raw, type).map { String(cString: $0) }
        }
        tags = AudioTags(
            title: string(Int32(SF_STR_TITLE)), artist: string(Int32(SF_STR_ARTIST)),
            comment: string(Int32(SF_STR_COMMENT)), date: string(Int32(SF_STR_DATE)),
            software: string(Int32(SF_STR_SOFTWARE)))
        cuePoints = Self.readCues(handle)
    }

    /// Reads every remaining frame, interleaved.
    public func readAll() throws(AudioIOError) -> [Float] {
        var samples: [Float] = []
        samples.reserveCapacity(max(0, frames) * channels)
        var chunk = [Float](repeating: 0, count: 8192 * channels)
        while true {
            let got = try chunk.withUnsafeMutableBufferPointer { (buffer) throws(AudioIOError) in try read(into: buffer) }
            if got == 0 { break }
            samples.append(contentsOf: chunk[0..<(got * channels)])
        }
        return samples
    }

    /// Reads up to `buffer.count / channels` frames into `buffer`; returns the frames read (0 at the end).
    public func read(into buffer: UnsafeMutableBufferPointer<Float>) throws(AudioIOError) -> Int {
        let wanted = buffer.count / channels
        guard wanted > 0, let base = buffer.baseAddress else { return 0 }
        let got = sf_readf_float(handle.raw, base, sf_count_t(wanted))
        if got == 0 {
            try handle.check(sf_error(handle.raw), .readFailed, "cannot read samples")
        }
        return Int(got)
    }

    private static func encodingName(_ handle: SndFileHandle, _ format: Int32) -> String {
        var info = SF_FORMAT_INFO()
        info.format = format & Int32(SF_FORMAT_SUBMASK)
        let result = sf_command(
            handle.raw, Int32(SFC_GET_FORMAT_INFO), &info, Int32(MemoryLayout<SF_FORMAT_INFO>.size))
        guard result == 0, let name = info.name else { return "unknown" }
        return String(cString: name)
    }

    /// SFC_GET_CUE into a buffer laid out like `SF_CUES_VAR(count)`.
    private static func readCues(_ handle: SndFileHandle) -> [Int] {
        var count: UInt32 = 0
        guard sf_command(handle.raw, Int32(SFC_GET_CUE_COUNT), &count, Int32(MemoryLayout<UInt32>.size)) == SF_TRUE,
            count > 0
        else { return [] }
        let pointStride = MemoryLayout<SF_CUE_POINT>.stride
        let pointsOffset = MemoryLayout<SF_CUES>.offset(of: \SF_CUES.cue_points)!
        let positionOffset = MemoryLayout<SF_CUE_POINT>.offset(of: \SF_CUE_POINT.position)!
        let size = pointsOffset + Int(count) * pointStride
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: MemoryLayout<SF_CUES>.alignment)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        buffer.storeBytes(of: count, as: UInt32.self)
        guard sf_command(handle.raw, Int32(SFC_GET_CUE), buffer, Int32(size)) == SF_TRUE else { return [] }
        let stored = min(Int(buffer.load(as: UInt32.self)), Int(count))
        return (0..<stored).map { index in
            Int(buffer.load(fromByteOffset: pointsOffset + index * pointStride + positionOffset, as: UInt32.self))
        }
    }
}
