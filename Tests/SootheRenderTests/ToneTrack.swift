import SootheCore
@testable import SootheRender

/// Breathing scripts and their mixes, for the breath-cycle tests.
enum ToneTrack {
    /// A script of `breathe` steps, each `(pattern, to, cycles, prompted)`, one after another.
    static func script(_ sections: [(pattern: String, to: String?, cycles: Int, prompted: Bool)]) -> String {
        var lines = ["title: Cycles", "steps:"]
        for section in sections {
            var item = "  - breathe: {pattern: \"\(section.pattern)\", cycles: \(section.cycles)"
            if let to = section.to { item += ", to: \"\(to)\"" }
            if section.prompted { item += ", prompts: {inhale: In, exhale: Out}, prompt-cycles: 1" }
            lines.append(item + "}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One `breathe` step of `cycles` cycles, no prompts.
    static func script(_ pattern: String, cycles: Int, to: String? = nil) -> String {
        script([(pattern, to, cycles, false)])
    }

    static func options(rate: Int, channels: Int = 1, blockFrames: Int = 4096, seed: UInt64 = RenderOptions.defaultSeed) -> RenderOptions {
        RenderOptions(format: .wav, sampleRate: rate, channels: channels, seed: seed, blockFrames: blockFrames)
    }

    /// Every frame of `timeline`'s mix, interleaved in the engine's channels, with `cache`.
    static func mix(_ timeline: Timeline, options: RenderOptions, cache: BreathCycleCache? = nil) throws -> [Float] {
        var engine = try MixEngine(timeline: timeline, options: options, speech: Sessions.voice, breathCycles: cache)
        var out: [Float] = []
        out.reserveCapacity(engine.totalFrames * engine.channels)
        var buffer = [Float](repeating: 0, count: options.blockFrames * engine.channels)
        while true {
            let frames = buffer.withUnsafeMutableBufferPointer { engine.renderBlock(into: $0) }
            if frames == 0 { break }
            out.append(contentsOf: buffer[0..<(frames * engine.channels)])
        }
        return out
    }

    static func peak(_ x: ArraySlice<Float>) -> Float { x.reduce(0) { max($0, abs($1)) } }

    static func rms(_ x: ArraySlice<Float>) -> Double {
        (x.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(max(x.count, 1))).squareRoot()
    }
}
