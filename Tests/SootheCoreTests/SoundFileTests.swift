import SootheCore
import Testing

/// Lengths for sound files without reading any: a path's length, or why it cannot be read.
struct FixedSoundFiles: SoundFileProbe {
    var lengths: [String: Double]

    func length(of file: SoundFile, as use: SoundFile.Use) -> Result<Double, SoundFileProblem> {
        if let seconds = lengths[file.path] { return .success(seconds) }
        return .failure(SoundFileProblem("no such file or directory"))
    }
}

@Suite("Sound files in scripts")
struct SoundFileTests {
    static func load(_ yaml: String, file: String = "calm/evening.yaml", lengths: [String: Double]) -> SessionLoader.Result {
        let loader = SessionLoader(
            voices: VoiceLibrary(profiles: TestScripts.voices), timing: FixedSpeechTiming(seconds: 1),
            sounds: FixedSoundFiles(lengths: lengths), homeFolder: "/home/ann")
        return loader.load(bytes: Array(yaml.utf8), file: file, defaultID: "evening")
    }

    @Test("a value is a path when it starts with ./ ../ / ~/ or ends in an audio extension")
    func pathRule() {
        for path in ["./bell.wav", "../sounds/bell", "/usr/share/bell.ogg", "~/bell.flac", "bell.WAV", "sounds/rain.mp3"] {
            #expect(SoundFile.isPath(path), "\(path)")
        }
        for name in ["bell", "singing-bowl", "rain", "soft-chime", "bell.", ".wav.txt"] {
            #expect(!SoundFile.isPath(name), "\(name)")
        }
    }

    @Test("paths resolve against the script's folder; absolute stay; ~/ is the home folder")
    func resolution() {
        #expect(SoundFile.resolve("./a.wav", scriptFile: "calm/evening.yaml", home: nil) == "calm/./a.wav")
        #expect(SoundFile.resolve("../b.flac", scriptFile: "/srv/s/x.yaml", home: nil) == "/srv/s/../b.flac")
        #expect(SoundFile.resolve("sounds/c.ogg", scriptFile: "x.yaml", home: nil) == "sounds/c.ogg")
        #expect(SoundFile.resolve("/abs/d.wav", scriptFile: "calm/x.yaml", home: "/home/ann") == "/abs/d.wav")
        #expect(SoundFile.resolve("~/e.wav", scriptFile: "calm/x.yaml", home: "/home/ann") == "/home/ann/e.wav")
    }

    @Test("a chime file becomes a chime cue as long as the file (and each further strike 2.5 s on)")
    func chimeFileLength() throws {
        let result = Self.load(
            """
            title: Own bell
            ambience: {sound: ../rain.flac, loop: false, level: -6}
            steps:
              - say: Hello.
              - chime: ./sounds/my-bell.wav
                strikes: 2
            """, lengths: ["calm/./sounds/my-bell.wav": 3.25, "calm/../rain.flac": 30])
        let timeline = try #require(result.timeline, "\(result.diagnostics)")
        let chime = try #require(timeline.cues.first { $0.kind == .chime })
        #expect(chime.start == 1)
        #expect(abs(chime.duration - (3.25 + 2.5)) < 1e-9)
        let file = SoundFile(written: "./sounds/my-bell.wav", path: "calm/./sounds/my-bell.wav", location: SourceLocation(line: 5, column: 12))
        #expect(chime.chime?.sound == .file(file))
        #expect(chime.chime?.strikes == 2)
        #expect(timeline.duration == chime.end)
        let bed = SoundFile(written: "../rain.flac", path: "calm/../rain.flac", location: SourceLocation(line: 2, column: 19))
        #expect(timeline.ambience == AmbienceSpec(source: .file(bed, loop: false), level: -6))
        #expect(timeline.ambience?.name == "../rain.flac")
    }

    @Test("a bed file named alone loops; loop is refused for a generated bed")
    func loopKey() throws {
        let looped = Self.load("title: A\nambience: ./rain.wav\nsteps:\n  - pause: 5s\n", lengths: ["calm/./rain.wav": 12])
        guard case .file(_, let loop) = try #require(looped.timeline?.ambience?.source) else {
            Issue.record("not a file bed")
            return
        }
        #expect(loop)
        let generated = Self.load("title: A\nambience: {sound: stream, loop: true}\nsteps:\n  - pause: 5s\n", lengths: [:])
        #expect(generated.timeline == nil)
        #expect(generated.diagnostics.map(\.description) == ["calm/evening.yaml:2:27: error: 'loop' is for a sound file; the generated bed 'stream' never repeats"])
    }

    @Test("every unreadable sound file is a located error naming the path, all at once")
    func unreadableFiles() {
        let result = Self.load(
            """
            title: Missing
            ambience: {sound: ./missing-rain.flac}
            steps:
              - chime: ./nope.wav
              - repeat:
                  times: 3
                  steps:
                    - chime: ~/bells/gone.ogg
            """, lengths: [:])
        #expect(result.timeline == nil)
        #expect(result.diagnostics.map(\.description) == [
            "calm/evening.yaml:2:19: error: cannot read sound './missing-rain.flac': no such file or directory",
            "calm/evening.yaml:4:12: error: cannot read sound './nope.wav': no such file or directory",
            "calm/evening.yaml:8:18: error: cannot read sound '~/bells/gone.ogg': no such file or directory",
        ])
    }

    @Test("an unknown name that is not a path is still an unknown chime")
    func unknownName() {
        let result = Self.load("title: A\nsteps:\n  - chime: gong\n", lengths: [:])
        #expect(result.diagnostics.first?.message.hasPrefix("unknown chime 'gong'") == true, "\(result.diagnostics)")
    }
}
