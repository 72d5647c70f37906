import Foundation
import Testing
import SootheAudioIO

extension AudioIOTests {
    @Suite struct WriterSafetyTests {
        @Test func unwritableFolderGivesCannotCreateAndLeavesNothing() throws {
            let folder = try TestFolder()
            try Data("x".utf8).write(to: URL(fileURLWithPath: folder.file("plain-file")))
            for path in [
                folder.file("missing-folder/out.wav"),  // ENOENT
                folder.file("plain-file/out.wav"),  // ENOTDIR
                "/proc/soothe-cannot-write-here.wav",  // refused even to root
            ] {
                #expect {
                    _ = try AudioFileWriter(path: path, settings: AudioFileSettings(format: .wav))
                } throws: { error in
                    (error as? AudioIOError)?.kind == .cannotCreate && (error as? AudioIOError)?.path == path
                }
            }
            #expect(try folder.contents() == ["plain-file"])
            #expect(TemporaryFiles.current.isEmpty)
        }

        @Test func unsupportedSettingsAreRefusedClearlyAndLeaveNothing() throws {
            let folder = try TestFolder()
            let cases: [(AudioFileSettings, String, AudioSettingFix?)] = [
                (AudioFileSettings(format: .flac, encoding: .float), "FLAC supports 16 or 24 bit", AudioSettingFix(.encoding, values: ["16", "24"])),
                (AudioFileSettings(format: .opus, sampleRate: 44100), "not 44100", AudioSettingFix(.sampleRate, values: ["48000"])),
                (AudioFileSettings(format: .mp3, sampleRate: 96000), "not 96000", AudioSettingFix(.sampleRate, values: ["48000", "44100"])),
                (AudioFileSettings(format: .mp3, channels: 3), "1 to 2 channels", AudioSettingFix(.channels, values: ["2", "1"])),
                (AudioFileSettings(format: .ogg, quality: 1.5), "quality", AudioSettingFix(.quality, values: ["0.5"])),
                (AudioFileSettings(format: .wav, cuePoints: [-1]), "cue point", nil),
                // Passes sf_format_check, fails in sf_open: exercises the clean-up after open.
                (AudioFileSettings(format: .flac, sampleRate: 700_000), "flac does not support this sample rate", nil),
            ]
            for (settings, phrase, fix) in cases {
                let path = folder.file("out.\(settings.format.fileExtension)")
                #expect {
                    _ = try AudioFileWriter(path: path, settings: settings)
                } throws: { error in
                    guard let error = error as? AudioIOError else { return false }
                    // A library's message names no command-line flag; the fix says what would work.
                    return error.kind == .unsupported && error.message.contains(phrase) && !error.message.contains("--")
                        && error.fix == fix
                }
            }
            #expect(try folder.contents().isEmpty)
            #expect(TemporaryFiles.current.isEmpty)
        }

        @Test func existingFileIsIntactAfterCancel() throws {
            let folder = try TestFolder()
            let path = folder.file("session.wav")
            let original = Data("an earlier render".utf8)
            try original.write(to: URL(fileURLWithPath: path))

            let writer = try AudioFileWriter(path: path, settings: AudioFileSettings(format: .wav, channels: 1))
            #expect(FileManager.default.fileExists(atPath: writer.temporaryPath))
            #expect(writer.temporaryPath.hasPrefix(folder.file(".session.wav.soothe-")))
            #expect(writer.temporaryPath.hasSuffix(".tmp"))
            let samples = [Float](repeating: 0.25, count: 48000)
            try samples.withUnsafeBufferPointer { try writer.write(interleaved: $0) }
            writer.cancel()

            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original)
            #expect(try folder.contents() == ["session.wav"])
            #expect(TemporaryFiles.current.isEmpty)
            #expect(throws: AudioIOError.self) {
                try samples.withUnsafeBufferPointer { try writer.write(interleaved: $0) }
            }
        }

        @Test func finishReplacesTheFileAndRemovesTheTemporaryFile() throws {
            let folder = try TestFolder()
            let path = folder.file("session.flac")
            try Data("old".utf8).write(to: URL(fileURLWithPath: path))
            let writer = try AudioFileWriter(path: path, settings: AudioFileSettings(format: .flac, channels: 1))
            #expect(TemporaryFiles.current == [writer.temporaryPath])
            try [Float](repeating: 0.1, count: 1000).withUnsafeBufferPointer { try writer.write(interleaved: $0) }
            #expect(try folder.contents().count == 2)  // the old file and the temporary one
            try writer.finish()

            #expect(try folder.contents() == ["session.flac"])
            #expect(!FileManager.default.fileExists(atPath: writer.temporaryPath))
            #expect(TemporaryFiles.current.isEmpty)
            #expect(try AudioFileReader(path: path).frames == 1000)
            #expect(throws: AudioIOError.self) { try writer.finish() }
        }

        @Test func writerDroppedWithoutFinishLeavesNothing() throws {
            let folder = try TestFolder()
            var temporaryPath = ""
            do {
                let writer = try AudioFileWriter(path: folder.file("a.ogg"), settings: AudioFileSettings(format: .ogg))
                temporaryPath = writer.temporaryPath
                try [Float](repeating: 0.1, count: 20000).withUnsafeBufferPointer { try writer.write(interleaved: $0) }
                #expect(FileManager.default.fileExists(atPath: temporaryPath))
            }
            #expect(!FileManager.default.fileExists(atPath: temporaryPath))
            #expect(try folder.contents().isEmpty)
        }

        @Test func renameOntoAFolderGivesCannotCreateAndKeepsTheFolder() throws {
            let folder = try TestFolder()
            let path = folder.file("taken")
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            // A folder where a file was meant is refused before anything is written...
            #expect {
                _ = try AudioFileWriter(path: path, settings: AudioFileSettings(format: .wav))
            } throws: { error in
                (error as? AudioIOError)?.kind == .cannotCreate && "\(error)".contains("is a folder, not a file")
            }
            #expect(try folder.contents() == ["taken"])
            // ...and one that appears during the render is not renamed over.
            let late = folder.file("late")
            let writer = try AudioFileWriter(path: late, settings: AudioFileSettings(format: .wav))
            try FileManager.default.createDirectory(atPath: late, withIntermediateDirectories: false)
            #expect {
                try writer.finish()
            } throws: { error in
                (error as? AudioIOError)?.kind == .cannotCreate
            }
            #expect(try folder.contents() == ["late", "taken"])
        }

        @Test func removeAllUnlinksEveryOpenTemporaryFile() throws {
            let folder = try TestFolder()
            let first = try AudioFileWriter(path: folder.file("1.wav"), settings: AudioFileSettings(format: .wav))
            let second = try AudioFileWriter(path: folder.file("2.mp3"), settings: AudioFileSettings(format: .mp3))
            #expect(TemporaryFiles.current == [first.temporaryPath, second.temporaryPath].sorted())
            #expect(try folder.contents().count == 2)
            TemporaryFiles.removeAll()
            #expect(try folder.contents().isEmpty)
            #expect(TemporaryFiles.current.isEmpty)
            first.cancel()
            second.cancel()
        }

        @Test(arguments: [SampleEncoding.pcm16, .pcm24])
        func overRangeFloatsClipInsteadOfWrapping(_ encoding: SampleEncoding) throws {
            let folder = try TestFolder()
            let path = folder.file("clip.wav")
            try writeAudio(path, AudioFileSettings(format: .wav, channels: 1, encoding: encoding), [1.7, -1.7, 0.5, 3.0])
            let read = try AudioFileReader(path: path).readAll()
            let fullScale: Float = encoding == .pcm16 ? 32767.0 / 32768 : 8_388_607.0 / 8_388_608
            // Wrapping would give 1.7 → -9832/32768 ≈ -0.30.
            #expect(read == [fullScale, -1, 0.5, fullScale])
        }

        @Test func malformedBufferIsRefused() throws {
            let folder = try TestFolder()
            let writer = try AudioFileWriter(path: folder.file("s.wav"), settings: AudioFileSettings(format: .wav, channels: 2))
            #expect {
                try [Float](repeating: 0, count: 3).withUnsafeBufferPointer { try writer.write(interleaved: $0) }
            } throws: { error in
                (error as? AudioIOError)?.kind == .invalidUse
            }
            #expect(writer.framesWritten == 0)
            writer.cancel()
        }

        /// libvorbis puts a whole-write buffer on the stack (libsndfile #1095): one huge write
        /// would crash without the writer's chunking.
        @Test func tenMinutesOfStereoVorbisInOneWriteCall() throws {
            let folder = try TestFolder()
            let path = folder.file("long.ogg")
            let rate = 44100
            let frames = rate * 600
            var samples = [Float](repeating: 0, count: frames * 2)
            var phase: Float = 0
            let step = Float(2 * Double.pi * 220 / Double(rate))
            for i in 0..<frames {
                let value = 0.2 * sin(phase)
                samples[2 * i] = value
                samples[2 * i + 1] = value
                phase += step
                if phase > 2 * .pi { phase -= 2 * .pi }
            }
            let writer = try writeAudio(path, AudioFileSettings(format: .ogg, sampleRate: rate, channels: 2, quality: 0.1), samples)
            #expect(writer.framesWritten == frames)
            #expect(try AudioFileReader(path: path).frames == frames)
        }
    }
}

