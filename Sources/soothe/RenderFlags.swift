import ArgumentParser
import Foundation
import SootheAudioIO
import SootheCore
import SootheRender

/// Options shared by `render` and `breathe`.
struct RenderFlags: ParsableArguments {
    @Option(name: .shortAndLong, help: "A file for one session, a folder for several (default: out/ID.EXT).")
    var output: String?

    @Option(help: "wav, flac, ogg (Vorbis), opus or mp3 (default: from the file extension, else wav).")
    var format: AudioFileFormat?

    @Option(help: "Sample rate in Hz, 22050–96000.")
    var sampleRate: Int = 48000

    @Option(help: "1 or 2.")
    var channels: Int = 2

    @Option(help: "Lossy formats: the codec's quality, 0-1 (default: Opus about 64 kb/s; MP3 128 kb/s stereo, 96 mono; Vorbis 0.4).")
    var quality: Double?

    @Option(help: "Opus (8-256) and MP3 (32-320): the bitrate in kb/s instead of --quality.")
    var bitrate: Int?

    @Option(help: "WAV/FLAC: 16 or 24; WAV also float.")
    var bitDepth: SampleEncoding = .pcm16

    // Unconditional, so `--loudness -23` reads -23 rather than taking it for an option.
    @Option(parsing: .unconditional, help: "Integrated loudness target in LUFS (true peak kept at or below -1 dBTP).")
    var loudness: Double = -16

    @Flag(help: "Also write ID.vtt captions beside the audio.")
    var captions = false

    @Flag(help: "Also write ID.chapters.vtt, a chapter list, beside the audio.")
    var chapters = false

    @Flag(help: "Also write ID.html beside the audio: the timeline with a player (implies --captions).")
    var html = false

    /// Also write `ID.chapters.json` (Podcasting 2.0 chapters) beside the audio: set by `--site`.
    var podcastChapters = false

    @Option(help: "The album the files are tagged with, so a player files them together (default: soothe).")
    var album: String?

    @Option(help: "The artist the files are tagged with (default: soothe).")
    var artist: String?

    @Option(help: ArgumentHelp("A PNG or JPEG picture embedded as the cover (MP3, FLAC, Ogg Vorbis, Opus; WAV has none).", valueName: "image"))
    var cover: String?

    @Option(help: "Seed for noise and variation: the same inputs give the same bytes.")
    var seed: UInt64 = RenderOptions.defaultSeed

    @Flag(name: .shortAndLong, help: "No progress output, and nothing on stdout on success (a batch's --json still prints).")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Progress even when stderr is not a terminal.")
    var verbose = false

    func validate() throws {
        if let problem = Self.sourceDateEpochProblem() { throw ValidationError(problem) }
        for (flag, value) in [("--album", album), ("--artist", artist)] {
            guard let value else { continue }
            if value.allSatisfy(\.isWhitespace) { throw ValidationError("\(flag) is empty: give a name, or leave \(flag) out (default: soothe)") }
            if ControlCharacters.first(in: value) != nil {
                throw ValidationError("\(flag) holds a control character ('\(ControlCharacters.escaped(value))'): give plain text")
            }
        }
        // A cover that cannot be used stops the command before anything renders (66 or 65).
        if let cover { _ = try CoverFile.load(cover) }
        // Rate, channels and loudness are checked where rendering checks them (RenderOptions),
        // together with the format's own limits (Opus rates, FLAC depths).
        let chosen = format(for: output)
        if quality != nil, bitrate != nil {
            throw ValidationError("--quality and --bitrate both set the codec's quality: give one of them")
        }
        if let quality {
            guard chosen.isLossy else { throw ValidationError("--quality applies to Ogg Vorbis, Opus and MP3; \(chosen.rawValue) is lossless (leave --quality out)") }
            guard quality.isFinite, (0...1).contains(quality) else { throw ValidationError("--quality must be between 0 and 1, got \(quality)") }
        }
        if let bitrate {
            guard let range = chosen.bitrateRange else {
                throw ValidationError("--bitrate applies to Opus and MP3; for \(chosen.rawValue) \(chosen.isLossy ? "use --quality" : "leave it out: the format is lossless")")
            }
            guard range.contains(bitrate) else {
                throw ValidationError("--bitrate for \(chosen.rawValue) must be between \(range.lowerBound) and \(range.upperBound) kb/s, got \(bitrate)")
            }
        }
        try checkCombination(chosen)
        if chosen.isLossy, bitDepth != .pcm16 {
            throw ValidationError("--bit-depth applies to WAV and FLAC only; \(chosen.rawValue) is a lossy format (leave --bit-depth out)")
        }
    }

    /// The format for an output path.
    func format(for path: String?) -> AudioFileFormat {
        format ?? path.flatMap { AudioFileFormat(path: $0) } ?? .wav
    }

    /// Render options for a format.
    func options(format: AudioFileFormat) -> RenderOptions {
        var options = RenderOptions(
            format: format, sampleRate: sampleRate, channels: channels, encoding: bitDepth, loudness: loudness,
            seed: seed, quality: quality ?? bitrate.flatMap { format.quality(forBitrate: $0, channels: channels) }, date: RenderFlags.dateTag())
        options.album = album
        options.artist = artist
        // Read and checked by `validate()`, so this finds it loaded.
        options.cover = cover.flatMap { try? CoverFile.load($0) }
        return options
    }

    func checkCombination(_ format: AudioFileFormat) throws {
        do {
            try options(format: format).validate()
        } catch {
            throw ValidationError(OptionAdvice.message(for: error))
        }
    }

    /// Whether to show progress.
    var showProgress: Bool { !quiet && (verbose || Console.stderrIsTerminal) }

    /// Why `SOURCE_DATE_EPOCH` cannot be used, or nil when it is unset or a non-negative
    /// integer of seconds (as the reproducible-builds specification says it must be).
    static func sourceDateEpochProblem() -> String? {
        guard let value = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] else { return nil }
        let digits = !value.isEmpty && value.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        guard digits, let seconds = Int(value), seconds <= 253_402_300_799 else {
            return "SOURCE_DATE_EPOCH must be a non-negative whole number of seconds since 1970 (at most year 9999), got '\(ControlCharacters.escaped(value))'"
        }
        return nil
    }

    /// Today's date (or `SOURCE_DATE_EPOCH`'s, for reproducible builds) as YYYY-MM-DD.
    static func dateTag() -> String {
        let environment = ProcessInfo.processInfo.environment
        let date = environment["SOURCE_DATE_EPOCH"].flatMap(Int.init).map { Date(timeIntervalSince1970: Double($0)) } ?? Date()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }
}

extension AudioFileFormat: ExpressibleByArgument {}

extension SampleEncoding: ExpressibleByArgument {}
