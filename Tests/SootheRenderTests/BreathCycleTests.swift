import SootheCore
import SootheDSP
@testable import SootheRender
import SootheTestSupport
import Testing

/// The breath tone as cycles: each repeated cycle rendered once and replayed, the others
/// streamed; joins click-free, placement exact, memory bounded.
@Suite struct BreathCycleTests {
    struct JoinCase: CustomTestStringConvertible, Sendable {
        var pattern: String
        var to: String?
        var rate: Int
        var testDescription: String { "\(pattern)\(to.map { " to \($0)" } ?? "") at \(rate) Hz" }
    }

    static let joinCases = [
        JoinCase(pattern: "4-7-8", rate: 48_000),
        JoinCase(pattern: "box", rate: 48_000),
        JoinCase(pattern: "5.5-0-5.5-0", rate: 48_000),
        JoinCase(pattern: "sigh", rate: 48_000),
        JoinCase(pattern: "4-0-4-0", to: "6-2-8-1", rate: 48_000),
        JoinCase(pattern: "4.3-0-5.7-0", rate: 44_100),
        JoinCase(pattern: "4.3-1.1-4.3-0.7", rate: 22_050),
        JoinCase(pattern: "2.3+0.7-0-4.3-0.35", rate: 22_050),
        JoinCase(pattern: "4.3-0-4.3-0", to: "5.1-0.4-6.9-0", rate: 44_100),
    ]

    @Test(arguments: joinCases)
    func joinsAreClickFree(_ c: JoinCase) throws {
        let timeline = try Sessions.timeline(ToneTrack.script(c.pattern, cycles: 4, to: c.to))
        let options = ToneTrack.options(rate: c.rate)
        let cache = BreathCycleCache(timeline: timeline, options: options)
        #expect(cache.cycles.count == 4)
        // A constant pattern replays one rendering (two when its cycles, each ending on the
        // frame where the next begins, alternate between lengths a frame apart); a changing one
        // streams every cycle.
        let lengths = Set(cache.cycles.map(\.key.frameCount))
        if c.to == nil {
            #expect(lengths.count <= 2 && lengths.max()! - lengths.min()! <= 1)
            #expect(cache.renderings.count >= 1 && cache.renderings.count <= lengths.count)
            #expect(cache.cycles.filter { $0.rendering == nil }.count <= 1)
        } else {
            #expect(cache.renderings.isEmpty && cache.cycles.allSatisfy { $0.rendering == nil })
        }
        let x = try ToneTrack.mix(timeline, options: options, cache: cache)
        let step = ClickDetector.largestStep(x)
        #expect(step < 0.005, "largest step \(step)")
        // Each cycle begins on the frame where the last ended, and continues it: no step at a
        // join (a phase or level mismatch at the quiet floor would be tens of times this), no
        // dip, and every cycle sounds.
        let peak = ToneTrack.peak(x[...])
        let edge = c.rate / 200  // 5 ms either side
        for (k, cycle) in cache.cycles.enumerated() {
            #expect(cycle.fadeIn == (k == 0) && cycle.fadeOut == (k == cache.cycles.count - 1))
            if k > 0 {
                let previous = cache.cycles[k - 1]
                #expect(previous.start + previous.key.frameCount == cycle.start, "cycle \(k) does not start where \(k - 1) ends")
                let around = x[(cycle.start - edge)..<(cycle.start + edge)]
                let joinStep = ClickDetector.largestInnerStep(around)
                #expect(joinStep < 0.000_5, "join of cycle \(k): step \(joinStep)")
                #expect(ToneTrack.rms(around) > 0.05 * Double(peak), "join of cycle \(k) dips")
            }
            let body = x[cycle.start..<min(x.count, cycle.start + cycle.key.frameCount)]
            #expect(ToneTrack.rms(body) > 0.05 * Double(peak), "cycle \(k) is silent")
        }
    }

