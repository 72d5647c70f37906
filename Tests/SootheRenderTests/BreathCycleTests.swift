import SootheCore
import SootheDSP
@testable import SootheRender
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
        // A constant pattern replays one rendering; a changing one streams every cycle.
        #expect(cache.renderings.count == (c.to == nil ? 1 : 0))
        #expect(cache.cycles.allSatisfy { ($0.rendering != nil) == (c.to == nil) })
        let x = try ToneTrack.mix(timeline, options: options, cache: cache)
        let step = ToneTrack.largestStep(x)
        #expect(step < 0.005, "largest step \(step)")
        // Every join is at (near) silence, and every cycle sounds.
        let peak = ToneTrack.peak(x[...])
        let edge = c.rate / 200  // 5 ms either side
        for (k, cycle) in cache.cycles.enumerated() {
            let around = x[max(0, cycle.start - edge)..<min(x.count, cycle.start + edge)]
            #expect(ToneTrack.peak(around) < 0.01 * peak, "join of cycle \(k): \(ToneTrack.peak(around)) vs \(peak)")
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
        let reference = Array(x[first.start..<(first.start + n)])
        #expect(ToneTrack.rms(reference[...]) > 0.01)
        for (k, cycle) in cache.cycles.enumerated() {
            #expect(cycle.key == first.key && cycle.seed == first.seed && cycle.rendering == 0)
            #expect(cycle.start == first.start + k * n)
            #expect(Array(x[cycle.start..<(cycle.start + n)]) == reference, "cycle \(k) differs")
        }
        // The replay is exactly what streaming the cycle's own tone gives.
        var tone = BreathTone(segments: first.segments, sampleRate: Double(rate), seed: first.seed)
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
            #expect(zip(cycle.segments, cues).allSatisfy { abs($0.duration - $1.duration) < 1e-12 })
            #expect(cycle.start == Int((cues[0].start * Double(rate)).rounded()))
            // Cycles lengthen, and each ends within a frame of where the next begins: no drift.
            #expect(cycle.key.frameCount > previousLength)
            previousLength = cycle.key.frameCount
            let end = Int((cues.last!.end * Double(rate)).rounded())
            #expect(abs(cycle.start + cycle.key.frameCount - end) <= 1)
        }
        // The mix follows the cycles: loud mid-inhale, silent at each join.
        let x = try ToneTrack.mix(timeline, options: options, cache: cache)
        let peak = ToneTrack.peak(x[...])
        for cycle in cache.cycles {
            let inhaleEnd = cycle.key.segmentStarts[1]
            let loud = x[(cycle.start + inhaleEnd - rate / 2)..<(cycle.start + inhaleEnd)]
            #expect(ToneTrack.rms(loud) > 0.2 * Double(peak))
            #expect(abs(x[cycle.start]) < 1e-4 * peak)
        }
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