/// Carries a result out of a `Thread`; written before the semaphore is signalled, read after the wait.
private final class ThreadResult: @unchecked Sendable {
    var frames = -1
    var error: AudioIOError?
}

extension AudioIOTests.WriterSafetyTests {
    /// Dispatch worker threads have 512 KiB stacks; libvorbis's stack use grows with the frames
    /// per write, so a minute of stereo in one call must still be safe there.
    @Test func largeVorbisWriteOnA512KiBStackThread() throws {
        let folder = try TestFolder()
        let path = folder.file("small-stack.ogg")
        let frames = 48000 * 60
        let samples = TestSignal.sine(frequency: 330, amplitude: 0.3, sampleRate: 48000, frames: frames, channels: 2)
        let result = ThreadResult()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            do throws(AudioIOError) {
                let writer = try AudioFileWriter(path: path, settings: AudioFileSettings(format: .ogg, channels: 2))
                try samples.withUnsafeBufferPointer { (buffer) throws(AudioIOError) in try writer.write(interleaved: buffer) }
                try writer.finish()
                result.frames = writer.framesWritten
            } catch {
                result.error = error
            }
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
        #expect(result.error == nil)
        #expect(result.frames == frames)
        #expect(try AudioFileReader(path: path).frames == frames)
    }
}

