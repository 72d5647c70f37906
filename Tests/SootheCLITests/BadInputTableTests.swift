import Foundation
import Testing

/// Malformed scripts and command lines, each with the exit status and the message it must get.
///
/// Every case runs the built `soothe` in a fresh temporary folder (its working directory), with
/// the files the case names written there first. `$TMP` in an argument is that folder. Render
/// cases either fail before rendering or render a one-second session, so the table stays fast in
/// a debug build.
@Suite struct BadInputTableTests {
    /// One row of the table.
    struct BadInput: Sendable, CustomTestStringConvertible {
        var name: String
        /// Files to create, by path relative to the temporary folder.
        var files: [String: [UInt8]] = [:]
        var arguments: [String]
        /// `SOOTHE_HOME`: nil for the package root, else a path relative to the temporary folder.
        var home: String? = nil
        var status: Int32
        /// Must appear in stderr.
        var message: String

        var testDescription: String { name }
    }

    static func text(_ s: String) -> [UInt8] { Array(s.utf8) }
    static func session(_ steps: String) -> [UInt8] { text("title: T\nsteps:\n" + steps) }
    static let oneSecond = session("  - pause: 1s\n")
    /// A soothe home whose only voice profile names an espeak-ng voice that does not exist.
    static let ghostHome: [String: [UInt8]] = [
        "home/voices/gentle.yaml": text("espeak: zz-nowhere\nrate: 130\npitch: 40\nrange: 30\nword-gap: 0\n"),
        "home/assets/sessions/hello.yaml": session("  - say: Hello there.\n"),
    ]

