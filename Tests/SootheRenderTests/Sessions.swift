import Foundation
import SootheCore
import SootheFormats
import Testing

/// Short session scripts and the timelines built from them.
enum Sessions {
    /// The package root, from this file's path (`Tests/SootheRenderTests/Sessions.swift`).
    static let packageRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The repository's voice profiles.
    static let voices: VoiceLibrary = {
        let folder = packageRoot + "/voices"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        return VoiceLibrary(files: names.map { ("\(folder)/\($0)", (try? String(contentsOfFile: "\(folder)/\($0)", encoding: .utf8)) ?? "") })
    }()

    /// The voice render tests speak with: no espeak-ng, but peaky, harmonic, in syllables.
    static let voice = MarkerSpeech(signal: .voiceLike)

    /// About 12 s with every layer: chime, speech, breath tone with prompts, ambience.
    static let everything = """
        title: Render Check
        summary: A short session that uses every layer.
        ambience: {sound: pink-noise, level: -30}
        steps:
          - chime: bell
          - say: Sit comfortably and let your shoulders drop.
          - breathe: {pattern: 2-0-3-0, cycles: 1, prompts: {inhale: In, exhale: Out}}
          - say: Notice how you feel.
          - pause: 1s

        """

    /// Speech only, with phrases of different lengths, a repeated phrase and gaps that are not
    /// whole milliseconds once the fake timing is applied.
    static let speechOnly = """
        title: Speech Only
        steps:
          - say: First.
          - pause: 0.5s
          - say: The second phrase is a good deal longer than the first.
            after: 1.2s
          - say: First.
          - pause: 0.3s
          - say: Last one.
          - pause: 1s

        """

    /// Ambience under two phrases with long gaps, so both undisturbed and ducked stretches last
    /// several seconds, clear of the bed's 4 s fade-in and 6 s fade-out.
    static let ducking = """
        title: Ducking
        ambience: {sound: pink-noise, level: -24}
        steps:
          - pause: 6s
          - say: \(String(repeating: "word ", count: 40))
          - pause: 5s
          - say: \(String(repeating: "more ", count: 40))
          - pause: 9s

        """

    /// The script of `timeline` (built from `ducking`) with every phrase replaced by a pause of its length.
    static func duckingWithoutSpeech(_ timeline: Timeline) -> String {
        let lengths = CueSheet.speechCues(timeline).map(\.duration)
        let (first, second) = (lengths.first ?? 1, lengths.last ?? 1)
        return """
            title: Ducking
            ambience: {sound: pink-noise, level: -24}
            steps:
              - pause: 6s
              - pause: \(first)
              - pause: 5s
              - pause: \(second)
              - pause: 9s

            """
    }

    /// Builds the timeline of `yaml` (timed by `timing`), or records the diagnostics and fails.
    static func timeline(_ yaml: String, id: String = "render-check", timing: any SpeechTiming = Sessions.voice) throws -> Timeline {
        let loader = SessionLoader(voices: voices, timing: timing)
        let result = loader.load(bytes: Array(yaml.utf8), file: "\(id).yaml", defaultID: id)
        return try #require(result.timeline, "\(result.diagnostics.map(\.description))")
    }

    /// Frames the file of `timeline` must hold at `rate`: the cue sheet's duration × rate.
    static func expectedFrames(_ timeline: Timeline, rate: Int) -> Int {
        Int((Timeline.milliseconds(timeline.duration) * Double(rate)).rounded())
    }
}
