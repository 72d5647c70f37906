import Testing
import SootheAudioIO

extension AudioIOTests {
    @Suite struct FormatTests {
        @Test(arguments: [
            ("wav", AudioFileFormat.wav), (".WAV", .wav), ("flac", .flac), ("ogg", .ogg), ("oga", .ogg),
            ("opus", .opus), ("mp3", .mp3), (".Mp3", .mp3),
        ])
        func extensionsNameFormats(_ ext: String, _ format: AudioFileFormat) {
            #expect(AudioFileFormat(pathExtension: ext) == format)
        }

        @Test(arguments: ["", "aiff", "m4a", "txt", "."])
        func unknownExtensionsAreNil(_ ext: String) {
            #expect(AudioFileFormat(pathExtension: ext) == nil)
        }

        @Test func pathsNameFormatsByTheirLastComponent() {
            #expect(AudioFileFormat(path: "out/belly.breathing.opus") == .opus)
            #expect(AudioFileFormat(path: "out.d/session") == nil)
            #expect(AudioFileFormat(path: ".wav") == nil)
        }

        @Test(arguments: AudioFileFormat.allCases)
        func fileExtensionRoundTrips(_ format: AudioFileFormat) {
            #expect(AudioFileFormat(pathExtension: format.fileExtension) == format)
        }

        @Test func errorDescriptionNamesThePath() {
            let error = AudioIOError(.cannotCreate, "Permission denied", path: "/x/y.wav")
            #expect(error.description == "/x/y.wav: Permission denied")
        }
    }
}
