import SootheCore
import SootheDSP

/// One breath cycle of the breath tone: an inhale and everything up to the next inhale, placed
/// at the frame of its first cue.
///
/// A cycle starts and ends at its voice's quiet floor with every oscillator at phase zero, and
/// the next cycle of its run starts on the very next frame, so cycles rendered apart join
/// sample for sample, and a cycle that repeats can be rendered once and replayed. Only a run's
/// first and last cycles fade in and out.
struct BreathCycle: Sendable {
    /// Frame of the file where the cycle starts: its first cue's start, rounded (placing each
    /// cycle from its own start time, long sections never drift).
    var start: Int
    /// Its phases, zero-length ones dropped.
    var segments: [BreathTone.Segment]
    /// How it sounds.
    var voice: BreathTone.Voice
    /// Whether it fades in (a run's first cycle) and out (a run's last).
    var fadeIn: Bool
    var fadeOut = true
    /// Which cycles sound the same.
    var key: BreathCycleKey
    /// Seed of the cycle's breath noise.
    var seed: UInt64
    /// Index of its rendering in the cache, or nil when it streams from its own `BreathTone`.
    var rendering: Int?

    /// A tone that renders the cycle from `seed`, without edge fades (`BreathCycleSource` fades
    /// a run's edges, so every cycle of a run can share one rendering).
    func tone(seed: UInt64, sampleRate: Int) -> BreathTone {
        BreathTone(segments: segments, sampleRate: Double(sampleRate), seed: seed, voice: voice, fadeIn: false, fadeOut: false)
    }

    /// The cycles of `timeline`'s breath tone, in order, each seeded from `seed`, its step and
    /// its index among the step's cycles.
    ///
    /// Contiguous tone phases of one step form a run (as one `BreathTone` did before); a run is
    /// cut at each inhale, and anything before a run's first inhale belongs to its first cycle.
    /// Cycles of zero frames are left out. A cycle ends on the frame where the next cycle of its
    /// run starts (its last phase takes up the rounding).
    static func cycles(of timeline: Timeline, sampleRate: Int, seed: UInt64, gain: Float) -> [BreathCycle] {
        let rate = Double(sampleRate)
        var cycles: [BreathCycle] = []
        var cyclesInStep: [Int: Int] = [:]
        var open: (step: Int, start: Double, end: Double, segments: [BreathTone.Segment], inhaled: Bool, tone: BreathToneSpec, continues: Bool)?

        func close() {
            guard let run = open else { return }
            open = nil
            let index = cyclesInStep[run.step, default: 0]
            cyclesInStep[run.step] = index + 1
            var segments = run.segments.filter { $0.duration > 0 }
            let start = Int((run.start * rate).rounded()), end = Int((run.end * rate).rounded())
            guard end > start, !segments.isEmpty else { return }
            let before = segments.dropLast().reduce(0.0) { $0 + $1.duration }
            segments[segments.count - 1].duration = Double(end - start) / rate - before
            let voice = BreathTone.Voice(run.tone)
            let continues = run.continues && cycles.last.map { $0.start + $0.key.frameCount == start } == true
            if continues { cycles[cycles.count - 1].fadeOut = false }
            let probe = BreathTone(segments: segments, sampleRate: rate, seed: 0)
            guard probe.frameCount > 0 else { return }
            cycles.append(BreathCycle(
                start: start, segments: segments, voice: voice, fadeIn: !continues,
                key: BreathCycleKey(tone: probe, segments: segments, voice: voice, gain: gain),
                seed: SplitMix64.derive(SplitMix64.derive(seed, UInt64(0x1000 + run.step)), UInt64(index))))
        }

        for cue in timeline.cues {
            guard case .breath(let breath) = cue.event, breath.tone.sounds else { continue }
            let phase = breath.phase
            let segment = BreathTone.Segment(phase: MixEngine.tonePhase(phase), duration: cue.duration)
            let joins = open.map { $0.step == cue.step && abs($0.end - cue.start) < 1e-6 } ?? false
            if let run = open, joins, !(phase == .inhale && run.inhaled) {
                open!.segments.append(segment)
                open!.end = cue.end
                open!.inhaled = run.inhaled || phase == .inhale
            } else {
                close()
                open = (cue.step, cue.start, cue.end, [segment], phase == .inhale, breath.tone, joins)
            }
        }
        close()
        return cycles
    }
}