    static let cases: [BadInput] = [
        // Files that are not session scripts.
        BadInput(name: "NUL inside say text", files: ["n.yaml": session("  - say: \"Breathe\\0 and rest\"\n")], arguments: ["check", "n.yaml"],
                 status: 65, message: "n.yaml:3:10: error: 'say' holds the control character U+0000"),
        BadInput(name: "escape code in a title", files: ["t.yaml": text("title: \"\\e[2J\\e]0;owned\\a\"\nsteps:\n  - pause: 1s\n")], arguments: ["check", "t.yaml"],
                 status: 65, message: "t.yaml:1:8: error: 'title' holds the control character U+001B"),
        BadInput(name: "escape code in a prompt", files: ["p.yaml": session("  - breathe: {pattern: box, cycles: 1, prompts: {inhale: \"In\\x1b[8m\"}}\n")], arguments: ["check", "p.yaml"],
                 status: 65, message: "'inhale' holds the control character U+001B"),
        BadInput(name: "escape code in an unknown key is shown escaped", files: ["k.yaml": text("title: T\n\"\\e[2Jx\": 1\nsteps:\n  - pause: 1s\n")], arguments: ["check", "k.yaml"],
                 status: 65, message: "unknown key '\\u{1B}[2Jx' at the top level"),
        BadInput(name: "empty file", files: ["e.yaml": []], arguments: ["check", "e.yaml"], status: 65, message: "e.yaml:1:1: error: the file is empty"),
        BadInput(name: "only whitespace", files: ["w.yaml": text(" \n\t\n")], arguments: ["check", "w.yaml"], status: 65, message: "the file is empty"),
        BadInput(name: "binary file", files: ["b.yaml": [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]],
                 arguments: ["check", "b.yaml"], status: 65, message: "b.yaml:3:1: error: the file holds binary data (a NUL byte)"),
        BadInput(name: "Latin-1 byte", files: ["l.yaml": text("title: Caf") + [0xE9] + text("\nsteps:\n  - pause: 1s\n")],
                 arguments: ["check", "l.yaml"], status: 65, message: "l.yaml:1:11: error: the file is not UTF-8 text (invalid byte 0xE9 at offset 10)"),
        BadInput(name: "UTF-16 file", files: ["u.yaml": [0xFF, 0xFE] + text("title: T").flatMap { [$0, 0x00] }],
                 arguments: ["check", "u.yaml"], status: 65, message: "binary data"),
        BadInput(name: "file over 1 MiB", files: ["big.yaml": text("title: T\nsteps:\n  - pause: 1s\n") + [UInt8](repeating: 0x23, count: 1 << 20)],
                 arguments: ["check", "big.yaml"], status: 65, message: "soothe: error: big.yaml: the file is 1048606 bytes, larger than 1048576 bytes (1 MiB), the most a session script may be"),
        BadInput(name: "a folder as input", files: ["sub/x.yaml": oneSecond], arguments: ["check", "sub"], status: 66, message: "'sub' is a folder; give a session file"),
        BadInput(name: "missing file", arguments: ["preview", "gone.yaml"], status: 66, message: "no such file: gone.yaml"),
        BadInput(name: "../ in a path", arguments: ["render", "../../nowhere/x.yaml"], status: 66, message: "no such file: ../../nowhere/x.yaml"),
        BadInput(name: "../ in an id", files: ["s.yaml": text("title: T\nid: ../etc\nsteps:\n  - pause: 1s\n")],
                 arguments: ["check", "s.yaml"], status: 65, message: "invalid id '../etc': expected lower-case letters, digits and '-' only"),
        BadInput(name: "malformed id argument", arguments: ["check", "bad..id"], status: 66, message: "'bad..id' is neither a file nor a session id"),
        BadInput(name: "unknown built-in", arguments: ["preview", "belly-breathin"], status: 66, message: "did you mean 'belly-breathing'"),

        // Scripts with bad values or structure.
        BadInput(name: "zero pause", files: ["z.yaml": session("  - pause: 0s\n")], arguments: ["check", "z.yaml"], status: 65, message: "z.yaml:3:12: error: 'pause' must be longer than zero; found '0s'"),
        BadInput(name: "negative pause", files: ["n.yaml": session("  - pause: -5s\n")], arguments: ["preview", "n.yaml"], status: 65, message: "'pause' must be longer than zero; found '-5s'"),
        BadInput(name: "duration over 24 hours", files: ["d.yaml": session("  - pause: 25h\n")], arguments: ["check", "d.yaml"], status: 65, message: "'pause' of '25h' is longer than 24 hours"),
        BadInput(name: "10⁹ cycles", files: ["c.yaml": session("  - breathe: {pattern: box, cycles: 1000000000}\n")],
                 arguments: ["check", "c.yaml"], status: 65, message: "'cycles' must be between 1 and 100000; found 1000000000"),
        BadInput(name: "huge number", files: ["h.yaml": session("  - repeat: {times: 99999999999999999999999, steps: [{pause: 1s}]}\n")],
                 arguments: ["check", "h.yaml"], status: 65, message: "'times' must be between 1 and 10000"),
        BadInput(name: "session over 24 hours", files: ["long.yaml": session("  - repeat: {times: 10000, steps: [{pause: 10s}]}\n")],
                 arguments: ["check", "long.yaml"], status: 65, message: "longer than the 24-hour limit"),
        BadInput(name: "over a million cues", files: ["cues.yaml": session("  - {pause: 2h, chime-every: 1ms}\n")],
                 arguments: ["preview", "cues.yaml"], status: 65, message: "more than the limit of 1000000"),
        BadInput(name: "deep flow nesting", files: ["f.yaml": session("  - say: " + String(repeating: "[", count: 70) + "\n")],
                 arguments: ["check", "f.yaml"], status: 65, message: "f.yaml:3:74: error: nesting is deeper than 64 levels"),
        BadInput(name: "deep block nesting", files: ["deep.yaml": session("  - " + String(repeating: "- ", count: 1200) + "x\n")],
                 arguments: ["check", "deep.yaml"], status: 65, message: "Maximum nesting level reached"),
        BadInput(name: "repeat nested 9 deep", files: ["r.yaml": session("  - " + String(repeating: "{repeat: {times: 2, steps: [", count: 9) + "{pause: 1s}" + String(repeating: "]}}", count: 9) + "\n")],
                 arguments: ["check", "r.yaml"], status: 65, message: "'repeat' is nested more than 8 deep"),
        BadInput(name: "YAML alias bomb", files: ["a.yaml": session("  - &s {say: hi}\n  - {repeat: {times: 2, steps: [*s, *s]}}\n")],
                 arguments: ["check", "a.yaml"], status: 65, message: "a.yaml:4:33: error: YAML aliases ('*NAME') are not supported"),
        BadInput(name: "YAML syntax error", files: ["y.yaml": session("  - say: [unclosed\n")], arguments: ["check", "y.yaml"], status: 65, message: "error: YAML syntax error"),
        BadInput(name: "missing title and steps", files: ["m.yaml": text("summary: nothing here\n")], arguments: ["check", "m.yaml"], status: 65, message: "missing 'title'"),
        BadInput(name: "empty steps", files: ["es.yaml": text("title: T\nsteps: []\n")], arguments: ["check", "es.yaml"], status: 65, message: "'steps' is empty"),
        BadInput(name: "misspelt key", files: ["k.yaml": text("titel: T\nsteps:\n  - pause: 1s\n")], arguments: ["check", "k.yaml"], status: 65, message: "did you mean 'title'?"),
        BadInput(name: "cycles and duration", files: ["cd.yaml": session("  - breathe: {pattern: box, cycles: 2, duration: 1m}\n")],
                 arguments: ["check", "cd.yaml"], status: 65, message: "'breathe' takes 'cycles' or 'duration', not both"),
        BadInput(name: "malformed pause mark", files: ["pm.yaml": session("  - say: Breathe in. [2x] And out.\n")],
                 arguments: ["check", "pm.yaml"], status: 65, message: "malformed pause '[2x]'"),
        BadInput(name: "inhale too short", files: ["in.yaml": session("  - breathe: {pattern: 0.1-0-4-0, cycles: 2}\n")],
                 arguments: ["check", "in.yaml"], status: 65, message: "needs an inhale and an exhale of at least 0.5 s"),

        // Command lines.
        BadInput(name: "unknown command", arguments: ["frobnicate"], status: 64, message: "unknown command 'frobnicate'; 'soothe --help' lists the commands"),
        BadInput(name: "check without a session", arguments: ["check"], status: 64, message: "Missing expected argument"),
        BadInput(name: "unknown preview format", files: ["one.yaml": oneSecond], arguments: ["preview", "one.yaml", "--format", "xml"], status: 64, message: "'xml' is invalid for '--format <format>'"),
        BadInput(name: "--audio without html", files: ["one.yaml": oneSecond], arguments: ["preview", "one.yaml", "--audio", "x.ogg"], status: 64, message: "--audio only works with --format html"),
        BadInput(name: "unknown render format", files: ["one.yaml": oneSecond], arguments: ["render", "one.yaml", "--format", "xyz"], status: 64, message: "'xyz' is invalid for '--format <format>'"),
        BadInput(name: "Opus at 44.1 kHz", files: ["one.yaml": oneSecond], arguments: ["render", "one.yaml", "-o", "x.opus", "--sample-rate", "44100"],
                 status: 64, message: "Opus supports only 8000, 12000, 16000, 24000 or 48000 Hz, not 44100"),
        BadInput(name: "three channels", files: ["one.yaml": oneSecond], arguments: ["render", "one.yaml", "--channels", "3"], status: 64, message: "--channels must be 1 or 2, got 3"),
        BadInput(name: "sample rate too low", files: ["one.yaml": oneSecond], arguments: ["render", "one.yaml", "--sample-rate", "8000"], status: 64, message: "--sample-rate must be between 22050 and 96000 Hz, got 8000"),
        BadInput(name: "loudness out of range", files: ["one.yaml": oneSecond], arguments: ["render", "one.yaml", "--loudness", "0"], status: 64, message: "--loudness must be between -40 and -5 LUFS"),
        BadInput(name: "sessions and --all", files: ["one.yaml": oneSecond], arguments: ["render", "one.yaml", "--all"], status: 64, message: "give session names or --all, not both"),
        BadInput(name: "render nothing", arguments: ["render"], status: 64, message: "name a session to render, or use --all"),
        BadInput(name: "shard past its count", arguments: ["render", "--all", "--shard", "3/2"], status: 64, message: "'3/2' is invalid for '--shard <K/N|auto>'"),
        BadInput(name: "zero jobs", arguments: ["render", "--all", "--jobs", "0"], status: 64, message: "--jobs must be at least 1, got 0"),
        BadInput(name: "breathe: unknown pattern", arguments: ["breathe", "--pattern", "1-2-3"], status: 64, message: "--pattern must be one of box, 4-7-8"),
        BadInput(name: "quality and bitrate both", arguments: ["breathe", "-o", "x.opus", "--quality", "0.3", "--bitrate", "64"], status: 64, message: "--quality and --bitrate both set the codec's quality: give one of them"),
        BadInput(name: "quality out of range", arguments: ["breathe", "-o", "x.ogg", "--quality", "1.5"], status: 64, message: "--quality must be between 0 and 1, got 1.5"),
        BadInput(name: "quality on a lossless format", arguments: ["breathe", "-o", "x.flac", "--quality", "0.5"], status: 64, message: "--quality applies to Ogg Vorbis, Opus and MP3; flac is lossless"),
        BadInput(name: "bitrate for Vorbis", arguments: ["breathe", "-o", "x.ogg", "--bitrate", "96"], status: 64, message: "--bitrate applies to Opus and MP3; for ogg use --quality"),
        BadInput(name: "bitrate out of range", arguments: ["breathe", "-o", "x.mp3", "--bitrate", "500"], status: 64, message: "--bitrate for mp3 must be between 32 and 320 kb/s, got 500"),
        BadInput(name: "breathe: zero cycles", arguments: ["breathe", "--cycles", "0"], status: 64, message: "--cycles must be between 1 and 10000, got 0"),
        BadInput(name: "breathe: cycles and minutes", arguments: ["breathe", "--cycles", "3", "--minutes", "2"], status: 64, message: "give --cycles or --minutes, not both"),
        BadInput(name: "breathe: huge minutes", arguments: ["breathe", "--minutes", "1e9"], status: 64, message: "--minutes must be more than 0 and at most 600"),
        BadInput(name: "breathe: unknown chime", arguments: ["breathe", "--chime", "gong"], status: 64, message: "--chime must be one of bell, singing-bowl"),
        BadInput(name: "render: shard out of range", arguments: ["render", "--all", "--shard", "5/4"], status: 64, message: "K must be 1…4"),
        BadInput(name: "render: shard not K/N", arguments: ["render", "--all", "--shard", "half"], status: 64, message: "expected K/N, e.g. 2/4"),
        BadInput(name: "breathe: pattern of zeros", arguments: ["breathe", "--pattern", "0-0-0-0"], status: 64, message: "--pattern 0-0-0-0 needs an inhale and an exhale"),
        BadInput(name: "breathe: inhale too short", arguments: ["breathe", "--pattern", "0.1-0-4-0"], status: 64, message: "--pattern 0.1-0-4-0 needs an inhale and an exhale of at least 0.5 s each"),
        BadInput(name: "breathe: unknown voice profile", arguments: ["breathe", "--voice", "nobody", "-o", "b.wav"], status: 64, message: "--voice: unknown voice profile 'nobody'"),

        // Inputs are never outputs; an output's name says what it is.
        BadInput(name: "render over its own script", files: ["one.yaml": oneSecond], arguments: ["render", "one.yaml", "-o", "one.yaml", "--format", "wav"],
                 status: 64, message: "-o one.yaml is one.yaml, a script being rendered"),
        BadInput(name: "render over its script spelt another way", files: ["one.yaml": oneSecond], arguments: ["render", "$TMP/one.yaml", "-o", "$TMP/./one.yaml", "--format", "flac"],
                 status: 64, message: "a script being rendered: soothe never writes over its input"),
        BadInput(name: "render to a script's name", files: ["one.yaml": oneSecond], arguments: ["render", "one.yaml", "-o", "one.yaml"],
                 status: 64, message: "-o one.yaml: soothe writes .wav, .flac, .ogg, .opus, .mp3 files"),
        BadInput(name: "render to .m4a", files: ["one.yaml": oneSecond], arguments: ["render", "one.yaml", "-o", "x.m4a"],
                 status: 64, message: "-o x.m4a: soothe writes .wav, .flac, .ogg, .opus, .mp3 files"),
        BadInput(name: "format and name disagree", files: ["one.yaml": oneSecond], arguments: ["render", "one.yaml", "--format", "mp3", "-o", "x.wav"],
                 status: 64, message: "-o x.wav names a wav file but --format is mp3: name it x.mp3"),
        BadInput(name: "breathe to .m4a", arguments: ["breathe", "-o", "x.m4a"], status: 64, message: "-o x.m4a: soothe writes"),
        BadInput(name: "a batch into one file name", arguments: ["render", "--all", "-o", "one.wav"],
                 status: 64, message: "-o one.wav: several sessions write one file each, so -o takes a folder"),
        BadInput(name: "two scripts with one id", files: ["a/x.yaml": oneSecond, "b/x.yaml": oneSecond], arguments: ["render", "a/x.yaml", "b/x.yaml", "-o", "out/"],
                 status: 64, message: "'a/x.yaml' and 'b/x.yaml' are both session 'x'"),
        BadInput(name: "one session named twice", files: ["one.yaml": oneSecond], arguments: ["render", "one.yaml", "one.yaml"],
                 status: 64, message: "'one.yaml' and 'one.yaml' are both session 'one'"),

        // Outputs that cannot be created.
        BadInput(name: "render into a file's folder", files: ["one.yaml": oneSecond, "file.txt": text("x\n")],
                 arguments: ["render", "one.yaml", "-o", "file.txt/out.wav"], status: 73, message: "cannot create folder file.txt: file.txt is a file, not a folder"),
        BadInput(name: "render into /proc", files: ["one.yaml": oneSecond], arguments: ["render", "one.yaml", "-o", "/proc/soothe-test.wav"], status: 73, message: "cannot create a file in /proc/"),
        BadInput(name: "output folder under a file", files: ["one.yaml": oneSecond, "file.txt": text("x\n")],
                 arguments: ["render", "one.yaml", "-o", "file.txt/sub/"], status: 73, message: "cannot create folder file.txt/sub/"),
        BadInput(name: "preview into a file's folder", files: ["one.yaml": oneSecond, "file.txt": text("x\n")],
                 arguments: ["preview", "one.yaml", "-o", "file.txt/x.json"], status: 73, message: "cannot write file.txt/x.json"),

        // Homes with broken built-ins and voices.
        BadInput(name: "list: no built-ins", files: ["empty/.keep": []], arguments: ["list"], home: "empty", status: 66, message: "no built-in sessions found"),
        BadInput(name: "list: an invalid built-in", files: ["home/assets/sessions/broken.yaml": session("  - pause: 6x\n")],
                 arguments: ["list", "--json"], home: "home", status: 65, message: "broken.yaml:3:12: error: malformed duration '6x'"),
        BadInput(name: "voices: a broken profile", files: ["home/voices/loud.yaml": text("espeak: en\nrate: 9000\n"), "home/assets/sessions/.keep": []],
                 arguments: ["voices"], home: "home", status: 65, message: "'rate' must be a whole number from 80 to 450; found '9000'"),
        BadInput(name: "check: missing espeak-ng voice", files: ghostHome, arguments: ["check", "hello"], home: "home", status: 65,
                 message: "unknown espeak-ng voice 'zz-nowhere'"),
        BadInput(name: "render: missing espeak-ng voice", files: ghostHome, arguments: ["render", "hello", "-o", "hello.wav"], home: "home", status: 65,
                 message: "`soothe voices --espeak` lists the installed espeak-ng voices"),
    ]

