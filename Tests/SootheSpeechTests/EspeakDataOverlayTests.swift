import Foundation
import SootheCore
import Testing
@testable import SootheSpeech

@Suite("soothe's espeak-ng variants, through an overlay of espeak-ng's data")
struct EspeakDataOverlayTests {
    static let variant = Fixtures.testVariant

    let folder = SpeechDiskCacheTests.Folder()
    let system = EspeakEngine.shared.systemDataFolder()

    @Test func theOverlayLinksTheSystemsDataAndAddsTheVariant() throws {
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        let data = try EspeakDataOverlay.build(variants: [Self.variant], systemData: system, in: folder.path)
        let manager = FileManager.default
        #expect(try manager.destinationOfSymbolicLink(atPath: data + "/phondata") == system + "/phondata")
        #expect(try manager.destinationOfSymbolicLink(atPath: data + "/voices/!v/f3") == system + "/voices/!v/f3")
        #expect(try String(contentsOfFile: data + "/voices/!v/soothe-test-soft", encoding: .utf8) == Self.variant.text)
        // Nothing is written into the system's data.
        #expect(!manager.fileExists(atPath: system + "/voices/!v/soothe-test-soft"))
        // Built once: a second call finds the same folder; a changed variant gets another.
        #expect(try EspeakDataOverlay.build(variants: [Self.variant], systemData: system, in: folder.path) == data)
        let changed = EspeakDataOverlay.Variant(name: Self.variant.name, text: Self.variant.text + "tone 600 170\n")
        #expect(try EspeakDataOverlay.build(variants: [changed], systemData: system, in: folder.path) != data)
    }

    @Test func namesThatCannotWorkAreRefused() throws {
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        for name in ["f3", "../escape", "", "a b"] {
            #expect(throws: EspeakDataOverlay.Failure.self, "\(name)") {
                try EspeakDataOverlay.build(variants: [.init(name: name, text: "")], systemData: system, in: folder.path)
            }
        }
    }

    @Test func aProfileSpeaksWithTheVariant() throws {
        try Fixtures.installVariants()
        let plain = VoiceProfile(name: "plain", espeak: "en-us", rate: 130, pitch: 35, range: 25)
        var soft = plain
        soft.espeak = "en-us+soothe-test-soft"
        #expect(EspeakVoices.validate(soft.espeak) == nil)
        let synth = SpeechSynthesizer()
        let text = "Let your shoulders soften, and feel the weight of your body."
        let low = try synth.nativeClip(for: text, voice: plain)
        let high = try synth.nativeClip(for: text, voice: soft)
        // espeak-ng's default English voice is male (about 80 Hz here); the variant's base is 150 Hz.
        let f0 = { (clip: SpeechClip) in Self.medianPitch(clip.samples) }
        #expect(f0(low) < 110 && f0(high) > 130, "\(f0(low)) Hz, \(f0(high)) Hz")
    }

    /// Installing (another) overlay keeps the cached clips of voices that name none of its
    /// variants: their keys do not change, so a render already under way finds them.
    @Test func installingAnOverlayKeepsOtherVoicesClips() throws {
        let folder = SpeechDiskCacheTests.Folder()
        let disk = try #require(SpeechDiskCache(directory: folder.path))
        let stock = VoiceProfile(name: "stock", espeak: "en-us+f3", rate: 130)
        _ = try SpeechSynthesizer(disk: disk).nativeClip(for: "Rest a while.", voice: stock)
        try Fixtures.installVariants()
        let again = SpeechSynthesizer(disk: disk)
        _ = try again.nativeClip(for: "Rest a while.", voice: stock)
        #expect(again.synthesisCount == 0)
        // A voice on a soothe variant has a key of its own, with the variant's checksum.
        #expect(EspeakEngine.shared.variantIdentity(of: "en-us+soothe-test-soft") != nil)
        #expect(EspeakEngine.shared.variantIdentity(of: "en-us+f3") == nil)
    }

    /// Median pitch of the voiced 1024-sample frames (autocorrelation), at 22,050 Hz.
    static func medianPitch(_ samples: [Float]) -> Double {
        var pitches: [Double] = []
        var start = 0
        while start + 1024 <= samples.count {
            let frame = Array(samples[start..<(start + 1024)])
            start += 512
            guard Fixtures.rms(frame) > 0.05 else { continue }
            func correlation(_ lag: Int) -> Float { (0..<(1024 - lag)).reduce(0) { $0 + frame[$1] * frame[$1 + lag] } }
            let zero = correlation(0)
            let lags = (22050 / 400)...(22050 / 70)
            let best = lags.max { correlation($0) < correlation($1) }!
            if correlation(best) > 0.5 * zero { pitches.append(22050 / Double(best)) }
        }
        return pitches.sorted()[pitches.count / 2]
    }
}
