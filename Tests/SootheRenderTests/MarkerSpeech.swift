import Foundation
import SootheCore
import SootheRender
import SootheSpeech

/// A fake voice whose phrases are known signals of known lengths: it is both the timeline's
/// `SpeechTiming` and the renderer's `SpeechClipProvider`, so the two always agree.
///
/// A phrase lasts `base + perCharacter × characters` seconds (deliberately not whole
/// milliseconds). Its samples are either a cosine of `frequency` Hz at `amplitude` starting at its
/// crest (so the clip's very first sample is loud), or silence.
struct MarkerSpeech: SpeechTiming, SpeechClipProvider {
    enum Signal: Sendable {
        case cosine(frequency: Double, amplitude: Float)
        case silence
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
        }
    }
}
