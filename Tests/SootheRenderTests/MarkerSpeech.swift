import Foundation
import SootheCore
import SootheRender

/// A fake voice whose phrases are known signals of known lengths: it is both the timeline's
/// `SpeechTiming` and the renderer's `SpeechClipProvider`, so the two always agree.
///
/// A phrase lasts `base + perCharacter × characters` seconds (deliberately not whole
/// milliseconds). Its samples are a cosine of `frequency` Hz at `amplitude` starting at its crest
/// (so the clip's very first sample is loud), silence, or something shaped like a voice: a buzz
/// at a speaking pitch, rich in harmonics and peaky (its peaks stand well over its loudness, as
/// espeak-ng's do), in syllable-rate bursts.
struct MarkerSpeech: SpeechTiming, SpeechClipProvider {
    enum Signal: Sendable {
        case cosine(frequency: Double, amplitude: Float)
        case silence
        case voiceLike
    }

    var signal: Signal
    var base = 0.8
    var perCharacter = 0.01237

    func speechDuration(of text: String, voice: VoiceProfile) throws -> Double {
        base + perCharacter * Double(text.count)
    }

    func clip(for text: String, voice: VoiceProfile, sampleRate: Int) throws -> SpeechClip {
        let count = Int((try speechDuration(of: text, voice: voice) * Double(sampleRate)).rounded())
        switch signal {
        case .silence:
            return SpeechClip(samples: [Float](repeating: 0, count: count), sampleRate: sampleRate)
        case .cosine(let frequency, let amplitude):
            let step = 2 * Double.pi * frequency / Double(sampleRate)
            let samples = (0..<count).map { n in amplitude * Float(cos(step * Double(n))) }
            return SpeechClip(samples: samples, sampleRate: sampleRate)
        case .voiceLike:
            // Schroeder phases keep the buzz's crest near a voice's: its peaks sit about 16 dB
            // over its loudness, which is about espeak-ng's at unity gain (-18 LUFS).
            let pitch = 140.0, syllables = 4.0, harmonics = 24
            let samples = (0..<count).map { n -> Float in
                let t = Double(n) / Double(sampleRate)
                var buzz = 0.0
                for k in 1...harmonics where Double(k) * pitch < Double(sampleRate) / 2 {
                    let phase = Double.pi * Double(k * k) / Double(harmonics)
                    buzz += cos(2 * Double.pi * pitch * Double(k) * t + phase) / Double(k)
                }
                let burst = max(0, sin(2 * Double.pi * syllables * t))
                return Float(0.37 * buzz * burst * burst * burst)
            }
            return SpeechClip(samples: samples, sampleRate: sampleRate)
        }
    }
}
