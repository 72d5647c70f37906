import Foundation
import Testing
@testable import SootheCore

/// The JSON Schema of session scripts (`schema/session.schema.json`, `soothe schema`): the
/// committed file is the generated one, its keys are the parser's, its patterns accept what the
/// parser accepts, every built-in follows it, and it rejects what `check` rejects structurally
/// (a sample of ``BadScript/all``), validated by python3-jsonschema.
@Suite struct SessionSchemaTests {
    static let root = SessionLibraryTests.packageRoot
    static let schemaFile = root + "/" + SessionSchema.path

    @Test func committedFileIsTheGeneratedSchema() throws {
        let committed = try String(contentsOfFile: Self.schemaFile, encoding: .utf8)
        #expect(committed == SessionSchema.text, "regenerate it: soothe schema > \(SessionSchema.path)")
    }

    /// The property names of the object at `path` (through `properties`, `anyOf` branches that
    /// are objects, and definitions), in order.
    static func keys(_ value: JSONValue?) -> [String] {
        guard let value else { return [] }
        if let properties = value["properties"]?.members { return properties.map(\.key) }
        if case .array(let branches)? = value["anyOf"] { return branches.flatMap { keys($0) } }
        return []
    }

    static func stepBranch(_ kind: String) -> JSONValue? {
        guard case .array(let branches)? = SessionSchema.document["definitions"]?["step"]?["anyOf"] else { return nil }
        return branches.first { $0["required"] == .array([.string(kind)]) }
    }

    @Test func schemaKeysAreTheParsersKeys() throws {
        let document = SessionSchema.document
        #expect(Self.keys(document) == ParseRun.topKeys)
        #expect(ParseRun.stepKeys.map { Self.stepBranch($0) != nil } == ParseRun.stepKeys.map { _ in true })
        for kind in ParseRun.stepKeys {
            #expect(Self.keys(Self.stepBranch(kind)) == [kind] + (ParseRun.optionKeys[kind] ?? []) + ParseRun.everyStepKeys, "step '\(kind)'")
        }
        let breathe = Self.stepBranch("breathe")?["properties"]?["breathe"]
        #expect(Self.keys(breathe) == ParseRun.breatheKeys)
        #expect(Self.keys(breathe?["properties"]?["prompts"]) == ParseRun.phaseKeys)
        #expect(Self.keys(document["definitions"]?["breath-pattern"]) == ParseRun.phaseKeys)
        #expect(Self.keys(breathe?["properties"]?["tone"]) == ParseRun.toneKeys)
        #expect(Self.keys(Self.stepBranch("repeat")?["properties"]?["repeat"]) == ParseRun.repeatKeys)
        #expect(Self.keys(document["properties"]?["ambience"]) == ["sound", "level", "loop"] + ParseRun.bedSettingKeys)
        #expect(Self.keys(document["properties"]?["voice"]) == VoiceLibrary.keys)
    }

    @Test func closedSetsAreTheEnums() {
        func names(_ value: JSONValue?) -> [String] {
            guard case .array(let items)? = value?["enum"] else { return [] }
            return items.compactMap { if case .string(let s) = $0 { s } else { nil } }
        }
        let document = SessionSchema.document
        #expect(names(document["properties"]?["tags"]?["items"]) == SessionTag.names)
        #expect(Set(names(Self.stepBranch("pause")?["properties"]?["chime"])) == Set(ChimeKind.names))
        let tone = Self.stepBranch("breathe")?["properties"]?["breathe"]?["properties"]?["tone"]
        #expect(names(tone?["anyOf"].flatMap { if case .array(let b) = $0 { b[1] } else { nil } }) == ToneStyle.names + SessionSchema.switchWords)
    }