    @Test func aRepeatedCycleIsItsFirstOccurrence() throws {
        let rate = 44_100
        let timeline = try Sessions.timeline(ToneTrack.script("5.5-0-5.5-0", cycles: 5))
        let options = ToneTrack.options(rate: rate)
        let cache = BreathCycleCache(timeline: timeline, options: options)
        let x = try ToneTrack.mix(timeline, options: options, cache: cache)
        let first = try #require(cache.cycles.first)
        let n = first.key.frameCount
        #expect(n == 11 * rate)
        #expect(cache.cycles.count == 5)
        // The middle cycles sound alike; the first fades in and the last out, in the mix.
        let reference = Array(x[(first.start + n)..<(first.start + 2 * n)])
        #expect(ToneTrack.rms(reference[...]) > 0.01)
        for (k, cycle) in cache.cycles.enumerated() {
            #expect(cycle.key == first.key && cycle.seed == first.seed && cycle.rendering == 0)
            #expect(cycle.start == first.start + k * n)
            #expect(cycle.fadeIn == (k == 0) && cycle.fadeOut == (k == 4))
            let samples = Array(x[cycle.start..<(cycle.start + n)])
            #expect((samples == reference) == (k > 0 && k < 4), "cycle \(k)")
        }
        // The replay is exactly what streaming the cycle's own tone gives.
        var tone = first.tone(seed: first.seed, sampleRate: rate)
        var streamed = [Float](repeating: 0, count: n)
        streamed.withUnsafeMutableBufferPointer { tone.render(adding: $0, gain: MixLevels.breathTone) }
        #expect(streamed == reference)
        // Seeds come from the options' seed, not from anything random per process.
        let again = BreathCycleCache(timeline: timeline, options: options)
        #expect(again.renderings == cache.renderings)
        let reseeded = BreathCycleCache(timeline: timeline, options: ToneTrack.options(rate: rate, seed: 7))
        #expect(reseeded.renderings != cache.renderings)
    }

    /// Several sections, some prompted (so the tone dips under speech), a `to:` among them.
    static let mixed: [(pattern: String, to: String?, cycles: Int, prompted: Bool)] = [
        ("4-7-8", nil, 3, true), ("box", nil, 2, false), ("5.5-0-5.5-0", nil, 3, true),
        ("4-0-4-0", "6-2-8-1", 4, false), ("sigh", nil, 2, false),
    ]

    @Test(arguments: [0, 1, 400_000, 700_000, BreathCycleCache.defaultLimit])
    func theLimitBoundsMemoryAndNeverChangesTheMix(_ limit: Int) throws {
        let timeline = try Sessions.timeline(ToneTrack.script(Self.mixed))
        let options = ToneTrack.options(rate: 22_050)
        let full = BreathCycleCache(timeline: timeline, options: options)
        // Every key that repeats is cached by default; the `to:` cycles are not.
        #expect(full.renderings.count == 4)
        #expect(full.cycles.filter { $0.rendering == nil }.count == 4)
        let reference = try ToneTrack.mix(timeline, options: options, cache: full)

        let cache = BreathCycleCache(timeline: timeline, options: options, limit: limit)
        #expect(cache.cachedSamples <= limit)
        var occurrences: [BreathCycleKey: Int] = [:]
        for cycle in cache.cycles { occurrences[cycle.key, default: 0] += 1 }
        for cycle in cache.cycles where cycle.rendering != nil {
            #expect(occurrences[cycle.key]! >= 2, "a cycle that occurs once is cached")
        }
        for blockFrames in [1000, 4096] {
            let x = try ToneTrack.mix(timeline, options: ToneTrack.options(rate: 22_050, blockFrames: blockFrames), cache: cache)
            #expect(x.count == reference.count)
            let differing = zip(x, reference).filter { $0 != $1 }.count
            #expect(differing == 0, "\(differing) samples differ with limit \(limit), \(blockFrames)-frame blocks")
        }
    }

    @Test func theCacheDoesNotGrowWithTheSession() throws {
        let options = ToneTrack.options(rate: 48_000)
        var sizes: [Int] = []
        for minutes in [4, 59] {
            let yaml = "title: Long\nsteps:\n  - breathe: {pattern: coherent, duration: \(minutes)m}\n"
            let cache = BreathCycleCache(timeline: try Sessions.timeline(yaml), options: options)
            #expect(cache.cycles.count == minutes * 6)
            #expect(cache.renderings.count == 1)
            sizes.append(cache.cachedSamples)
        }
        #expect(sizes[0] == sizes[1] && sizes[0] == 10 * 48_000)
    }

