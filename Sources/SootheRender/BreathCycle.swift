import SootheCore
import SootheDSP

/// One breath cycle of the breath tone: an inhale and everything up to the next inhale, placed
/// at the frame of its first cue.
///
/// A cycle starts and ends at (near) silence — the level glides to zero through the exhale and
/// rests there — so cycles rendered apart join without a click, and a cycle that repeats can be
/// rendered once and replayed.
struct BreathCycle: Sendable {
    /// Frame of the file where the cycle starts: its first cue's start, rounded (placing each
    /// cycle from its own start time, long sections never drift).
    var start: Int
    /// Its phases, zero-length ones dropped.
    var segments: [BreathTone.Segment]
    /// Which cycles sound the same.
    var key: BreathCycleKey
    /// Seed of the cycle's breath noise.
    var seed: UInt64
    /// Index of its rendering in the cache, or nil when it streams from its own `BreathTone`.
    var rendering: Int?

    /// The cycles of `timeline`'s breath tone, in order, each seeded from `seed`, its step and
    /// its index among the step's cycles.
    ///
    /// Contiguous tone phases of one step form a run (as one `BreathTone` did before); a run is
    /// cut at each inhale, and anything before a run's first inhale belongs to its first cycle.
    /// Cycles of zero frames are left out.
    static func cycles(of timeline: Timeline, sampleRate: Int, seed: UInt64, gain: Float) -> [BreathCycle] {
        let rate = Double(sampleRate)
        var cycles: [BreathCycle] = []
        var cyclesInStep: [Int: Int] = [:]
        var open: (step: Int, start: Double, end: Double, segments: [BreathTone.Segment], inhaled: Bool)?

        func close() {
            guard let run = open else { return }
            open = nil
            let index = cyclesInStep[run.step, default: 0]
            cyclesInStep[run.step] = index + 1
            let segments = run.segments.filter { $0.duration > 0 }
            let probe = BreathTone(segments: segments, sampleRate: rate, seed: 0)
            guard probe.frameCount > 0 else { return }
            cycles.append(BreathCycle(
                start: Int((run.start * rate).rounded()), segments: segments,
                key: BreathCycleKey(tone: probe, segments: segments, gain: gain),
                seed: SplitMix64.derive(SplitMix64.derive(seed, UInt64(0x1000 + run.step)), UInt64(index))))
        }

        for cue in timeline.cues {
            guard case .breath(let breath) = cue.event, breath.tone else { continue }
            let phase = breath.phase
            let segment = BreathTone.Segment(phase: MixEngine.tonePhase(phase), duration: cue.duration)
            if let run = open, run.step == cue.step, abs(run.end - cue.start) < 1e-6, !(phase == .inhale && run.inhaled) {
                open!.segments.append(segment)
                open!.end = cue.end
                open!.inhaled = run.inhaled || phase == .inhale
            } else {
                close()
                open = (cue.step, cue.start, cue.end, [segment], phase == .inhale)
            }
        }
        close()
        return cycles
    }
}
