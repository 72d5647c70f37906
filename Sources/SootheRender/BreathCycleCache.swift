import SootheCore
import SootheDSP

/// The breath tone of one timeline, as cycles, with every repeated cycle rendered once.
///
/// Almost every `breathe` section repeats one cycle, and the renderer may mix the session more
/// than once (a second pass when its first gain was too quiet). So the cache is built once per
/// render, is immutable, and is handed to each pass's `MixEngine`: a repeated cycle is synthesised once
/// for the whole render and replayed from memory like a speech clip; a cycle that occurs once
/// (as in `to:` sections, whose pattern changes every cycle) streams from its own `BreathTone`.
///
/// Cycles with the same key share the seed of their first occurrence, so whether a cycle is
/// replayed or streamed never changes a sample: the limit decides speed and memory only.
/// Memory is bounded independently of the session's length: only keys that occur at least twice
/// are rendered, those that save the most frames first, up to `limit` samples in all.
final class BreathCycleCache: Sendable {
    /// The default limit, in samples: 4 Mi (16 MB), 87 s of distinct repeated cycles at 48 kHz,
    /// several times what a session with a few `breathe` sections needs.
    static let defaultLimit = 4 << 20

    /// The cycles, in timeline order.
    let cycles: [BreathCycle]
    /// The rendered cycles (gain applied), indexed by `BreathCycle.rendering`.
    let renderings: [[Float]]
    /// The rate everything is rendered at.
    let sampleRate: Int
    /// The gain of the streamed cycles (the renderings have it already).
    let gain: Float

    /// Splits `timeline`'s breath tone into cycles and renders the repeated ones, at most
    /// `limit` samples in all.
    init(timeline: Timeline, options: RenderOptions, gain: Float = MixLevels.breathTone, limit: Int = defaultLimit) {
        sampleRate = options.sampleRate
        self.gain = gain
        var cycles = BreathCycle.cycles(of: timeline, sampleRate: options.sampleRate, seed: options.seed, gain: gain)

        // Group by key: every cycle takes its first occurrence's seed.
        var groups: [BreathCycleKey: (first: Int, count: Int)] = [:]
        for index in cycles.indices {
            let group = groups[cycles[index].key, default: (index, 0)]
            groups[cycles[index].key] = (group.first, group.count + 1)
            cycles[index].seed = cycles[group.first].seed
        }
        // The keys worth keeping, most frames saved first (ties: the earliest), within the limit.
        // Sorted on values only, so the choice never depends on the dictionary's order.
        let repeated = groups.values.filter { $0.count > 1 }.sorted {
            let a = ($0.count - 1) * cycles[$0.first].key.frameCount, b = ($1.count - 1) * cycles[$1.first].key.frameCount
            return a != b ? a > b : $0.first < $1.first
        }
        var chosen: [BreathCycleKey: Int] = [:]
        var renderings: [[Float]] = []
        var total = 0
        for group in repeated {
            let cycle = cycles[group.first]
            guard total + cycle.key.frameCount <= limit else { continue }
            total += cycle.key.frameCount
            var tone = cycle.tone(seed: cycle.seed, sampleRate: sampleRate)
            var samples = [Float](repeating: 0, count: tone.frameCount)
            samples.withUnsafeMutableBufferPointer { tone.render(adding: $0, gain: gain) }
            chosen[cycle.key] = renderings.count
            renderings.append(samples)
        }
        for index in cycles.indices {
            cycles[index].rendering = chosen[cycles[index].key]
        }
        self.cycles = cycles
        self.renderings = renderings
    }

    /// Samples held by the renderings.
    var cachedSamples: Int { renderings.reduce(0) { $0 + $1.count } }

    /// The cycles as mix events: replayed renderings (at unity gain: theirs is applied, and
    /// `x × 1` is exact, so a replay adds the very samples streaming would) or streamed tones.
    func events() -> [Schedule<BreathCycleSource>.Event] {
        cycles.map { cycle in
            if let rendering = cycle.rendering {
                return .init(
                    start: cycle.start,
                    source: BreathCycleSource(samples: renderings[rendering], fadeIn: cycle.fadeIn, fadeOut: cycle.fadeOut, sampleRate: sampleRate),
                    gain: 1)
            }
            let tone = cycle.tone(seed: cycle.seed, sampleRate: sampleRate)
            return .init(
                start: cycle.start, source: BreathCycleSource(tone: tone, fadeIn: cycle.fadeIn, fadeOut: cycle.fadeOut, sampleRate: sampleRate),
                gain: gain)
        }
    }
}