    /// Every key and step kind says what it is (what an editor shows on hover).
    @Test func everyPropertyHasADescription() {
        var missing: [String] = []
        func walk(_ value: JSONValue, _ path: String) {
            guard let members = value.members else {
                if case .array(let items) = value { for (i, item) in items.enumerated() { walk(item, "\(path)[\(i)]") } }
                return
            }
            if let properties = value["properties"]?.members {
                for property in properties where property.value["description"] == nil { missing.append("\(path).\(property.key)") }
            }
            for member in members { walk(member.value, "\(path).\(member.key)") }
        }
        walk(SessionSchema.document, "$")
        #expect(missing.isEmpty, "no description: \(missing)")
        if case .array(let kinds)? = SessionSchema.document["definitions"]?["step"]?["anyOf"] {
            #expect(kinds.count == ParseRun.stepKeys.count)
            #expect(kinds.allSatisfy { $0["description"] != nil })
        } else {
            Issue.record("the step definition has no kinds")
        }
    }

    static let durations = [
        "6s", "1.5s", "90sec", "30 seconds", "2m", "2min", "1.5 min", "5 minutes", "1h", "1 hour", "250ms", "1m30s",
        "1h 30min", "1m0.5s", "1:30", "1:02:30", "1:30.5", "90", "2.5", "5 Minutes", "3MS", ".5", "5.", " 6s ",
        "five minutes", "6x", "1:60", "1m1m", "30s1m", "1e2", "-3s", "1:2:30", "1::30", "m", "", "1 m in", "1m30",
        "1.2.3s", "6 s s", "1:30:", "01:30", "1:05:5", "inf", "2 hours 5",
    ]

    @Test(arguments: durations)
    func durationPatternAcceptsWhatTheParserAccepts(_ text: String) throws {
        let regex = try Regex(SessionSchema.durationPattern)
        let parsed = (try? DurationParser.parse(text)).map { $0 >= 0 } ?? false
        #expect((text.wholeMatch(of: regex) != nil) == parsed, "'\(text)': parser \(parsed)")
    }

    static let patterns = ["4-7-8-0", "2.5+1-0-7.5-0", "4 - 4 - 4 - 4", "5-0-5-0", "4-4", "4-x-4-4", "4-7-8", "a-b-c-d", "1+2+3-0-4-0", "-4-4-4-4", "4--4-4"]

    @Test(arguments: patterns)
    func patternNotationMatchesTheParser(_ text: String) throws {
        let regex = try Regex(SessionSchema.patternNotation)
        let notation = text.wholeMatch(of: regex) != nil
        let preset = BreathPattern.presetNames.contains(text)
        #expect((notation || preset) == (BreathPattern.parse(text) != nil), "'\(text)'")
        #expect(!notation || BreathPattern.parse(text) != nil, "'\(text)' matches but does not parse")
    }

    @Test func soundFilePathPatternMatchesTheParser() throws {
        let regex = try Regex(SessionSchema.pathPattern)
        for text in ["./bell.wav", "../b", "/x", "~/bells/gong.ogg", "gong.FLAC", "rain.Opus", "rain", "bell", "singing-bowl", "wav", "x.wavs"] {
            #expect((text.firstMatch(of: regex) != nil) == SoundFile.isPath(text), "'\(text)'")
        }
    }

    // MARK: Validation by python3-jsonschema

    /// Validates each YAML file against the schema; prints one line per file, `ok` or `invalid:`.
    static let validator = """
        import json, sys, yaml, jsonschema
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        jsonschema.Draft7Validator.check_schema(schema)
        validator = jsonschema.Draft7Validator(schema)
        for path in sys.argv[2:]:
            errors = list(validator.iter_errors(yaml.safe_load(open(path, encoding="utf-8"))))
            print(path + "\\t" + ("ok" if not errors else "invalid: " + errors[0].message[:200]))
        """

