import Foundation
import SootheAudioIO
import SootheTestSupport
import Testing

/// A mono file's loudness is reported as a standard meter reads it (its one channel counted
/// once), with the dual-mono figure soothe normalises to beside it.
@Suite struct MonoLoudnessReportTests {
    @Test func aMonoRenderReportsWhatAMeterReads() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("mono.wav")
        let result = try SootheCLI.run(["breathe", "--pattern", "box", "--cycles", "4", "--no-guidance", "--channels", "1", "-o", path])
        #expect(result.status == 0, "\(result)")
        let reader = try AudioFileReader(path: path)
        let samples = try reader.readAll()
        let meter = try LoudnessMeter(channels: 1, sampleRate: 48000, dualMono: false, measuresTruePeak: false)
        samples.withUnsafeBufferPointer { meter.add(interleaved: $0) }
        let plain = String(format: "%.1f LUFS", meter.integratedLoudness)
        #expect(result.stdout.contains("\(plain) (-16.0 as dual mono)"), "\(result.stdout) vs a meter's \(plain)")
        #expect(plain == "-19.0 LUFS")
    }
}
