import SootheAudioIO
import SootheCore

/// Reads the sound files scripts name, through libsndfile (any format it reads), and answers
/// the timeline builder's questions about them (`SoundFileProbe`).
///
/// A file is read whole, so its length is capped: a chime may last a minute, a bed ten minutes
/// (about 230 MB of stereo samples at 48 kHz; longer recordings are refused with that reason,
/// and a bed shorter than the session is looped).
public struct SoundFileReading: SoundFileProbe {
    /// The longest chime file, in seconds.
    public static let maximumChimeSeconds = 60.0
    /// The longest bed file, in seconds.
    public static let maximumBedSeconds = 600.0

    public init() {}

    public func length(of file: SoundFile, as use: SoundFile.Use) -> Result<Double, SoundFileProblem> {
        do throws(SoundFileProblem) {
            let reader = try Self.open(file.path, as: use)
            return .success(Double(reader.frames) / Double(reader.sampleRate))
        } catch {
            return .failure(error)
        }
    }

    /// The reader of `path` once its length is known to be usable.
    static func open(_ path: String, as use: SoundFile.Use) throws(SoundFileProblem) -> AudioFileReader {
        let reader: AudioFileReader
        do {
            reader = try AudioFileReader(path: path)
        } catch {
            throw SoundFileProblem(Self.reason(error.message))
        }
        guard reader.sampleRate > 0, reader.channels > 0 else { throw SoundFileProblem("it has no sample rate or channels") }
        guard reader.frames > 0 else { throw SoundFileProblem("it holds no sound (0 frames)") }
        let seconds = Double(reader.frames) / Double(reader.sampleRate)
        let limit = use == .chime ? maximumChimeSeconds : maximumBedSeconds
        if seconds > limit {
            let what = use == .chime ? "a chime" : "a bed"
            throw SoundFileProblem("it lasts \(DurationParser.clock(seconds)), longer than \(DurationParser.clock(limit)), the most \(what) file may")
        }
        return reader
    }

    /// libsndfile's message as a reason: "System error : No such file or directory." reads
    /// "no such file or directory".
    static func reason(_ message: String) -> String {
        var text = Substring(message)
        for prefix in ["System error : ", "Error : "] where text.hasPrefix(prefix) { text = text.dropFirst(prefix.count) }
        while text.last == "." || text.last == " " { text = text.dropLast() }
        guard let first = text.first else { return "libsndfile cannot open it" }
        return first.lowercased() + text.dropFirst()
    }

    /// The file's channels at `sampleRate`: mixed to one (`channels` 1) or as left and right
    /// (`channels` 2: a mono file on both, a file of more channels its first two).
    static func read(_ path: String, as use: SoundFile.Use, channels: Int, sampleRate: Int) throws(SoundFileProblem) -> [[Float]] {
        let reader = try open(path, as: use)
        let interleaved: [Float]
        do {
            interleaved = try reader.readAll()
        } catch {
            throw SoundFileProblem(error.message)
        }
        let fileChannels = reader.channels
        let frames = interleaved.count / fileChannels
        guard frames > 0 else { throw SoundFileProblem("it holds no sound (0 frames)") }
        var out: [[Float]]
        if channels == 1 {
            var mono = [Float](repeating: 0, count: frames)
            let scale = 1 / Float(fileChannels)
            for n in 0..<frames {
                var sum: Float = 0
                for c in 0..<fileChannels { sum += interleaved[n * fileChannels + c] }
                mono[n] = sum * scale
            }
            out = [mono]
        } else {
            out = (0..<2).map { c in
                let source = min(c, fileChannels - 1)
                return (0..<frames).map { interleaved[$0 * fileChannels + source] }
            }
        }
        if reader.sampleRate != sampleRate {
            do {
                out = try out.map { (channel) throws(AudioIOError) in try SoxrResampler.resample(channel, from: reader.sampleRate, to: sampleRate) }
            } catch {
                throw SoundFileProblem(error.message)
            }
        }
        guard out.allSatisfy({ $0.allSatisfy(\.isFinite) }) else { throw SoundFileProblem("it holds samples that are not numbers") }
        return out
    }
}