    /// `path`: whether the schema accepts it, for each file.
    static func validate(_ files: [String], schema: String = schemaFile) throws -> [String: Bool] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", validator, schema] + files
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let problems = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3-jsonschema and python3-yaml are needed: \(problems)")
        var verdicts: [String: Bool] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            if parts.count == 2 { verdicts[String(parts[0])] = parts[1] == "ok" }
        }
        return verdicts
    }

    @Test func everyBuiltInFollowsTheSchemaAndNamesIt() throws {
        let files = SessionLibraryTests.builtInIDs.map { SessionLibraryTests.sessionsFolder + "/" + $0 + ".yaml" }
        #expect(files.count >= 30)
        let verdicts = try Self.validate(files)
        for file in files {
            #expect(verdicts[file] == true, "\(file) does not follow the schema")
            let first = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").first.map(String.init)
            #expect(first == SessionSchema.modeline("../../" + SessionSchema.path), "\(file) lacks the editor line")
        }
    }

    /// A sample of the parser's bad-input table, one of each structural kind: unknown keys,
    /// wrong types, unknown step kinds, bad duration and pattern forms, bad enum values,
    /// out-of-range numbers, missing and conflicting keys.
    static let sample = [
        "unknown top-level key", "missing title", "missing steps", "empty steps", "steps not a list", "title is a list",
        "invalid id", "script is a list", "voice with no value", "say with no text", "unknown tag", "tag given twice",
        "tags not a list", "when is a list", "unknown ambience", "unknown ambience in mapping", "ambience level out of range",
        "unknown chime", "unknown step", "unknown option", "step is text", "two actions in a step", "rate out of range",
        "zero strikes", "malformed clock duration", "malformed duration", "negative pause", "malformed after",
        "cycles and duration", "neither cycles nor duration", "missing pattern", "misspelt tone style",
        "misspelt tone style in a mapping", "tone pitch too low", "tone level too high", "unknown tone key", "tone is a list",
        "misspelt preset", "pattern with two parts", "malformed to", "a billion cycles", "cycles not a number",
        "breathe short form", "unknown breathe key", "unknown prompt phase", "count not a boolean",
        "repeat with neither times nor for", "repeat with both", "repeat with an empty for", "repeat without steps",
        "malformed length", "fit for length", "stretch not a boolean",
    ]

    @Test func schemaRejectsWhatCheckRejects() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("soothe-schema-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var files: [String: String] = [:]
        for name in Self.sample {
            let bad = try #require(BadScript.all.first { $0.name == name }, "no row '\(name)' in the bad-input table")
            #expect(TestScripts.parse(bad.yaml).diagnostics.hasErrors, "check accepts '\(name)'")
            let file = folder + "/" + name.replacingOccurrences(of: " ", with: "-") + ".yaml"
            try bad.yaml.write(toFile: file, atomically: true, encoding: .utf8)
            files[file] = name
        }
        // And scripts both accept, so the rejections are not the schema refusing everything.
        let good = [
            TestScripts.session("  - {pause: 1m30s, chime-every: 30s, chime: bell, stretch: false}\n  - {say: Hi., after: '1:30', rate: 130}\n"),
            "title: T\nlength: 10m\nambience: {sound: music, key: F, mode: minor, chord-every: 8s}\nsteps:\n  - breathe: {pattern: 2.5+1-0-7.5-0, to: {inhale: 4, exhale: 8}, duration: 90, tone: {style: chime, pitch: 200}}\n",
            "title: T\nvoice: {espeak: de+f3, rate: 125, room: off}\nsteps:\n  - repeat: {for: [hands, feet], steps: [{say: 'Notice your {item}.'}, {chime: ./bell.wav, strikes: 2}]}\n",
        ]
        for (i, yaml) in good.enumerated() {
            #expect(!TestScripts.parse(yaml).diagnostics.hasErrors, "check rejects good script \(i)")
            let file = folder + "/good-\(i).yaml"
            try yaml.write(toFile: file, atomically: true, encoding: .utf8)
            files[file] = "good \(i)"
        }
        let verdicts = try Self.validate(Array(files.keys))
        for (file, name) in files {
            #expect(verdicts[file] == name.hasPrefix("good"), "the schema \(verdicts[file] == true ? "accepts" : "rejects") '\(name)'")
        }
    }
}

