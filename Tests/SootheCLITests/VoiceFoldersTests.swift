import Foundation
import SootheAudioIO
import Testing

/// Where voice profiles come from, through the built binary: a `voices/` folder beside the
/// script, then `$SOOTHE_VOICES` (or the configuration folder), then the built-ins; voices
/// written inline in a script; and `soothe voices --sample`.
@Suite struct VoiceFoldersTests {
    static let hello = "title: T\nsteps:\n  - say: Hello, and welcome.\n"

    /// The preview's voice line (`voice gentle (en-us+f3, 125 wpm)`) for `script`.
    static func voiceLine(_ script: String, _ arguments: [String] = [], environment: [String: String] = [:]) throws -> String {
        let result = try SootheCLI.run(["preview", script] + arguments, environment: environment)
        try #require(result.status == 0, "\(result)")
        return try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("voice ") }.map(String.init), "\(result)")
    }

    /// The cue sheet's duration of `script`.
    static func duration(_ script: String) throws -> Double {
        let result = try SootheCLI.run(["preview", "--format", "json", script])
        try #require(result.status == 0, "\(result)")
        let sheet = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(sheet["duration"] as? Double)
    }

    @Test func besideTheScriptWinsOverSootheVoicesWhichWinsOverTheBuiltIns() throws {
        let folder = try TemporaryFolder()
        let near = try folder.write("a/s.yaml", Self.hello)
        let far = try folder.write("b/s.yaml", Self.hello)
        try folder.write("a/voices/gentle.yaml", "espeak: en-gb\nrate: 140\n")
        try folder.write("user/gentle.yaml", "espeak: en-us\nrate: 150\n")
        try folder.write("user2/gentle.yaml", "espeak: en\nrate: 160\n")
        try folder.write("user2/deep.yaml", "espeak: en+m1\nrate: 120\n")
        let users = ["SOOTHE_VOICES": folder.file("user") + ":" + folder.file("user2")]
        #expect(try Self.voiceLine(near, environment: users) == "voice gentle (en-gb, 140 wpm)")
        // The first folder of SOOTHE_VOICES before the second, both before the built-ins.
        #expect(try Self.voiceLine(far, environment: users) == "voice gentle (en-us, 150 wpm)")
        #expect(try Self.voiceLine(far) == "voice gentle (en-us+soothe-soft-f, 125 wpm)")
        // --voice finds a profile in any folder.
        #expect(try Self.voiceLine(far, ["--voice", "deep"], environment: users) == "voice deep (en+m1, 120 wpm)")
    }

    @Test func voicesListsEveryProfileWithItsFolderAndWhatIsShadowed() throws {
        let folder = try TemporaryFolder()
        let script = try folder.write("a/s.yaml", Self.hello)
        try folder.write("a/voices/gentle.yaml", "description: mine\nespeak: en-gb\nrate: 140\n")
        try folder.write("user/deep.yaml", "description: deep one\nespeak: en+m1\n")
        try folder.write("user/gentle.yaml", "espeak: en-us\n")
        let result = try SootheCLI.run(["voices", script], environment: ["SOOTHE_VOICES": folder.file("user")])
        #expect(result.status == 0, "\(result)")
        let rows = result.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        func row(_ name: String, _ source: String) -> [String]? { rows.first { $0.count > 2 && $0[0] == name && $0[1] == source } }
        #expect(rows.first?.prefix(3) == ["PROFILE", "SOURCE", "ESPEAK"])
        #expect(row("gentle", folder.file("a/voices"))?.contains("mine") == true, "\(result)")
        #expect(row("gentle", folder.file("user"))?.suffix(3) == ["[shadowed", "by", folder.file("a/voices") + "]"], "\(result)")
        #expect(row("gentle", "built-in")?.last == folder.file("a/voices") + "]", "\(result)")
        #expect(row("deep", folder.file("user"))?.last == "one", "\(result)")
        #expect(row("calma", "built-in") != nil, "\(result)")
        #expect(result.stdout.contains("\(folder.file("a/voices")) (beside the script; 1 profile)"), "\(result)")
        #expect(result.stdout.contains("built-in: \(SootheCLI.packageRoot)/voices"), "\(result)")
    }

    @Test func theConfigurationFolderIsUsedWhenSootheVoicesIsUnset() throws {
        let folder = try TemporaryFolder()
        try folder.write("config/soothe/voices/xdg.yaml", "espeak: en\n")
        try folder.write("home/.config/soothe/voices/plain.yaml", "espeak: en\n")
        let unset = ["/usr/bin/env", "-u", "SOOTHE_VOICES"]
        let xdg = try SootheCLI.run(["voices"], environment: ["XDG_CONFIG_HOME": folder.file("config"), "HOME": folder.file("home")], wrapper: unset)
        #expect(xdg.status == 0, "\(xdg)")
        #expect(xdg.stdout.contains(folder.file("config/soothe/voices") + " (1 profile)"), "\(xdg)")
        #expect(xdg.stdout.split(separator: "\n").contains { $0.hasPrefix("xdg ") && $0.contains(folder.file("config/soothe/voices")) }, "\(xdg)")
        #expect(!xdg.stdout.contains("plain"), "\(xdg)")
        let home = try SootheCLI.run(["voices"], environment: ["XDG_CONFIG_HOME": "", "HOME": folder.file("home")], wrapper: unset)
        #expect(home.stdout.split(separator: "\n").contains { $0.hasPrefix("plain ") && $0.contains(folder.file("home/.config/soothe/voices")) }, "\(home)")
    }

    @Test func anInlineVoiceSpeaksAndRenders() throws {
        let folder = try TemporaryFolder()
        let text = "Breathe in slowly, and let the breath go, all the way out."
        let plain = try folder.write("plain.yaml", "title: T\nsteps:\n  - say: \(text)\n")
        let inline = try folder.write("quick.yaml", "title: T\nvoice: {espeak: en-us, rate: 220, pitch: 50}\nsteps:\n  - say: \(text)\n")
        #expect(try Self.voiceLine(inline) == "voice quick-inline (en-us, 220 wpm)")
        let (slow, fast) = (try Self.duration(plain), try Self.duration(inline))
        #expect(fast < slow * 0.8, "inline \(fast) s, default \(slow) s")

        // The same words in the inline voice and in a profile, in one render.
        let both = try folder.write("both.yaml", """
            title: T
            voice: {espeak: en-us, rate: 220}
            steps:
              - say: \(text)
              - say: \(text)
                voice: gentle
              - say: \(text)
                voice: {espeak: en-gb, rate: 150}

            """)
        let result = try SootheCLI.run(["render", both, "-o", folder.file("both.wav"), "--sample-rate", "22050", "--channels", "1", "--quiet"])
        #expect(result.status == 0, "\(result)")
        let frames = try AudioFileReader(path: folder.file("both.wav")).frames
        #expect(frames == Int((try Self.duration(both) * 22050).rounded()), "\(result)")
    }

    @Test func anUnknownKeyInAnInlineVoiceIsLocatedWithASuggestion() throws {
        let folder = try TemporaryFolder()
        let script = try folder.write("s.yaml", "title: T\nvoice: {espeak: en-us, rte: 130}\nsteps:\n  - say: Hi.\n    voice: {espeak: en, pich: 30}\n")
        let result = try SootheCLI.run(["check", script])
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.contains("\(script):2:24: error: unknown key 'rte' in voice profile; did you mean 'rate'?"), "\(result)")
        #expect(result.stderr.contains("\(script):5:25: error: unknown key 'pich' in voice profile; did you mean 'pitch'?"), "\(result)")
    }

    @Test func aMisspeltProfileNameSuggestsOneFromAnyFolder() throws {
        let folder = try TemporaryFolder()
        try folder.write("user/deep.yaml", "espeak: en+m1\n")
        try folder.write("a/voices/beside.yaml", "espeak: en\n")
        let script = try folder.write("a/s.yaml", "title: T\nvoice: deeep\nsteps:\n  - say: Hi.\n    voice: besid\n")
        let users = ["SOOTHE_VOICES": folder.file("user")]
        let check = try SootheCLI.run(["check", script], environment: users)
        #expect(check.status == 65, "\(check)")
        #expect(check.stderr.contains("\(script):2:8: error: unknown voice profile 'deeep'; did you mean 'deep'?"), "\(check)")
        #expect(check.stderr.contains("\(script):5:12: error: unknown voice profile 'besid'; did you mean 'beside'?"), "\(check)")
        let usage = try SootheCLI.run(["preview", script, "--voice", "deeep"], environment: users)
        #expect(usage.status == 64, "\(usage)")
        #expect(usage.stderr.contains("--voice: unknown voice profile 'deeep'; did you mean 'deep'?"), "\(usage)")
    }

    @Test func aBrokenProfileInAUserFolderIsAnErrorOnlyWhereItIsUsed() throws {
        let folder = try TemporaryFolder()
        try folder.write("user/loud.yaml", "espeak: en\nrate: 9000\n")
        let users = ["SOOTHE_VOICES": folder.file("user")]
        let fine = try folder.write("fine.yaml", Self.hello)
        let uses = try folder.write("uses.yaml", "title: T\nvoice: loud\nsteps:\n  - say: Hi.\n")
        let ok = try SootheCLI.run(["check", fine], environment: users)
        #expect(ok.status == 0 && ok.stderr.isEmpty, "\(ok)")
        let bad = try SootheCLI.run(["check", uses], environment: users)
        #expect(bad.status == 65, "\(bad)")
        #expect(bad.stderr.contains("\(uses):2:8: error: voice profile 'loud' (\(folder.file("user/loud.yaml"))) has an error, so it cannot be used"), "\(bad)")
        #expect(bad.stderr.contains("\(folder.file("user/loud.yaml")):2:7: error: 'rate' must be a whole number from 80 to 450; found '9000'"), "\(bad)")
        // Named on the command line, with no script to locate it in: the file's errors.
        let breathe = try SootheCLI.run(["breathe", "--voice", "loud", "--cycles", "1", "-o", folder.file("b.wav")], environment: users)
        #expect(breathe.status == 65, "\(breathe)")
        #expect(breathe.stderr.contains("\(folder.file("user/loud.yaml")):2:7: error: 'rate' must be"), "\(breathe)")
        #expect(breathe.stderr.contains("--voice: voice profile 'loud' (\(folder.file("user/loud.yaml"))) has errors"), "\(breathe)")
        let list = try SootheCLI.run(["voices"], environment: users)
        #expect(list.status == 65, "\(list)")
        #expect(list.stdout.split(separator: "\n").contains { $0.hasPrefix("loud ") && $0.contains("[invalid: 1 error") }, "\(list)")
        #expect(!list.stderr.contains("Fatal error"), "\(list)")
    }

    @Test func aSampleOfAProfileIsRenderedInItsLanguage() throws {
        let folder = try TemporaryFolder()
        try folder.write("user/zacht.yaml", "espeak: nl\nrate: 125\n")
        let small = ["--sample-rate", "22050", "--channels", "1", "--quiet"]
        let firstWords = ["gentle": "Find a comfortable position", "calma": "Busca una postura cómoda", "zacht": "Find a comfortable position"]
        for (name, file) in [("gentle", "gentle.flac"), ("calma", "calma.wav"), ("zacht", "zacht.wav")] {
            let result = try SootheCLI.run(
                ["voices", "--sample", name, "-o", folder.file(file), "--captions"] + small, environment: ["SOOTHE_VOICES": folder.file("user")])
            #expect(result.status == 0, "\(result)")
            let reader = try AudioFileReader(path: folder.file(file))
            #expect(reader.format == (file.hasSuffix(".flac") ? .flac : .wav))
            // Four short sentences and their pauses.
            let seconds = Double(reader.frames) / Double(reader.sampleRate)
            #expect((10...40).contains(seconds), "\(name): \(seconds) s")
            // In the profile's language (the captions say what was spoken); English where there is no passage.
            let captions = try String(contentsOfFile: folder.file(name + ".vtt"), encoding: .utf8)
            #expect(captions.contains(firstWords[name]!), "\(name): \(captions)")
            #expect(result.stderr.contains("no sample passage in 'nl'") == (name == "zacht"), "\(result)")
        }
        let unknown = try SootheCLI.run(["voices", "--sample", "gentel"])
        #expect(unknown.status == 64 && unknown.stderr.contains("--sample: unknown voice profile 'gentel'; did you mean 'gentle'?"), "\(unknown)")
        let stray = try SootheCLI.run(["voices", "-o", folder.file("x.wav")])
        #expect(stray.status == 64 && stray.stderr.contains("go with --sample PROFILE"), "\(stray)")
    }
}