/// A WAV too long for RIFF's 32-bit sizes is written as RF64, which libsndfile (and players)
/// read back whole; shorter WAVs stay RIFF, byte for byte as before.
@Suite struct RF64Tests {
    @Test func theContainerFollowsTheExpectedLength() {
        var settings = AudioFileSettings(format: .wav, sampleRate: 48000, channels: 2)
        settings.expectedFrames = 48000 * (6 * 3600 + 11 * 60)  // 6 h 11 min: fits
        #expect(!settings.usesRF64)
        settings.expectedFrames = 48000 * (6 * 3600 + 13 * 60)  // 6 h 13 min: would wrap
        #expect(settings.usesRF64)
        settings.encoding = .float
        settings.expectedFrames = 48000 * (3 * 3600 + 7 * 60)
        #expect(settings.usesRF64, "3 h 7 min of float stereo passes 4 GiB")
        settings.format = .flac
        #expect(!settings.usesRF64)
    }

    @Test func anRF64FileReadsBack() throws {
        let folder = try TestFolder()
        var settings = AudioFileSettings(format: .wav, sampleRate: 48000, channels: 2, cuePoints: [0, 100])
        settings.expectedFrames = 48000 * 7 * 3600
        let path = folder.file("long.wav")
        let writer = try AudioFileWriter(path: path, settings: settings)
        let samples = (0..<(4800 * 2)).map { Float(sin(Double($0) * 0.01) * 0.5) }
        try samples.withUnsafeBufferPointer { try writer.write(interleaved: $0) }
        try writer.finish()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.prefix(4) == Data("RF64".utf8))
        let reader = try AudioFileReader(path: path)
        #expect(reader.format == .wav && reader.frames == 4800 && reader.channels == 2)
    }
}