    @Test func aToSectionIsPlacedCycleByCycle() throws {
        let rate = 48_000
        let timeline = try Sessions.timeline(ToneTrack.script("4-0-4-0", cycles: 6, to: "6-2-8-1"))
        let options = ToneTrack.options(rate: rate)
        let cache = BreathCycleCache(timeline: timeline, options: options)
        let breaths = timeline.cues.filter { $0.kind == .breath }
        #expect(cache.cycles.count == 6)
        #expect(cache.renderings.isEmpty)
        var previousLength = 0
        for (k, cycle) in cache.cycles.enumerated() {
            let cues = breaths.filter { $0.breath?.cycle == k + 1 }
            // Its segments are its cues, and it starts at its inhale's frame.
            var phases: [BreathTone.Phase] = []
            for cue in cues { if let breath = cue.breath { phases.append(MixEngine.tonePhase(breath.phase)) } }
            #expect(cycle.segments.map(\.phase) == phases)
            // The last phase takes up the rounding: within a frame.
            #expect(zip(cycle.segments, cues).allSatisfy { abs($0.duration - $1.duration) < 1 / Double(rate) })
            #expect(cycle.start == Int((cues[0].start * Double(rate)).rounded()))
            // Cycles lengthen, and each ends on the frame where the next begins: no drift.
            #expect(cycle.key.frameCount > previousLength)
            previousLength = cycle.key.frameCount
            let end = Int((cues.last!.end * Double(rate)).rounded())
            #expect(cycle.start + cycle.key.frameCount == end)
        }
        // The mix follows the cycles: loud at the inhale's end, quiet (not silent) at each join.
        let x = try ToneTrack.mix(timeline, options: options, cache: cache)
        let peak = ToneTrack.peak(x[...])
        for cycle in cache.cycles.dropFirst() {
            let inhaleEnd = cycle.key.segmentStarts[1]
            let loud = x[(cycle.start + inhaleEnd - rate / 2)..<(cycle.start + inhaleEnd)]
            let join = x[(cycle.start - rate / 20)..<(cycle.start + rate / 20)]
            #expect(ToneTrack.rms(loud) > 0.2 * Double(peak))
            #expect(ToneTrack.rms(join) < 0.5 * ToneTrack.rms(loud) && ToneTrack.rms(join) > 0.02 * Double(peak))
        }
    }

    @Test func toneNoneSoundsNothingAndEachStyleIsItsOwnRendering() throws {
        let silent = try Sessions.timeline("title: T\nsteps:\n  - breathe: {pattern: box, cycles: 3, tone: none}\n")
        let options = ToneTrack.options(rate: 22_050)
        let none = BreathCycleCache(timeline: silent, options: options)
        #expect(none.cycles.isEmpty)
        #expect(try ToneTrack.mix(silent, options: options, cache: none).allSatisfy { $0 == 0 })
        var yaml = "title: T\nsteps:\n"
        for style in ["soft", "bright", "chime", "{style: soft, pitch: 262}", "{style: soft, level: -6}"] {
            yaml += "  - breathe: {pattern: box, cycles: 3, tone: \(style)}\n"
        }
        let styled = BreathCycleCache(timeline: try Sessions.timeline(yaml), options: options)
        #expect(styled.cycles.count == 15)
        #expect(Set(styled.cycles.map(\.key)).count == 5)
        #expect(styled.renderings.count == 5)
    }

    @Test func phasesBeforeTheFirstInhaleBelongToTheFirstCycle() throws {
        var timeline = try Sessions.timeline(ToneTrack.script("4-2-4-0", cycles: 3))
        let firstInhale = try #require(timeline.cues.firstIndex { $0.breath?.phase == .inhale })
        timeline.cues.remove(at: firstInhale)
        let cache = BreathCycleCache(timeline: timeline, options: ToneTrack.options(rate: 22_050))
        // hold, exhale | inhale, hold, exhale | inhale, hold, exhale: the first inhale's cycle
        // takes the phases before it.
        #expect(cache.cycles.count == 2)
        #expect(cache.cycles.map { $0.segments.map(\.phase) } == [[.hold, .exhale, .inhale, .hold, .exhale], [.inhale, .hold, .exhale]])
        #expect(cache.cycles.map(\.start) == [4 * 22_050, 20 * 22_050])
        #expect(cache.renderings.isEmpty)
    }
}
