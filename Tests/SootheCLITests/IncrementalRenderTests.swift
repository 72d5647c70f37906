import Foundation
import Testing

/// `render --incremental`: a session whose inputs did not change since its file was written is
/// left as it is; a changed input renders that session alone.
@Suite struct IncrementalRenderTests {
    static let small = CatalogueRenderTests.small

    /// Runs a batch of the catalogue in `folder` into `out` with `extra` arguments; its JSON rows.
    static func render(_ folder: TemporaryFolder, _ extra: [String], out: String = "out", scripts: String = "scripts") throws -> [[String: Any]] {
        let result = try SootheCLI.run(
            ["render", "--catalogue", folder.file(scripts), "-o", folder.file(out), "--json"] + small + extra,
            environment: CatalogueRenderTests.noCI)
        #expect(result.status == 0, "\(result)")
        return try CatalogueRenderTests.summary(result)
    }

    /// Each session's status.
    static func statuses(_ rows: [[String: Any]]) -> [String: String] {
        rows.reduce(into: [:]) { $0[$1["session"] as? String ?? "?"] = $1["status"] as? String }
    }

    static func all(_ status: String, _ ids: [String] = CatalogueRenderTests.order) -> [String: String] {
        ids.reduce(into: [:]) { $0[$1] = status }
    }

    /// Each output's bytes and modification time.
    static func files(_ folder: String, _ names: [String]) throws -> [String: (Data, Date)] {
        try names.reduce(into: [:]) { result, name in
            let path = folder + "/" + name
            let modified = try #require(FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
            result[name] = (try Data(contentsOf: URL(fileURLWithPath: path)), modified)
        }
    }

    @Test func aSecondRunWithNothingChangedLeavesEveryFileAsItWas() throws {
        let folder = try CatalogueRenderTests.catalogue()
        let names = CatalogueRenderTests.order.map { $0 + ".wav" } + ["wake.vtt"]
        let first = try Self.render(folder, ["--incremental", "--captions"])
        #expect(Self.statuses(first) == Self.all("rendered"))
        #expect(FileManager.default.fileExists(atPath: folder.file("out/.soothe-manifest.json")))
        let before = try Self.files(folder.file("out"), names)

        let second = try Self.render(folder, ["--incremental", "--captions"])
        #expect(Self.statuses(second) == Self.all("unchanged"))
        let after = try Self.files(folder.file("out"), names)
        for name in names {
            #expect(after[name]?.0 == before[name]?.0, "\(name) changed")
            #expect(after[name]?.1 == before[name]?.1, "\(name) was written again")
        }
        // An unchanged session's row keeps the figures of the render that wrote its file.
        for (old, new) in zip(first, second) {
            for key in ["session", "title", "language", "voice", "file", "size", "length", "loudness", "channels", "peak"] {
                #expect("\(old[key] ?? "nil")" == "\(new[key] ?? "nil")", "\(key): \(old) vs \(new)")
            }
            #expect(new["time"] is NSNull)
        }

        // Deciding speaks nothing: with no speech to be had (no server, an empty cache), a batch
        // with nothing changed succeeds, and at once.
        let started = Date()
        let silent = try SootheCLI.run(
            ["render", "--catalogue", folder.file("scripts"), "-o", folder.file("out"), "--captions", "--json"] + Self.small,
            cache: folder.file("empty-cache"),
            environment: CatalogueRenderTests.noCI.merging(["SOOTHE_SPEECH_SERVER": folder.file("no-such-server")]) { $1 })
        let seconds = Date().timeIntervalSince(started)
        #expect(silent.status == 0, "\(silent)")
        #expect(Self.statuses(try CatalogueRenderTests.summary(silent)) == Self.all("unchanged"), "\(silent)")
        #expect(seconds < 1, "\(seconds) s")
        // Rendering it needs speech, and fails for want of it.
        let speaking = try SootheCLI.run(
            ["render", "--catalogue", folder.file("scripts"), "-o", folder.file("fresh"), "--captions"] + Self.small,
            cache: folder.file("empty-cache"),
            environment: CatalogueRenderTests.noCI.merging(["SOOTHE_SPEECH_SERVER": folder.file("no-such-server")]) { $1 })
        #expect(speaking.status == 71, "\(speaking)")

        // With a manifest in the folder, incremental is the default; the table says what it skipped.
        let table = try SootheCLI.run(
            ["render", "--catalogue", folder.file("scripts"), "-o", folder.file("out"), "--captions"] + Self.small,
            environment: CatalogueRenderTests.noCI)
        #expect(table.status == 0 && table.stdout.hasSuffix("0 rendered, skipped 4 unchanged, 0 failed\n"), "\(table)")
        #expect(table.stdout.split(separator: "\n").filter { $0.hasSuffix("unchanged") }.count == 4, "\(table)")
        // --no-incremental renders all of it (and the manifest follows).
        #expect(Self.statuses(try Self.render(folder, ["--no-incremental", "--captions"])) == Self.all("rendered"))
        #expect(Self.statuses(try Self.render(folder, ["--captions"])) == Self.all("unchanged"))
        // Without the captions asked for, the sessions' outputs are not what was written.
        #expect(Self.statuses(try Self.render(folder, [])) == Self.all("rendered"))
    }