    @Test(arguments: cases)
    func badInputGetsItsStatusAndMessage(_ input: BadInput) throws {
        let folder = try TemporaryFolder()
        for (name, bytes) in input.files {
            let path = folder.file(name)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        let arguments = input.arguments.map { $0.replacingOccurrences(of: "$TMP", with: folder.path) }
        let home = input.home.map { folder.file($0) } ?? SootheCLI.packageRoot
        let result = try SootheCLI.run(arguments, home: home, in: folder.path)
        #expect(result.status == input.status, "\(input.name): \(result)")
        #expect(result.stderr.contains(input.message), "\(input.name): stderr lacks '\(input.message)'\n\(result)")
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Backtrace"), "\(result)")
        // Nothing a script holds reaches the terminal as a control code.
        #expect(!result.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }, "\(input.name): raw control character in stderr")
        // Nothing is left behind by a failed render: no audio, no temporary file.
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".tmp") || $0.hasSuffix(".wav") || $0.hasSuffix(".opus") }
        #expect(left.isEmpty, "\(input.name) left \(left)")
    }

    @Test func theTableCoversEveryCommandAndStatus() {
        #expect(Self.cases.count >= 30)
        let commands = Set(Self.cases.compactMap(\.arguments.first))
        #expect(commands.isSuperset(of: ["check", "preview", "render", "breathe", "list", "voices"]), "\(commands)")
        #expect(Set(Self.cases.map(\.status)) == [64, 65, 66, 73])
    }
}