/// The schema of translation files (`schema/translation.schema.json`, `soothe schema
/// --translation`): generated, the parser's keys, every shipped translation follows it, and it
/// rejects what the translation parser rejects structurally.
@Suite struct TranslationSchemaTests {
    static let schemaFile = SessionSchemaTests.root + "/" + TranslationSchema.path

    @Test func committedFileIsTheGeneratedSchema() throws {
        let committed = try String(contentsOfFile: Self.schemaFile, encoding: .utf8)
        #expect(committed == TranslationSchema.text, "regenerate it: soothe schema --translation > \(TranslationSchema.path)")
    }

    @Test func schemaKeysAreTheParsersKeys() throws {
        #expect(SessionSchemaTests.keys(TranslationSchema.document) == Translation.topKeys)
        guard case .array(let kinds)? = TranslationSchema.document["properties"]?["lines"]?["items"]?["anyOf"] else {
            Issue.record("no entry kinds")
            return
        }
        #expect(kinds.map { SessionSchemaTests.keys($0).first } == TranslatableLine.Kind.keys)
        for kind in kinds {
            let keys = SessionSchemaTests.keys(kind)
            #expect(Array(keys.dropFirst()) == (keys.first == "say" ? Translation.entryOptions : ["from"]), "\(keys)")
        }
    }

    @Test func everyShippedTranslationFollowsTheSchema() throws {
        let folder = SessionLibraryTests.sessionsFolder + "/translations"
        var files: [String] = []
        for language in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
            files += try FileManager.default.contentsOfDirectory(atPath: folder + "/" + language).filter { $0.hasSuffix(".yaml") }
                .map { folder + "/" + language + "/" + $0 }
        }
        #expect(files.count >= 100)
        let verdicts = try SessionSchemaTests.validate(files, schema: Self.schemaFile)
        for file in files {
            #expect(verdicts[file] == true, "\(file) does not follow the schema")
            let first = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").first.map(String.init)
            #expect(first == SessionSchema.modeline("../../../../" + TranslationSchema.path), "\(file) lacks the editor line")
        }
    }

    static let bad: [(String, String)] = [
        ("unknown top-level key", "title: T\nlines: []\ntitel: x\n"),
        ("title is a list", "title: [a]\nlines: []\n"),
        ("lines not a list", "title: T\nlines: hello\n"),
        ("entry with two kinds", "title: T\nlines:\n  - {say: Hallo., inhale: Ein}\n"),
        ("entry with an unknown key", "title: T\nlines:\n  - {say: Hallo., form: 1234abcd}\n"),
        ("after on a prompt", "title: T\nlines:\n  - {inhale: Ein, after: 2s}\n"),
        ("malformed after", "title: T\nlines:\n  - {say: Hallo., after: soon}\n"),
        ("entry is text", "title: T\nlines:\n  - Hallo\n"),
        ("neither title nor version", "summary: S\n"),
    ]

    @Test func schemaRejectsWhatTheParserRejects() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("soothe-tschema-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var files: [String: String] = [:]
        let good = "language: de\ntitle: T\nlines:\n  - {say: 'Hallo. [1s] Da.', from: 5dc5e78b, after: 2s}\n  - {inhale: Ein, from: 12345678}\n  - {item: Hände}\n"
        for (name, yaml) in Self.bad + [("good", good)] {
            let (_, diagnostics) = Translation.parse(bytes: Array(yaml.utf8), file: "t.yaml", language: "de")
            #expect(diagnostics.hasErrors == (name != "good"), "the parser on '\(name)': \(diagnostics)")
            let file = folder + "/" + name.replacingOccurrences(of: " ", with: "-") + ".yaml"
            try yaml.write(toFile: file, atomically: true, encoding: .utf8)
            files[file] = name
        }
        let verdicts = try SessionSchemaTests.validate(Array(files.keys), schema: Self.schemaFile)
        for (file, name) in files {
            #expect(verdicts[file] == (name == "good"), "the schema \(verdicts[file] == true ? "accepts" : "rejects") '\(name)'")
        }
    }
}
