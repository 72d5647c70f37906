internal import CSndFile
import SoothePOSIX
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a sound file atomically: to a hidden temporary file beside `path` (same folder,
/// ".NAME.soothe-PID-XXXXXX.tmp"), renamed into place by `finish()`; `cancel()` or deinit without
/// finish removes the temporary file; an existing file at the destination is never touched until
/// the rename, and keeps its permission bits. A link is written through (the file it names is
/// replaced whole); a device, FIFO or socket, or `-` for standard output, gets the finished file
/// copied into it (see ``OutputDestination``).
///
/// The same samples and settings give byte-identical files in every format: WAV is written
/// without a PEAK chunk (it holds a timestamp) and Ogg serial numbers are fixed after writing
/// (see `AudioFileSettings.oggSerialNumber`). Not Sendable: use a writer from one task.
public final class AudioFileWriter {
    private enum State { case open, finished, cancelled, failed }

    /// Most frames handed to libsndfile per call by the lossy encoders (Ogg/Vorbis crashes on
    /// large single writes).
    public static let maxFramesPerCall = 8192
    /// Most frames per call for WAV and FLAC: larger writes, fewer system calls.
    static let maxLosslessFramesPerCall = 65_536

    /// Bytes between write-back requests (see `startWritebackNowAndThen`).
    static let writebackBytes = 8 << 20
    private var unflushedFrames = 0
    /// Where the file ended at the last two write-back requests.
    private var writebackMarks: (Int64, Int64) = (0, 0)
    /// Whether the file's room was asked for (at the first write, see `reserveRoom`).
    private var reserved = false

    /// Frames per libsndfile call for this file's format.
    private let framesPerCall: Int

    /// The destination path.
    public let path: String
    /// The settings the file is written with.
    public let settings: AudioFileSettings
    /// The hidden temporary file the samples go to until `finish()` (a second one, when the
    /// metadata is written: see ``embedMetadata()``).
    public private(set) var temporaryPath: String
    /// How the finished file reaches `path`.
    private let destination: OutputDestination
    /// Frames written so far.
    public private(set) var framesWritten = 0
    /// The finished file's size in bytes (0 until `finish()`).
    public private(set) var fileSize = 0

    /// A path in the folder where a writer for `path` keeps its temporary file: beside `path`,
    /// or in `$TMPDIR` when `path` is a device, FIFO, socket or `-`. Scratch files that belong
    /// with the output (a spool) go there too.
    public static func workingPath(for path: String) -> String {
        (try? OutputDestination(path))?.temporaryPathHint ?? path
    }

    private var handle: SndFileHandle?
    private var fd: Int32
    private var state = State.open
    /// 16-bit PCM (WAV, FLAC) is converted here, not by libsndfile (see `PCM16Conversion`).
    private let shortBuffer: UnsafeMutablePointer<Int16>?
    /// Mono frames spread over every channel, for the other encodings.
    private let floatBuffer: UnsafeMutablePointer<Float>

    /// Creates the temporary file and sets format, clipping, tags, cue points and quality.
    ///
    /// Throws `.unsupported` for combinations the format refuses (see `AudioFileSettings.validate`),
    /// `.cannotCreate` when the temporary file cannot be created (nothing is left behind).
    public init(path: String, settings: AudioFileSettings) throws(AudioIOError) {
        try settings.validate(path: path)
        let destination = try OutputDestination(path)
        let (tempPath, fd) = try Self.createTemporaryFile(for: destination.temporaryPathHint)
        TemporaryFiles.register(tempPath)
        var opened: SndFileHandle?
        do throws(AudioIOError) {
            var info = SF_INFO()
            info.samplerate = Int32(settings.sampleRate)
            info.channels = Int32(settings.channels)
            info.format = SndFileFormat.code(for: settings)
            guard sf_format_check(&info) == SF_TRUE else {
                throw AudioIOError(
                    .unsupported,
                    "libsndfile cannot write \(settings.format.rawValue) at \(settings.sampleRate) Hz, \(settings.channels) channels",
                    path: path)
            }
            let handle = try SndFileHandle.openForWriting(fd: fd, info: &info, path: path)
            opened = handle
            try Self.configure(handle, settings)
        } catch {
            // Close the SNDFILE before its descriptor, so it can never write to a reused fd number.
            opened = nil
            FileDescriptorIO.closeQuietly(fd)
            unlink(tempPath)
            TemporaryFiles.unregister(tempPath)
            throw error
        }
        self.path = path
        self.settings = settings
        self.destination = destination
        self.temporaryPath = tempPath
        self.fd = fd
        self.handle = opened
        framesPerCall = settings.format.isLossy ? Self.maxFramesPerCall : Self.maxLosslessFramesPerCall
        let samples = framesPerCall * settings.channels
        let pcm16 = settings.encoding == .pcm16 && (settings.format == .wav || settings.format == .flac)
        shortBuffer = pcm16 ? .allocate(capacity: samples) : nil
        floatBuffer = .allocate(capacity: samples)
    }

    deinit {
        if state == .open || state == .failed { discard() }
        shortBuffer?.deallocate()
        floatBuffer.deallocate()
    }

    /// Appends interleaved frames (count = frames × channels), in libsndfile calls of at most
    /// `maxFramesPerCall` frames (lossy formats). Values beyond ±1 clip rather than wrap.
    public func write(interleaved samples: UnsafeBufferPointer<Float>) throws(AudioIOError) {
        let handle = try openHandle()
        let channels = settings.channels
        guard samples.count % channels == 0 else {
            throw AudioIOError(
                .invalidUse, "\(samples.count) samples is not a whole number of \(channels)-channel frames", path: path)
        }
        guard let base = samples.baseAddress else { return }
        try writeChunks(frames: samples.count / channels, handle) { done, chunk in
            if let shorts = shortBuffer {
                PCM16Conversion.convert(base + done * channels, into: shorts, count: chunk * channels)
                return sf_writef_short(handle.raw, shorts, sf_count_t(chunk))
            }
            return sf_writef_float(handle.raw, base + done * channels, sf_count_t(chunk))
        }
    }

    /// Appends one channel's frames, played by every channel of the file (a stereo file of a mono
    /// mix): the renderer then mixes, limits and measures one channel instead of two.
    public func write(mono samples: UnsafeBufferPointer<Float>) throws(AudioIOError) {
        let handle = try openHandle()
        let channels = settings.channels
        guard let base = samples.baseAddress else { return }
        if channels == 1 { return try write(interleaved: samples) }
        try writeChunks(frames: samples.count, handle) { done, chunk in
            if let shorts = shortBuffer {
                PCM16Conversion.convert(mono: base + done, into: shorts, frames: chunk, channels: channels)
                return sf_writef_short(handle.raw, shorts, sf_count_t(chunk))
            }
            let floats = floatBuffer
            for f in 0..<chunk {
                let x = base[done + f]
                for c in 0..<channels { floats[f * channels + c] = x }
            }
            return sf_writef_float(handle.raw, floats, sf_count_t(chunk))
        }
    }

    private func openHandle() throws(AudioIOError) -> SndFileHandle {
        guard state == .open, let handle else {
            throw AudioIOError(.invalidUse, "write after the file was finished or cancelled", path: path)
        }
        if !reserved { reserveRoom() }
        return handle
    }

    /// Makes room at once for a WAV's samples when their number is known (`expectedFrames`):
    /// writing into blocks allocated in one go costs the kernel less than allocating them page
    /// by page. Asked at the first write, not at creation, so that a renderer's spool is given
    /// its room first. A refusal changes nothing: the writes then report what the disk says.
    private func reserveRoom() {
        reserved = true
        guard settings.format == .wav, let frames = settings.expectedFrames else { return }
        let bytesPerSample = switch settings.encoding {
        case .pcm16: 2
        case .pcm24: 3
        case .float: 4
        }
        // The samples only: the header makes the file longer, so no block is left past its end.
        _ = try? FileDescriptorIO.reserve(fd, bytes: frames * settings.channels * bytesPerSample)
    }

    /// Calls `body(framesDone, chunk)` for chunks of at most `framesPerCall` frames; `body`
    /// returns what libsndfile wrote.
    private func writeChunks(
        frames: Int, _ handle: SndFileHandle, _ body: (Int, Int) -> sf_count_t
    ) throws(AudioIOError) {
        var done = 0
        while done < frames {
            let chunk = min(framesPerCall, frames - done)
            let written = body(done, chunk)
            do throws(AudioIOError) {
                try handle.checkWrites("cannot write samples")
            } catch {
                state = .failed
                throw error
            }
            guard written == chunk else {
                state = .failed
                throw AudioIOError(.writeFailed, "cannot write samples: \(handle.lastErrorMessage)", path: path)
            }
            done += chunk
            framesWritten += chunk
            startWritebackNowAndThen(frames: chunk, fileEnd: handle.sink?.end)
        }
    }

    /// Asks the kernel to start writing what is written so far to disk, about every 8 MB, so
    /// the device works while soothe computes and `finish()`'s fsync waits only for the tail.
    /// (On Linux POSIX_FADV_DONTNEED starts write-back of dirty pages without waiting, and lets
    /// go of pages already written.) Each request covers the bytes since the one before the
    /// last: those the last request sent to the disk (done by now, so let go of) and the new
    /// ones; the whole file each time would walk every page again.
    private func startWritebackNowAndThen(frames: Int, fileEnd: Int64?) {
        unflushedFrames += frames
        guard unflushedFrames * settings.channels * 2 >= Self.writebackBytes else { return }
        unflushedFrames = 0
        _ = posix_fadvise(fd, off_t(writebackMarks.0), 0, POSIX_FADV_DONTNEED)
        writebackMarks = (writebackMarks.1, fileEnd ?? 0)
    }

    /// Completes the file (encoder flush, headers), fixes Ogg serial numbers, syncs it to disk and
    /// renames it over `path`. On failure the temporary file is removed and `path` is untouched.
    public func finish() throws(AudioIOError) {
        guard state == .open, let handle else {
            throw AudioIOError(.invalidUse, "finish after the file was finished, cancelled or failed", path: path)
        }
        do throws(AudioIOError) {
            self.handle = nil
            try handle.close()
            if settings.format == .ogg || settings.format == .opus {
                try OggSerialNumber.rewrite(fd: fd, serial: settings.oggSerialNumber, path: path)
            }
            // Every byte libsndfile wrote must be in the file before it replaces anything.
            if let end = handle.sink?.end, let written = try? FileBytes(fd: fd, path: path).size(), Int64(written) < end {
                throw AudioIOError(.finishFailed, "the file is \(end - Int64(written)) bytes short of what was written", path: path)
            }
            try embedMetadata()
            fileSize = try FileBytes(fd: fd, path: path).size()
            try destination.deliver(&fd, temporaryPath: temporaryPath, path: path)
            if fd >= 0 { discard() }
            state = .finished
        } catch {
            discard()
            throw error
        }
    }

    /// Writes the tags libsndfile cannot (see ``AudioTags``) into the finished temporary file:
    /// WAV gets its cue points named in place; MP3, FLAC, Ogg Vorbis and Opus are copied into a
    /// second temporary file with their metadata replaced, which then takes the first's place.
    private func embedMetadata() throws(AudioIOError) {
        let tags = settings.tags
        let source = FileBytes(fd: fd, path: path)
        if settings.format == .wav {
            if !settings.usesRF64, settings.cuePoints.count == tags.chapters.count {
                try WAVChapterLabels.append(source, titles: tags.chapters.map(\.title))
            }
            return
        }
        let (newPath, newFD) = try Self.createTemporaryFile(for: destination.temporaryPathHint)
        TemporaryFiles.register(newPath)
        do throws(AudioIOError) {
            switch settings.format {
            case .mp3: try MP3TagRewrite.rewrite(source, tags: tags, to: newFD)
            case .flac: try FLACMetadataRewrite.rewrite(source, tags: tags, to: newFD)
            case .ogg, .opus: try OggCommentRewrite.rewrite(source, opus: settings.format == .opus, tags: tags, to: newFD)
            case .wav: break
            }
        } catch {
            FileDescriptorIO.closeQuietly(newFD)
            unlink(newPath)
            TemporaryFiles.unregister(newPath)
            throw error
        }
        FileDescriptorIO.closeQuietly(fd)
        unlink(temporaryPath)
        TemporaryFiles.unregister(temporaryPath)
        fd = newFD
        temporaryPath = newPath
    }

    /// Abandons the file: the temporary file is removed, an existing file at `path` stays as it was.
    public func cancel() {
        guard state == .open || state == .failed else { return }
        discard()
    }

    private func discard() {
        handle = nil  // its deinit closes the SNDFILE, before the descriptor below
        if fd >= 0 {
            FileDescriptorIO.closeQuietly(fd)
            fd = -1
        }
        unlink(temporaryPath)
        TemporaryFiles.unregister(temporaryPath)
        state = .cancelled
    }

    /// Format, clipping, tags, cues and quality: everything that must precede the first write.
    private static func configure(_ handle: SndFileHandle, _ settings: AudioFileSettings) throws(AudioIOError) {
        try handle.command(
            Int32(SFC_SET_CLIPPING), nil, Int(SF_TRUE), expecting: Int32(SF_TRUE), .unsupported, "cannot turn clipping on")
        if settings.format == .wav {
            // The PEAK chunk holds a timestamp, which would make re-renders differ.
            try handle.command(
                Int32(SFC_SET_ADD_PEAK_CHUNK), nil, Int(SF_FALSE), expecting: Int32(SF_FALSE), .unsupported,
                "cannot turn the PEAK chunk off")
        }
        // Only WAV's tags are libsndfile's: the other formats' are written after it (`embedMetadata`).
        let tags = settings.format == .wav ? settings.tags : AudioTags()
        let strings: [(Int32, String?, String)] = [
            (Int32(SF_STR_TITLE), tags.title, "title"), (Int32(SF_STR_ARTIST), tags.artist, "artist"),
            (Int32(SF_STR_ALBUM), tags.album, "album"),
            (Int32(SF_STR_COMMENT), tags.comment, "comment"), (Int32(SF_STR_DATE), tags.date, "date"),
            (Int32(SF_STR_SOFTWARE), tags.software, "software"),
            (Int32(SF_STR_TRACKNUMBER), tags.trackNumber.map(String.init), "track number"),
        ]
        for (type, value, name) in strings {
            guard let value else { continue }
            try handle.check(sf_set_string(handle.raw, type, value), .writeFailed, "cannot set the \(name) tag")
        }
        if settings.format == .wav && !settings.usesRF64 && !settings.cuePoints.isEmpty {
            try setCues(handle, settings.cuePoints)
        }
        var quality = settings.quality
        var compression = 1 - settings.quality
        let doubleSize = MemoryLayout<Double>.size
        switch settings.format {
        case .wav, .flac:
            break
        case .ogg:
            try handle.command(
                Int32(SFC_SET_VBR_ENCODING_QUALITY), &quality, doubleSize, expecting: Int32(SF_TRUE), .unsupported,
                "cannot set the Vorbis quality")
        case .opus:
            try handle.command(
                Int32(SFC_SET_COMPRESSION_LEVEL), &compression, doubleSize, expecting: Int32(SF_TRUE), .unsupported,
                "cannot set the Opus quality")
        case .mp3:
            // Compression level first: libsndfile 1.2.0 applies a bitrate mode set before it but
            // reports SF_FALSE (measured), so this order is the one whose results can be checked.
            try handle.command(
                Int32(SFC_SET_COMPRESSION_LEVEL), &compression, doubleSize, expecting: Int32(SF_TRUE), .unsupported,
                "cannot set the MP3 compression level")
            var mode = Int32(SF_BITRATE_MODE_CONSTANT)
            try handle.command(
                Int32(SFC_SET_BITRATE_MODE), &mode, MemoryLayout<Int32>.size, expecting: Int32(SF_TRUE), .unsupported,
                "cannot set the MP3 bitrate mode")
        }
    }

    /// SFC_SET_CUE with a buffer laid out like C's `SF_CUES_VAR(n)`, so more than 100 cues fit.
    private static func setCues(_ handle: SndFileHandle, _ positions: [Int]) throws(AudioIOError) {
        let pointStride = MemoryLayout<SF_CUE_POINT>.stride
        let pointsOffset = MemoryLayout<SF_CUES>.offset(of: \SF_CUES.cue_points)!
        let size = pointsOffset + positions.count * pointStride
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: MemoryLayout<SF_CUES>.alignment)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        buffer.storeBytes(of: UInt32(positions.count), as: UInt32.self)
        let dataChunk = Int32(bitPattern: 0x6174_6164)  // 'data' as a little-endian FourCC
        for (index, position) in positions.enumerated() {
            var point = SF_CUE_POINT()
            point.indx = Int32(index + 1)
            point.position = UInt32(position)
            point.fcc_chunk = dataChunk
            point.sample_offset = UInt32(position)
            buffer.storeBytes(of: point, toByteOffset: pointsOffset + index * pointStride, as: SF_CUE_POINT.self)
        }
        try handle.command(
            Int32(SFC_SET_CUE), buffer, size, expecting: Int32(SF_TRUE), .writeFailed, "cannot set cue points")
    }

    /// Creates ".NAME.soothe-PID-XXXXXX.tmp" beside `path` with O_EXCL (mode 0666 less the
    /// umask), NAME shortened when needed so that any name the filesystem allows fits. First
    /// sweeps the folder of temporary files a killed render left (see ``StaleTemporaryFiles``).
    static func createTemporaryFile(for path: String) throws(AudioIOError) -> (String, Int32) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty else {
            throw AudioIOError(.cannotCreate, "the output path names a folder, not a file", path: path)
        }
        StaleTemporaryFiles.sweep(directory.isEmpty ? "." : directory)
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var generator = SystemRandomNumberGenerator()
        let stem = StaleTemporaryFiles.shortened(name)
        for _ in 0..<64 {
            let suffix = String((0..<6).map { _ in letters.randomElement(using: &generator)! })
            let candidate = "\(directory).\(stem).soothe-\(getpid())-\(suffix).tmp"
            do throws(POSIXError) {
                return (candidate, try retryingEINTR("open") { open(candidate, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o666) })
            } catch where error.code == EEXIST {
                continue
            } catch {
                throw AudioIOError(
                    .cannotCreate, "cannot create a file in \(directory.isEmpty ? "." : directory): \(error.reason)", path: path, systemCode: error.code)
            }
        }
        throw AudioIOError(.cannotCreate, "cannot find a free temporary file name", path: path)
    }
}
