import Foundation
import SootheAudioIO
import Testing

/// Sound files named by a script, through the executable: found beside the script whatever the
/// working folder, and refused with a located error by both `check` and `render`.
@Suite struct SoundFileCommandTests {
    @Test func missingFilesAreLocatedErrorsFromCheckAndRender() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("own.yaml", "title: Own\nambience: {sound: ./gone.flac}\nsteps:\n  - chime: ./nope.wav\n  - pause: 2s\n")
        for arguments in [["check", path], ["render", path, "-o", folder.path + "/out.wav"]] {
            let result = try SootheCLI.run(arguments)
            #expect(result.status == 65, "\(arguments[0]): \(result)")
            #expect(result.stderr.contains("\(path):2:19: error: cannot read sound './gone.flac': no such file or directory"), "\(result.stderr)")
            #expect(result.stderr.contains("\(path):4:12: error: cannot read sound './nope.wav': no such file or directory"), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out.wav"))
    }

    @Test func aChimeFileBesideTheScriptRenders() throws {
        let folder = try TemporaryFolder()
        let settings = AudioFileSettings(format: .flac, sampleRate: 44_100, channels: 1)
        let writer = try AudioFileWriter(path: folder.path + "/ping.flac", settings: settings)
        let tone = (0..<44_100).map { Float(0.3 * sin(2 * Double.pi * 660 * Double($0) / 44_100)) }
        try tone.withUnsafeBufferPointer { try writer.write(mono: $0) }
        try writer.finish()
        let path = try folder.write("own.yaml", "title: Own\nsteps:\n  - chime: ping.flac\n  - pause: 2s\n")
        // Run from another folder: the path is the script's folder's, not the working folder's.
        let result = try SootheCLI.run(["render", path, "-o", folder.path + "/out.wav"])
        #expect(result.status == 0, "\(result)")
        let reader = try AudioFileReader(path: folder.path + "/out.wav")
        #expect(abs(Double(reader.frames) / Double(reader.sampleRate) - 3.5) < 0.01)
    }
}
