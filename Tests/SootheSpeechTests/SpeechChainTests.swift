import Foundation
import SootheCore
import Testing
@testable import SootheSpeech

@Suite("Phrase pacing and the speech chain, with the real espeak-ng and libsox")
struct SpeechChainTests {
    let synth = SpeechSynthesizer()
    static let text = "Let your shoulders soften, and feel the weight of your body resting on the ground."

    func voice(chain: SpeechChainSettings, clause: Double = 0, sentence: Double = 0) -> VoiceProfile {
        var voice = Fixtures.voice
        voice.wordGap = 0
        voice.chain = chain
        voice.clausePause = clause
        voice.sentencePause = sentence
        return voice
    }

    @Test func aClausePauseIsAnExactSilence() throws {
        let dry = SpeechChainSettings(enabled: false)
        let short = try synth.nativeClip(for: Self.text, voice: voice(chain: dry, clause: 0.5))
        let long = try synth.nativeClip(for: Self.text, voice: voice(chain: dry, clause: 1.25))
        // Everything but the pause is the same speech: the lengths differ by exactly 0.75 s.
        let difference = Int((1.25 * 22050).rounded()) - Int((0.5 * 22050).rounded())
        #expect(long.samples.count - short.samples.count == difference)
        #expect(Self.longestZeroRun(long.samples) >= Int(1.25 * 22050))
        // The words are all still there, and after the comma they start later by the difference.
        #expect(short.words.count == long.words.count && short.words.count >= 13)
        #expect(long.words.last!.frame - short.words.last!.frame == difference)
    }

    @Test func theChainLevelsPeaksAndSoftensTheBuzzWithoutMovingTheVoicesEnd() throws {
        let dry = try synth.nativeClip(for: Self.text, voice: voice(chain: SpeechChainSettings(enabled: false)))
        let processed = try synth.nativeClip(for: Self.text, voice: voice(chain: SpeechChainSettings(enabled: true)))
        #expect(processed.voiceFrames == dry.samples.count)
        #expect(processed.samples.count == dry.samples.count, "no room: no tail")
        #expect(processed.words.map(\.frame) == dry.words.map(\.frame))
        // Peaks drawn towards the speech: the dry voice's stand 15-16 dB over its active level.
        let crest = { (s: [Float]) in 20 * log10(Double(Fixtures.peak(s))) - SpeechPeakCeiling.activeLevel(s)! }
        #expect(crest(dry.samples) > SpeechPeakCeiling.crestDB + 3, "\(crest(dry.samples)) dB")
        #expect(crest(processed.samples) < crest(dry.samples) - 3, "\(crest(dry.samples)) -> \(crest(processed.samples)) dB")
        // espeak-ng's 2-6 kHz buzz against its body (300-1000 Hz): lower by at least 2 dB.
        let buzz = { (s: [Float]) in Self.bandEnergy(s, 2000...6000) / Self.bandEnergy(s, 300...1000) }
        let tilt = 10 * log10(buzz(processed.samples) / buzz(dry.samples))
        #expect(tilt < -2, "\(tilt) dB")
        // Kept in 16-bit steps, so the cache holds it exactly.
        #expect(processed.samples.allSatisfy { ($0 * 32768).rounded() == $0 * 32768 })
    }

    @Test func theRoomRingsOnAfterTheVoiceAndDiesAway() throws {
        let dry = try synth.nativeClip(for: Self.text, voice: voice(chain: SpeechChainSettings(enabled: false)))
        let room = try synth.nativeClip(for: Self.text, voice: voice(chain: SpeechChainSettings(enabled: true, room: 40, roomLevel: -6)))
        #expect(room.voiceFrames == dry.samples.count)
        #expect(room.duration == dry.duration, "the cue ends where the dry voice ends")
        let tail = room.samples[room.voiceFrames...]
        #expect(tail.count > Int(0.1 * 22050) && tail.count <= Int(SpeechChain.tailRoom * 22050))
        #expect(Fixtures.rms(tail.prefix(2205)) > 0.002, "the room is heard after the voice")
        #expect(Fixtures.peak(tail.suffix(220)) < 0.002, "and fades out")
    }

    @Test func theSameInputsGiveTheSameSamples() throws {
        let voice = voice(chain: SpeechChainSettings(enabled: true, room: 30, roomLevel: -10), clause: 0.4, sentence: 1.5)
        let text = "Breathe in, slowly. And out."
        let first = try SpeechSynthesizer().nativeClip(for: text, voice: voice)
        let second = try SpeechSynthesizer().nativeClip(for: text, voice: voice)
        #expect(first.samples == second.samples && first.voiceFrames == second.voiceFrames)
    }

