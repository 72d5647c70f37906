import Foundation
import SootheCore

/// A first guess of a mix's integrated loudness from its cue sheet alone, so that the mixing
/// pass's gain usually lands close enough for the spooled correction (see `SessionRenderer`).
///
/// Each layer's loudness at its mix level was measured with `soothe sounds` (integrated, LUFS):
/// speech `MixLevels.speechLoudness`, the standard breath tone through inhale and exhale -22 (-27 on a hold, -32 at rest),
/// a chime over its ring -24, an ambience bed -36. The guess is the energy average over the
/// time something other than the bed sounds. A guess too quiet for the limiter costs one more pass, never a wrong level.
enum LoudnessGuess {
    static func integrated(_ timeline: Timeline) -> Double {
        func power(_ lufs: Double) -> Double { pow(10, lufs / 10) }
        var energy = 0.0
        var sounding = 0.0
        for cue in timeline.cues {
            let seconds = max(0, cue.duration)
            switch cue.event {
            case .speech(let speech):
                energy += seconds * power(MixLevels.speechLoudness + speech.level)
                sounding += seconds
            case .breath(let breath) where breath.tone.sounds:
                let level = breath.tone.level
                switch breath.phase {
                case .inhale, .topUp, .exhale: energy += seconds * power(-22 + level)
                case .hold: energy += seconds * power(-27 + level)
                case .rest: energy += seconds * power(-32 + level)
                }
                sounding += seconds
            case .chime(let chime):
                energy += seconds * power(-24 + chime.level)
                sounding += seconds
            case .breath, .pause:
                break
            }
        }
        sounding = min(sounding, timeline.duration)
        if let ambience = timeline.ambience {
            // Stretches where only the bed plays fall under the relative gate (10 LU under the
            // rest), so the bed counts only where something else sounds too.
            let bed = power(MixLevels.ambienceLoudness(ambience.sound) + ambience.level)
            if sounding == 0 { return 10 * log10(bed) }
            energy += sounding * bed
        }
        guard sounding > 0, energy > 0 else { return MixLevels.speechLoudness }
        return 10 * log10(energy / sounding)
    }

    /// The gain in dB for the first mixing pass: to the target from the guess, plus what the
    /// limiter is expected to take back (readings move about 0.9 dB per dB of gain).
    static func firstGain(_ timeline: Timeline, target: Double) -> Double {
        let raw = target - integrated(timeline)
        return raw > 0 ? raw / 0.95 : raw
    }
}
