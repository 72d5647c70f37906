import Foundation
import SootheAudioIO
import SootheCore
@testable import SootheRender
import Testing

/// The render mixes once at a guessed gain and corrects the spooled samples exactly: however far
/// off the guess, the file lands on the target and under the ceiling, and only a guess too quiet
/// for the limiter costs a second pass.
@Suite struct LoudnessCorrectionTests {
    /// First gains far too quiet (the limiter caught nothing a correction up would raise: one
    /// more pass), as guessed, and far too loud (corrected down: one pass).
    @Test(arguments: [(-8.0, 2...2), (-4.0, 2...2), (0.0, 1...2), (3.0, 1...1), (8.0, 1...1)])
    func anyFirstGainLandsOnTheTarget(_ adjustment: Double, _ passes: ClosedRange<Int>) throws {
        let folder = try ScratchFolder()
        let timeline = try Sessions.timeline(Sessions.everything)
        var renderer = SessionRenderer(
            options: RenderOptions(format: .wav, sampleRate: 22050, channels: 2, loudness: -16), speech: Sessions.voice)
        renderer.firstGainAdjustmentDB = adjustment
        let path = folder.file("c.wav")
        let report = try renderer.render(timeline, to: path)
        #expect(passes.contains(report.mixingPasses), "\(report.mixingPasses) passes")

        let (lufs, peak) = try Measure.loudness(try Measure.read(path))
        // Exact, not merely close: the correction is computed from the meter's own blocks.
        #expect(abs(lufs - -16) <= 0.02, "\(lufs) LUFS after a first gain \(adjustment) dB off")
        #expect(abs(report.loudness - lufs) <= 0.01)
        #expect(peak <= -1.0, "true peak \(peak) dBTP")
        #expect(report.truePeak <= -1.0)
    }
}
