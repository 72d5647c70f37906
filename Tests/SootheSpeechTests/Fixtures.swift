import Foundation
import Testing
import SootheCore
@testable import SootheSpeech

/// Shared inputs and measurements for the speech tests.
enum Fixtures {
    static let voice = VoiceProfile(
        name: "test", espeak: "en-us+f3", rate: 130, pitch: 35, range: 25, wordGap: 2)

    /// A variant of the tests' own, beside soothe's.
    static let testVariant = EspeakDataOverlay.Variant(name: "soothe-test-soft", text: """
        language variant
        name soothe-test-soft
        gender female
        pitch 150 230
        breath 0 4 6 6 5 4 3 2
        roughness 0
        flutter 0
        """)

    /// The repository's `voices/` folder.
    static let voicesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("voices").path

    /// soothe's variants (`voices/variants/`) and ``testVariant``, installed as soothe installs
    /// them, into the same folder every time (the speech server of this test process speaks from
    /// it, so it must outlive every test).
    static func installVariants() throws {
        let variants = EspeakDataOverlay.variants(in: voicesFolder + "/variants")
        try #require(variants.count == 3)
        try EspeakDataOverlay.install(variants + [testVariant], in: EspeakDataOverlay.privateTemporaryFolder())
    }

    static let passage = """
        Let your shoulders soften. Feel the weight of your body resting, supported by the ground \
        beneath you. There is nothing you need to do right now. Notice the breath moving in, and \
        moving out, at its own pace.
        """

    /// Root-mean-square level.
    static func rms(_ samples: some Collection<Float>) -> Float {
        guard !samples.isEmpty else { return 0 }
        return (samples.reduce(0) { $0 + $1 * $1 } / Float(samples.count)).squareRoot()
    }

    /// Largest magnitude.
    static func peak(_ samples: some Collection<Float>) -> Float {
        samples.reduce(0) { max($0, abs($1)) }
    }

    /// The longest run of samples below −60 dBFS, in seconds.
    static func longestSilence(_ clip: SpeechClip) -> Double {
        var longest = 0
        var run = 0
        for sample in clip.samples {
            if abs(sample) <= 0.001 { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        return Double(longest) / Double(clip.sampleRate)
    }
}