    @Test func theVoicesEndAndTailSurviveTheDiskCacheAndResampling() throws {
        let folder = SpeechDiskCacheTests.Folder()
        let disk = try #require(SpeechDiskCache(directory: folder.path))
        let voice = voice(chain: SpeechChainSettings(enabled: true, room: 30))
        let made = try SpeechSynthesizer(disk: disk).nativeClip(for: "Rest here.", voice: voice)
        let again = SpeechSynthesizer(disk: disk)
        let read = try again.nativeClip(for: "Rest here.", voice: voice)
        #expect(again.synthesisCount == 0)
        #expect(read.samples == made.samples && read.voiceFrames == made.voiceFrames && made.voiceFrames < made.samples.count)
        let resampled = try again.clip(for: "Rest here.", voice: voice, sampleRate: 48000)
        #expect(abs(Double(resampled.voiceFrames) / 48000 - made.duration) < 1 / 22050.0)
        #expect(try again.clipLength(for: "Rest here.", voice: voice, sampleRate: 48000) == resampled.samples.count)
    }

    @Test func theCeilingRaisesAQuietPhraseAndHoldsItsPeaksOverTheTargetLevel() throws {
        let dry = try synth.nativeClip(for: Self.text, voice: voice(chain: SpeechChainSettings(enabled: false)))
        let quiet = dry.samples.map { $0 * 0.5 }
        let level = try #require(SpeechPeakCeiling.activeLevel(quiet))
        let held = SpeechPeakCeiling.apply(quiet, sampleRate: dry.sampleRate)
        #expect(held.count == quiet.count)
        let heldLevel = try #require(SpeechPeakCeiling.activeLevel(held))
                #expect(abs(heldLevel - SpeechPeakCeiling.targetLevelDB) < 0.1, "\(heldLevel) dBFS")
        // The dry voice's loud syllables lose up to a few dB in the limiter, so its peaks stand a
        // little more than the crest over the level; the unlimited voice's stood 15-16 dB over it.
        #expect(20 * log10(Double(Fixtures.peak(held))) - heldLevel <= SpeechPeakCeiling.crestDB + 3)
        // Nothing delayed: the voice starts on the same sample.
        let onset = { (s: [Float]) in s.firstIndex { $0 != 0 }! }
        #expect(onset(held) == onset(quiet))
    }

    @Test func voicesOfDifferentLoudnessComeOutAtOneLevel() throws {
        func clip(_ espeak: String, chain: SpeechChainSettings) throws -> [Float] {
            var profile = voice(chain: chain)
            profile.espeak = espeak
            return try synth.nativeClip(for: Self.text, voice: profile).samples
        }
        let names = ["en-us+f3", "en-us+whisper"]
        let dry = try names.map { try #require(SpeechPeakCeiling.activeLevel(clip($0, chain: SpeechChainSettings(enabled: false)))) }
        #expect(abs(dry[0] - dry[1]) > 2, "the fixture voices must differ: \(dry) dBFS")
        let chain = SpeechChainSettings(enabled: true, room: 30, roomLevel: -10)
        let processed = try names.map { try #require(SpeechPeakCeiling.activeLevel(clip($0, chain: chain))) }
        #expect(abs(processed[0] - processed[1]) < 0.5, "\(dry) -> \(processed) dBFS")
        // Within a quarter dB: the gain moves a few quiet windows across the activity floor.
        #expect(processed.allSatisfy { abs($0 - SpeechPeakCeiling.targetLevelDB) < 0.25 }, "\(processed) dBFS")
    }

    static func longestZeroRun(_ samples: [Float]) -> Int {
        var longest = 0, run = 0
        for sample in samples {
            run = sample == 0 ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }

    /// Energy in `band` (Hz) of 22,050 Hz samples, by a DFT of 2048-sample frames.
    static func bandEnergy(_ samples: [Float], _ band: ClosedRange<Double>) -> Double {
        let size = 2048, rate = 22050.0
        let bins = Int((band.lowerBound / rate * Double(size)).rounded())...Int((band.upperBound / rate * Double(size)).rounded())
        var energy = 0.0
        var start = 0
        while start + size <= samples.count {
            for bin in bins {
                var re = 0.0, im = 0.0
                let step = 2 * Double.pi * Double(bin) / Double(size)
                for n in 0..<size {
                    let window = 0.5 - 0.5 * cos(2 * Double.pi * Double(n) / Double(size))
                    let x = Double(samples[start + n]) * window
                    re += x * cos(step * Double(n))
                    im -= x * sin(step * Double(n))
                }
                energy += re * re + im * im
            }
            start += size
        }
        return energy
    }
}
