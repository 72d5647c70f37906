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

    /// Half the largest third difference: a click detector (as in the SootheDSP breath-tone
    /// tests). Smooth audio-rate sounds stay far under 0.005; a step or a kink does not.
    static func largestStep(_ x: [Float]) -> Double {
        var worst = 0.0
        // Treat the signal as starting and ending in silence, so edges count too.
        let padded = [Float](repeating: 0, count: 3) + x + [Float](repeating: 0, count: 3)
        for n in 3..<padded.count {
            let d = Double(padded[n]) - 3 * Double(padded[n - 1]) + 3 * Double(padded[n - 2]) - Double(padded[n - 3])
            worst = max(worst, abs(d) / 2)
        }
        return worst
    }

    /// `largestStep` inside `x` only (its ends are not taken for edges): for a window around a join.
    static func largestInnerStep(_ x: ArraySlice<Float>) -> Double {
        let y = Array(x)
        var worst = 0.0
        for n in stride(from: 3, to: y.count, by: 1) {
            let d = Double(y[n]) - 3 * Double(y[n - 1]) + 3 * Double(y[n - 2]) - Double(y[n - 3])
            worst = max(worst, abs(d) / 2)
        }
        return worst
    }

    static func peak(_ x: ArraySlice<Float>) -> Float { x.reduce(0) { max($0, abs($1)) } }

    static func rms(_ x: ArraySlice<Float>) -> Double {
        (x.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(max(x.count, 1))).squareRoot()
    }
}
