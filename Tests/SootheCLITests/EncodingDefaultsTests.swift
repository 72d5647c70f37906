import Foundation
import Testing

/// Lossy files sized for guided speech: each format's default is the bitrate the docs name, and
/// `--bitrate` moves the size in proportion.
@Suite struct EncodingDefaultsTests {
    func render(_ folder: TemporaryFolder, _ name: String, _ extra: [String]) throws -> Data {
        let path = folder.file(name)
        let result = try SootheCLI.run(
            ["breathe", "--pattern", "box", "--cycles", "6", "--no-guidance", "-q", "-o", path] + extra)
        #expect(result.status == 0, "\(result)")
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    @Test(arguments: [("opus", "2", "64"), ("opus", "1", "64"), ("mp3", "2", "128"), ("mp3", "1", "96")])
    func theDefaultIsTheNamedBitrate(_ format: String, _ channels: String, _ kbps: String) throws {
        let folder = try TemporaryFolder()
        let byDefault = try render(folder, "a.\(format)", ["--channels", channels])
        let named = try render(folder, "b.\(format)", ["--channels", channels, "--bitrate", kbps])
        #expect(byDefault == named, "\(format), \(channels) channel(s): the default is not --bitrate \(kbps)")
    }

    @Test(arguments: ["opus", "mp3"])
    func theBitrateSetsTheSize(_ format: String) throws {
        let folder = try TemporaryFolder()
        let low = try render(folder, "low.\(format)", ["--bitrate", "48"])
        let high = try render(folder, "high.\(format)", ["--bitrate", "192"])
        let ratio = Double(high.count) / Double(low.count)
        #expect(ratio > 2 && ratio < 5, "\(format): 192 kb/s is \(ratio)× the size of 48 kb/s")
    }
}
