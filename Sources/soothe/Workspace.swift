import ArgumentParser
import Foundation
import SootheAudioIO
import SootheCore
import SootheRender
import SootheSpeech

/// What every command needs: where the built-ins are, the voices, and how speech is timed.
struct Workspace {
    let home: SootheHome
    /// Where voice profiles are looked for.
    let voicePath: VoiceSearchPath
    /// The profiles any session can use: the user's folders' and the built-ins'.
    let voices: VoiceLibrary
    /// A profile that replaces every script's `voice:` (`--voice`).
    let voiceOverride: String?

    /// `voice`: a profile that replaces every script's `voice:` (`--voice`, or what `option`
    /// names); one that is in none of the folders (the user's, the built-ins, those beside the
    /// script files in `scripts`) is bad usage (64), said with the profiles there are.
    init(voice: String? = nil, option: String = "--voice", scripts: [String] = []) throws {
        home = SootheHome.locate()
        Speech.installVariants(from: home.voicesDirectory)
        voicePath = VoiceSearchPath.locate(home: home)
        voices = voicePath.library(besideScript: nil)
        voiceOverride = voice
        if let voice {
            var names = Set(voices.allNames)
            var usable = voices.profiles[voice] != nil
            for script in scripts where script != "-" && FileManager.default.fileExists(atPath: script) {
                let beside = voicePath.library(besideScript: script)
                names.formUnion(beside.allNames)
                usable = usable || beside.profiles[voice] != nil
            }
            guard names.contains(voice) else {
                let sorted = names.sorted()
                Console.fail("\(option): unknown voice profile '\(ControlCharacters.escaped(voice))'\(Suggestions.didYouMean(voice, in: sorted)) (profiles: \(sorted.joined(separator: ", ")); 'soothe voices' lists them with their folders)")
                throw ExitStatus.usage
            }
            if !usable, let problems = voices.invalid[voice] {
                // A profile file with errors, and no usable one of that name: its errors, located in it.
                Console.diagnostics(problems)
                Console.fail("\(option): voice profile '\(ControlCharacters.escaped(voice))' (\(voices.files[voice] ?? "?")) has errors, so it cannot be used")
                throw ExitStatus.invalidScript
            }
        }
    }

    /// The profiles a session read from `source` can use: those beside its script first.
    func voices(for source: SessionSource?) -> VoiceLibrary {
        guard let source, !source.isStandardInput else { return voices }
        return voicePath.library(besideScript: source.path)
    }

    /// A loader for the session in `source`: its voices, `--voice`, and `timing` (default: real speech).
    func loader(for source: SessionSource?, timing: any SpeechTiming = Speech.synthesizer) -> SessionLoader {
        SessionLoader(
            voices: voices(for: source), timing: timing, voiceOverride: voiceOverride, sounds: SoundFileReading(),
            homeFolder: ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 })
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
            result = try loader(for: source).load(source)
        } catch {
            Console.fail(error.description)
            throw error.status
        }
        Console.diagnostics(result.diagnostics)
        try Self.checkSpeech(result)
        guard let timeline = result.timeline else { throw ExitStatus.invalidScript }
        return timeline
    }

    /// Builds a script made as a value; prints its diagnostics; throws 65 when it has errors,
    /// 71 when speech cannot be had.
    func timeline(of script: Script) throws -> Timeline {
        let result = loader(for: nil).build(script)
        Console.diagnostics(result.diagnostics)
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