    @Test func aChangedScriptSoundOrOutputRendersThatSessionAlone() throws {
        let folder = try CatalogueRenderTests.catalogue()
        let bell = folder.file("scripts/sounds/bell.wav")
        try FileManager.default.createDirectory(atPath: folder.file("scripts/sounds"), withIntermediateDirectories: true)
        #expect(try SootheCLI.run(["sounds", "bell", "-o", bell, "-q"] + Self.small).status == 0)
        try folder.write("scripts/evening/b-rest.yml", "title: B\nsteps:\n  - chime: ../sounds/bell.wav\n  - pause: 2s\n")
        #expect(Self.statuses(try Self.render(folder, ["--incremental"])) == Self.all("rendered"))

        var expected = Self.all("unchanged")
        // A script edited.
        try folder.write("scripts/zeta.yaml", CatalogueRenderTests.quiet("Zeta", seconds: 2))
        expected["zeta"] = "rendered"
        #expect(Self.statuses(try Self.render(folder, [])) == expected)
        // A sound file a script plays, replaced.
        #expect(try SootheCLI.run(["sounds", "singing-bowl", "-o", bell, "-q"] + Self.small).status == 0)
        expected = Self.all("unchanged")
        expected["b-rest"] = "rendered"
        #expect(Self.statuses(try Self.render(folder, [])) == expected)
        // An output removed, or changed since it was written.
        try FileManager.default.removeItem(atPath: folder.file("out/a-rest.wav"))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: folder.file("out/wake.wav")))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0]))
        try handle.close()
        expected = Self.all("unchanged")
        expected["a-rest"] = "rendered"
        expected["wake"] = "rendered"
        #expect(Self.statuses(try Self.render(folder, [])) == expected)
        // A file with a new time but its bytes as written (a folder restored from a CI's cache) is current.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000_000)], ofItemAtPath: folder.file("out/zeta.wav"))
        #expect(Self.statuses(try Self.render(folder, [])) == Self.all("unchanged"))
    }

    @Test func changedOptionsRenderEverySessionAgain() throws {
        let folder = try CatalogueRenderTests.catalogue()
        #expect(Self.statuses(try Self.render(folder, ["--incremental"])) == Self.all("rendered"))
        #expect(Self.statuses(try Self.render(folder, ["--loudness", "-18"])) == Self.all("rendered"))
        #expect(Self.statuses(try Self.render(folder, ["--loudness", "-18"])) == Self.all("unchanged"))
        #expect(Self.statuses(try Self.render(folder, ["--loudness", "-18", "--voice", "steady"])) == Self.all("rendered"))
        #expect(Self.statuses(try Self.render(folder, ["--loudness", "-18", "--voice", "steady", "--seed", "7"])) == Self.all("rendered"))
        // Another format is another file, rendered; the WAVs' entries stay for their next run.
        #expect(Self.statuses(try Self.render(folder, ["--loudness", "-18", "--voice", "steady", "--seed", "7", "--format", "flac"])) == Self.all("rendered"))
        #expect(Self.statuses(try Self.render(folder, ["--loudness", "-18", "--voice", "steady", "--seed", "7"])) == Self.all("unchanged"))
    }

    @Test func aChangedTranslationRendersThatLanguageAlone() throws {
        let folder = try TemporaryFolder()
        let script = try folder.write("scripts/hello.yaml", "title: Hello\nsteps:\n  - say: Hello there.\n  - pause: 1s\n")
        for language in ["de", "es"] {
            let template = try SootheCLI.run(["translate", script, "--lang", language])
            #expect(template.status == 0, "\(template)")
            try folder.write("scripts/translations/\(language)/hello.yaml", template.stdout.replacingOccurrences(of: "Hello there.", with: language == "de" ? "Hallo." : "Hola."))
        }
        let first = try Self.render(folder, ["--incremental", "--lang", "de,es"])
        #expect(first.map { $0["status"] as? String } == ["rendered", "rendered"], "\(first)")
        #expect(first.map { $0["language"] as? String } == ["de", "es"])
        let file = folder.file("scripts/translations/de/hello.yaml")
        try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "Hallo.", with: "Guten Tag.").write(toFile: file, atomically: true, encoding: .utf8)
        let second = try Self.render(folder, ["--lang", "de,es"])
        #expect(second.map { $0["status"] as? String } == ["rendered", "unchanged"], "\(second)")
        #expect(Self.statuses(try Self.render(folder, ["--lang", "de,es"])) == ["hello": "unchanged"])
    }

    /// Shards of one catalogue rendered at the same time into one folder (a shared volume) each
    /// add their files to the manifest instead of keeping only their own: a later run of the
    /// whole catalogue finds every session unchanged.
    @Test func shardsSharingAFolderKeepEachOthersEntries() throws {
        let folder = try CatalogueRenderTests.catalogue()
        let (scripts, out) = (folder.file("scripts"), folder.file("out"))
        let statuses = NSLock()
        nonisolated(unsafe) var rendered: [String: String] = [:]
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let result = try? SootheCLI.run(
                ["render", "--catalogue", scripts, "-o", out, "--json", "--incremental", "--shard", "\(index + 1)/2"] + Self.small,
                environment: CatalogueRenderTests.noCI)
            let rows = result.flatMap { try? CatalogueRenderTests.summary($0) } ?? []
            statuses.withLock { rendered.merge(Self.statuses(rows)) { $1 } }
        }
        #expect(rendered == Self.all("rendered"))
        #expect(Self.statuses(try Self.render(folder, [])) == Self.all("unchanged"))
    }

    /// An espeak-ng variant file edited (soothe's own, in its home's `voices/variants/`) changes
    /// how every voice made on it sounds: sessions in such a voice render again, others do not.
    @Test func aChangedVariantFileRendersTheSessionsInVoicesMadeOnIt() throws {
        let folder = try CatalogueRenderTests.catalogue()
        let home = folder.file("home")
        try FileManager.default.createDirectory(atPath: home + "/assets", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: home + "/assets/sessions", withDestinationPath: SootheCLI.packageRoot + "/assets/sessions")
        try FileManager.default.copyItem(atPath: SootheCLI.packageRoot + "/voices", toPath: home + "/voices")
        func render() throws -> [String: String] {
            let result = try SootheCLI.run(
                ["render", "--catalogue", folder.file("scripts"), "-o", folder.file("out"), "--json", "--incremental", "--voice", "gentle"] + Self.small,
                home: home, cache: folder.file("cache"), environment: CatalogueRenderTests.noCI)
            #expect(result.status == 0, "\(result)")
            return Self.statuses(try CatalogueRenderTests.summary(result))
        }
        func edit(_ variant: String, _ line: String, _ replacement: String) throws {
            let path = home + "/voices/variants/" + variant
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains(line))
            try text.replacingOccurrences(of: line, with: replacement).write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(try render() == Self.all("rendered"))
        #expect(try render() == Self.all("unchanged"))
        // gentle is en-us+soothe-soft-f.
        try edit("soothe-soft-f", "pitch 150 230", "pitch 140 220")
        #expect(try render() == Self.all("rendered"))
        try edit("soothe-soft-m", "pitch 82 118", "pitch 80 115")
        #expect(try render() == Self.all("unchanged"))
    }
}
