import ArgumentParser
import Foundation
import SootheAudioIO
import SootheCore
import SootheSpeech

/// What every command needs: where the built-ins are, the voices, and how speech is timed.
struct Workspace {
    let home: SootheHome
    let voices: VoiceLibrary
    let loader: SessionLoader

    /// `voice`: a profile that replaces every script's `voice:` (`--voice`); one that does not
    /// exist is bad usage (64), said with the profiles there are.
    init(voice: String? = nil) throws {
        home = SootheHome.locate()
        Speech.installVariants(from: home.voicesDirectory)
        var voices = home.voicesDirectory.map(VoiceLibrary.load(directory:)) ?? VoiceLibrary(profiles: [:])
        if voices.profiles.isEmpty { voices.profiles[VoiceProfile.fallback.name] = .fallback }
        self.voices = voices
        if let voice, voices.profiles[voice] == nil {
            let names = voices.names
            Console.fail("--voice: unknown voice profile '\(ControlCharacters.escaped(voice))'\(Suggestions.didYouMean(voice, in: names)) (profiles: \(names.joined(separator: ", ")))")
            throw ExitStatus.usage
        }
        loader = SessionLoader(voices: voices, timing: Speech.synthesizer, voiceOverride: voice)
    }

    /// Resolves a SESSION argument or throws exit status 66 after saying why.
    func source(_ argument: String) throws -> SessionSource {
        do {
            return try SessionSource.resolve(argument, sessionsDirectory: home.sessionsDirectory)
        } catch {
            Console.fail(error.description)
            throw ExitStatus.notFound
        }
    }

    /// Loads a session; prints its diagnostics; throws 65 when it has errors.
    func timeline(_ argument: String) throws -> Timeline {
        let source = try source(argument)
        let result: SessionLoader.Result
        do {
            result = try loader.load(source)
        } catch {
            Console.fail(error.description)
            throw error.status
        }
        Console.diagnostics(voices.diagnostics + result.diagnostics)
        try Self.checkSpeech(result)
        guard let timeline = result.timeline else { throw ExitStatus.invalidScript }
        return timeline
    }

    /// Builds a script made as a value; prints its diagnostics; throws 65 when it has errors,
    /// 71 when speech cannot be had.
    func timeline(of script: Script) throws -> Timeline {
        let result = loader.build(script)
        Console.diagnostics(voices.diagnostics + result.diagnostics)
        try Self.checkSpeech(result)
        guard let timeline = result.timeline else { throw ExitStatus.invalidScript }
        return timeline
    }

    /// Throws exit status 71 after saying why when speech could not be had for `result` (a
    /// failure of the machine, reported as such, not as a problem of the script).
    static func checkSpeech(_ result: SessionLoader.Result) throws {
        guard let unavailable = result.speechUnavailable else { return }
        Console.fail(unavailable.description)
        throw ExitStatus.systemError
    }

    /// What a batch knows of its sessions before rendering any: each one's script path and id
    /// (nil when it cannot be found or loaded), and an order, longest first by a length estimated
    /// without speaking (words at a steady pace; unknown or broken sessions count as 0), ties in
    /// the given order: a batch that starts long sessions first ends with short ones, so its
    /// workers finish together.
    func survey(_ names: [String]) -> (order: [Int], paths: [String?], ids: [String?]) {
        let estimator = SessionLoader(voices: voices, timing: EstimatedSpeechTiming())
        let sources = names.map { try? SessionSource.resolve($0, sessionsDirectory: home.sessionsDirectory) }
        let timelines = sources.map { source in source.flatMap { try? estimator.load($0).timeline } }
        let lengths = timelines.map { $0?.duration ?? 0 }
        let order = names.indices.sorted { (lengths[$0], $1) > (lengths[$1], $0) }
        return (order, sources.map { $0?.path }, timelines.map { $0?.id })
    }

    /// Writes `text` to `path` atomically (a temporary file renamed into place), or throws 73.
    static func writeText(_ text: String, to path: String) throws {
        do {
            try TextFileWriter.write(text, to: path)
        } catch {
            Console.fail("cannot write \(error)")
            throw ExitCode(ExitStatus.forSystemError(error.systemCode) ?? ExitStatus.cannotCreate.rawValue)
        }
    }
}
