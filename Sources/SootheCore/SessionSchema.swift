/// The JSON Schema of session scripts (`soothe schema`, `schema/session.schema.json`): what an
/// editor with a YAML language server completes, explains on hover and underlines.
///
/// Draft-07, the draft the YAML language server supports best. The closed sets (chimes, beds,
/// tone styles, tags, musical keys, breath presets) come from the enums and tables the parser
/// checks against, and durations and breath patterns are matched by patterns written from the
/// parser's own unit table, so the schema cannot drift from `check`. A key is one line in the
/// lists below (its name and schema, with a description).
public enum SessionSchema {
    /// The schema as indented JSON, ending in a newline.
    public static var text: String { document.rendered() + "\n" }

    /// Where the schema sits in the repository and under an installed soothe's share folder.
    public static let path = "schema/session.schema.json"

    /// The first line of every built-in and of what `soothe new` writes: it tells a YAML
    /// language server which schema the file follows.
    public static func modeline(_ location: String) -> String {
        "# yaml-language-server: $schema=\(location)"
    }

    /// The schema.
    public static var document: JSONValue {
        object(
            ("$schema", .string("http://json-schema.org/draft-07/schema#")),
            ("title", .string("soothe session script")),
            ("description", .string("A guided self-soothing session for soothe: a title and a list of steps (say, pause, chime, breathe, repeat) that soothe renders as audio. Reference: docs/session-format.md.")),
            ("type", .string("object")),
            ("required", strings(["title", "steps"])),
            ("properties", object(topLevel)),
            ("additionalProperties", .bool(false)),
            ("definitions", object(
                ("step", step), ("steps", steps(minimum: 1)),
                ("duration", durationShape(positive: false)), ("positive-duration", durationShape(positive: true)),
                ("breath-pattern", patternShape))))
    }

    // MARK: Keys

    /// The top-level keys.
    static var topLevel: [(String, JSONValue)] {
        [
            ("title", text("Shown in listings and written into the file's metadata. Required.")),
            ("id", described("The session's id, lower-case letters, digits and '-' (default: the file name without .yaml).", ("type", .string("string")), ("pattern", .string("^[a-z0-9-]+$")))),
            ("summary", text("One line on what the session does.")),
            ("technique", text("A free label; the built-ins use GROUP/TECHNIQUE from the source article, e.g. calming/deep-breathing.")),
            ("tags", described("Where the catalogue files the session ('soothe list --tag TAG'): each tag once.", ("type", .string("array")), ("uniqueItems", .bool(true)), ("items", names("A catalogue tag.", SessionTag.allCases.map { ($0.rawValue, $0.meaning) })))),
            ("when", text("The moment the session is for, in the listener's words; 'soothe list' shows it under the title.")),
            ("voice", voice("The session's voice: a profile's name (default gentle; 'soothe voices' lists them) or a voice written out, {espeak: de+f3, rate: 125}.")),
            ("ambience", ambience),
            ("chapters", chapters),
            ("length", duration("The length the session is fitted to, e.g. 10m: the pauses that stretch (every pause, or only those with 'stretch: true') grow or shrink by one factor so the session lasts this long within a second; breathing keeps its whole breaths. 'check' says by how much when it cannot be reached.", positive: true)),
            ("steps", described("The steps, run one after another from 0 s. Required, at least one.", ("$ref", .string("#/definitions/steps")))),
        ]
    }

    /// A step: one of the step kinds, each an object whose action key names it.
    static var step: JSONValue {
        described(
            "A step: say, pause, chime, breathe or repeat, with its options beside it.",
            ("anyOf", .array(stepKinds.map { kind in
                described(
                    kind.summary, ("type", .string("object")), ("required", strings([kind.key])),
                    ("properties", object([(kind.key, kind.value)] + kind.options + everyStep)), ("additionalProperties", .bool(false)))
            })))
    }

    /// Options every step kind takes, after its own: a line here adds one to each kind.
    static var everyStep: [(String, JSONValue)] {
        [
            ("chapter", described(
                "A chapter starts at this step, with this title (one line), or 'true' for a title from its first words (a breathe step: its pattern in words).",
                ("anyOf", .array([
                    object(("type", .string("string")), ("pattern", .string("^[^\\n]*\\S[^\\n]*$"))),
                    object(("const", .bool(true))),
                ]))))
        ]
    }

    /// `chapters:`: auto, off, or a rule per kind (YAML reads `off` and `on` as booleans too).
    static var chapters: JSONValue {
        let onOff = ["auto", "off", "true", "false", "yes", "no", "on"]
        let rule = described(
            "auto, off, or a title every such chapter gets.",
            ("anyOf", .array([object(("type", .string("string")), ("pattern", .string("\\S"))), object(("type", .string("boolean")))])))
        return described(
            "How steps become chapters besides those a 'chapter:' names: auto (default: each breathe section and each run of speech, titled from its words), off (only 'chapter:' steps), or {breathe: RULE, speech: RULE}, each RULE auto, off or a title.",
            ("anyOf", .array([
                object(("enum", strings(onOff))),
                object(("type", .string("boolean"))),
                object(
                    ("type", .string("object")),
                    ("properties", object(ChapterPolicy.kindKeys.map { ($0, rule) })),
                    ("additionalProperties", .bool(false))),
            ])))
    }

    /// The step kinds: the action key, what it is, its value and its options.
    static var stepKinds: [(key: String, summary: String, value: JSONValue, options: [(String, JSONValue)])] {
        [
            ("say", "Speak a phrase. '[2s]' inside the text is a silence inside the speech.",
             text("The text to speak; '[2s]' inside it is a silence; '{item}' is replaced in a 'repeat' over 'for'."),
             [
                ("voice", voice("A voice for this step only: a profile's name or a voice written out.")),
                ("rate", integer("Words per minute for this step (espeak-ng's range).", 80...450)),
                ("after", duration("Silence after the speech (default 0).", positive: false)),
             ]),
            ("pause", "Silence, optionally with interval bells.",
             duration("How long the silence lasts.", positive: true),
             [
                ("chime-every", duration("Ring an interval bell this often inside the pause (not at its start or end).", positive: true)),
                ("chime", names("The interval bell (default soft-chime), 3 dB under a normal chime.", ChimeKind.allCases.map { ($0.rawValue, $0.summary) })),
                ("stretch", boolean("Whether fitting the session to its 'length' may stretch this pause. Default: every pause stretches; once any pause says true, only those do; false keeps this one as written.")),
             ]),
            ("chime", "A bell: a built-in kind or a sound file. The next step starts after 'wait' while the bell rings on.",
             soundOrPath("The bell: a built-in kind or a sound file's path.", ChimeKind.allCases.map { ($0.rawValue, $0.summary) }),
             [
                ("level", number("dB relative to the bell's normal level.", -40...6)),
                ("strikes", integer("How many strikes, 2.5 s apart (the first ones lighter).", 1...10)),
                ("wait", duration("Seconds before the next step starts (default 1.5 s); the tail rings on under it.", positive: false)),
             ]),
            ("breathe", "A paced breathing section with a breath tone, optional spoken prompts and counting.",
             breathe, []),
            ("repeat", "Steps played several times: 'times: N' copies, or one copy per item of 'for'.",
             repeatBlock, []),
        ]
    }

    /// The mapping of a `breathe` step.
    static var breathe: JSONValue {
        let phases = BreathPhase.allCases.map(\.rawValue)
        return described(
            "The breathing: 'pattern' and 'cycles' or 'duration'.",
            ("type", .string("object")),
            ("required", strings(["pattern"])),
            ("oneOf", .array([object(("required", strings(["cycles"]))), object(("required", strings(["duration"])))])),
            ("properties", object([
                ("pattern", pattern("The breath: IN-HOLD-OUT-REST seconds (4-7-8-0; IN may be A+B for a top-up inhale), a preset, or {inhale: 4, hold: 7, exhale: 8, rest: 0}.")),
                ("to", pattern("A second pattern: the phases move gradually from 'pattern' (first cycle) to this one (last cycle).")),
                ("cycles", integer("How many breaths (or give 'duration').", 1...100_000)),
                ("duration", duration("A time to fill with breaths (or give 'cycles'), rounded to whole breaths.", positive: true)),
                ("prompts", described("Text spoken at the start of each phase.", ("type", .string("object")), ("properties", object(phases.map { ($0, text("Spoken at the start of each \($0).")) })), ("additionalProperties", .bool(false)))),
                ("prompt-cycles", integer("On how many first cycles the prompts are spoken (default: all).", 0...100_000)),
                ("count", boolean("Also count the seconds softly ('two, three, four') in the voice's language, on the prompted cycles.")),
                ("tone", tone),
            ])),
            ("additionalProperties", .bool(false)))
    }

    /// `tone:` true, false, a style or {style, pitch, level}.
    static var tone: JSONValue {
        let styles = ToneStyle.allCases.map { ($0.rawValue, $0.summary) }
        return described(
            "The breath tone that paces the breath: true (the default style), false (none), a style, or {style, pitch, level}.",
            ("anyOf", .array([
                .object([.init("type", .string("boolean"))]),
                names("A tone style, or true / false.", styles + switchWords.map { ($0, "on or off") }),
                described("The tone with its settings.", ("type", .string("object")), ("properties", object([
                    ("style", names("The tone style.", styles)),
                    ("pitch", number("The lowest note in hertz (empty lungs; for chime, the out-breath's note).", BreathToneSpec.pitchRange)),
                    ("level", number("Decibels relative to the style's level.", BreathToneSpec.levelRange)),
                ])), ("additionalProperties", .bool(false))),
            ])))
    }

    /// The mapping of a `repeat` step.
    static var repeatBlock: JSONValue {
        described(
            "'times' or 'for', and 'steps'.",
            ("type", .string("object")),
            ("required", strings(["steps"])),
            ("oneOf", .array([object(("required", strings(["times"]))), object(("required", strings(["for"])))])),
            ("properties", object([
                ("times", integer("How many copies of the steps.", 1...10_000)),
                ("for", described("One copy of the steps per item; '{item}' in their text is replaced by it.", ("type", .string("array")), ("minItems", .number(1)), ("items", text("An item: replaces '{item}'.")))),
                ("steps", described("The steps to repeat.", ("$ref", .string("#/definitions/steps")))),
            ])),
            ("additionalProperties", .bool(false)))
    }

    /// `ambience:` a sound or file, or {sound, level, loop, and the music and tone bed keys}.
    static var ambience: JSONValue {
        let sounds = AmbienceSound.allCases.map { ($0.rawValue, $0.summary) }
        let hertz = { (what: String, range: ClosedRange<Double>) in number(what, range) }
        let music = "(music bed only)", tones = "(binaural and isochronic beds only)"
        return described(
            "A bed under the whole session: a sound's name or a sound file's path, or {sound: NAME-OR-PATH, level: DB, ...}.",
            ("anyOf", .array([
                soundOrPath("The bed: a generated sound or a sound file's path.", sounds),
                described("The bed with its settings.", ("type", .string("object")), ("required", strings(["sound"])), ("properties", object([
                    ("sound", soundOrPath("The bed: a generated sound or a sound file's path.", sounds)),
                    ("level", number("dB relative to the bed's default level.", -60...12)),
                    ("loop", boolean("For a sound file: repeat it for the whole session, crossfaded (default true).")),
                    ("key", names("The key's tonic \(music).", MusicSettings.keyList.map { ($0, "the key of \($0)") })),
                    ("mode", names("major, or minor (natural minor) \(music).", MusicSettings.Mode.allCases.map { ($0.rawValue, $0.rawValue) })),
                    ("style", names("What the music plays \(music).", MusicSettings.Style.allCases.map { ($0.rawValue, $0.summary) })),
                    ("chord-every", duration("How long each chord lasts, 4 s to 60 s \(music).", positive: true)),
                    ("carrier", hertz("The tone in hertz \(tones).", ToneBedSettings.carrierRange)),
                    ("beat", hertz("The beat in hertz: the difference between the ears, or the pulses a second \(tones).", ToneBedSettings.beatRange)),
                    ("to", described("The values at the session's end, reached steadily \(tones).", ("type", .string("object")), ("properties", object([
                        ("carrier", hertz("The carrier at the end, in hertz.", ToneBedSettings.carrierRange)),
                        ("beat", hertz("The beat at the end, in hertz.", ToneBedSettings.beatRange)),
                    ])), ("additionalProperties", .bool(false)))),
                ])), ("additionalProperties", .bool(false))),
            ])))
    }

    /// `voice:` a profile's name or a profile written out.
    static func voice(_ description: String) -> JSONValue {
        described(description, ("anyOf", .array([
            described("A voice profile's name.", ("type", .string("string"))),
            described("A voice written out, with the keys of a profile file (docs/voices.md).", ("type", .string("object")), ("required", strings(["espeak"])), ("properties", object(voiceKeys)), ("additionalProperties", .bool(false))),
        ])))
    }

    /// The keys of a voice profile.
    static var voiceKeys: [(String, JSONValue)] {
        let pauseRange = "from 0 to 5 s"
        return [
            ("name", text("The voice's name in previews (default ID-inline).")),
            ("description", text("A line about the voice.")),
            ("espeak", described("The espeak-ng voice, with an optional +variant, e.g. en-us+f3 ('soothe voices --espeak' lists them). Required.", ("type", .string("string")))),
            ("rate", integer("Words per minute.", 80...450)),
            ("pitch", integer("espeak-ng's pitch.", 0...99)),
            ("range", integer("espeak-ng's pitch range.", 0...99)),
            ("word-gap", integer("Extra pause between words, in 10 ms units.", 0...100)),
            ("clause-pause", duration("Silence after , ; : or a spaced dash, \(pauseRange) (default 0: espeak-ng's own).", positive: false)),
            ("sentence-pause", duration("Silence after a sentence another follows, \(pauseRange) (default 0).", positive: false)),
            ("chain", boolean("High-pass, tilt, leveller and peak ceiling on every phrase (default on).")),
            ("room", described("A soft room, 0-100, or off (default off).", ("anyOf", .array([integer("How much room.", 0...100), boolean("off: no room.")])))),
            ("room-level", integer("The room's level in dB.", -10...0)),
        ]
    }

    // MARK: Value shapes

    /// What `true`/`false` may also be written as (the parser reads them case-insensitively).
    static let switchWords = ["true", "false", "yes", "no", "on", "off"]

    /// Text: YAML may read a bare number or true as such, and the parser takes it as written.
    static func text(_ description: String) -> JSONValue {
        described(description, ("type", strings(["string", "number", "boolean"])))
    }

    static func integer(_ description: String, _ range: ClosedRange<Int>) -> JSONValue {
        described(description, ("type", .string("integer")), ("minimum", .number(Double(range.lowerBound))), ("maximum", .number(Double(range.upperBound))))
    }

    static func number(_ description: String, _ range: ClosedRange<Double>) -> JSONValue {
        described(description, ("type", .string("number")), ("minimum", .number(range.lowerBound)), ("maximum", .number(range.upperBound)))
    }

    static func boolean(_ description: String) -> JSONValue {
        described(description, ("anyOf", .array([object(("type", .string("boolean"))), object(("enum", strings(switchWords)))])))
    }

    /// One of `choices` (name, what it is); `enumDescriptions` is what editors show beside each.
    static func names(_ description: String, _ choices: [(String, String)]) -> JSONValue {
        described(description, ("enum", strings(choices.map(\.0))), ("enumDescriptions", strings(choices.map(\.1))))
    }

    /// A built-in sound's name or a sound file's path.
    static func soundOrPath(_ description: String, _ choices: [(String, String)]) -> JSONValue {
        described(description, ("anyOf", .array([
            names("A built-in sound.", choices),
            described("A sound file: a path starting with ./, ../, / or ~/, or ending in a sound file extension.", ("type", .string("string")), ("pattern", .string(pathPattern))),
        ])))
    }

    /// A duration (see the `duration` definition); `positive`: more than zero.
    static func duration(_ description: String, positive: Bool) -> JSONValue {
        described(description + " A duration such as 6s, 1m30s or 1:30.", ("$ref", .string(positive ? "#/definitions/positive-duration" : "#/definitions/duration")))
    }

    /// A duration: a number of seconds, or text in one of ``DurationParser``'s forms.
    static func durationShape(positive: Bool) -> JSONValue {
        described("A duration\(positive ? " longer than zero" : ""): \(DurationParser.forms).", ("anyOf", .array([
            object(("type", .string("number")), (positive ? "exclusiveMinimum" : "minimum", .number(0))),
            object(("type", .string("string")), ("pattern", .string(durationPattern))),
        ])))
    }

    /// A breath pattern (see the `breath-pattern` definition).
    static func pattern(_ description: String) -> JSONValue {
        described(description, ("$ref", .string("#/definitions/breath-pattern")))
    }

    /// A breath pattern: a preset, `IN-HOLD-OUT-REST`, or a mapping of phases.
    static var patternShape: JSONValue {
        let presets = BreathPattern.presetNames.map { name in (name, BreathPattern.presets[name].map { "\($0.notation) seconds" } ?? name) }
        return described("A breath pattern: a preset, IN-HOLD-OUT-REST seconds, or a mapping of phases.", ("anyOf", .array([
            names("A preset.", presets),
            described("IN-HOLD-OUT-REST in seconds, e.g. 4-7-8-0 or 2.5+1-0-7.5-0.", ("type", .string("string")), ("pattern", .string(patternNotation))),
            described("The phases in seconds.", ("type", .string("object")), ("properties", object(BreathPhase.allCases.map { ($0.rawValue, duration("The \($0.rawValue) phase.", positive: false)) })), ("additionalProperties", .bool(false))),
        ])))
    }

    static func steps(minimum: Int) -> JSONValue {
        object(("type", .string("array")), ("minItems", .number(Double(minimum))), ("items", object(("$ref", .string("#/definitions/step")))))
    }

    // MARK: Patterns

    /// A number as ``DurationParser`` reads it: digits with at most one point.
    static let decimal = "(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)"

    /// Every form ``DurationParser/parse(_:)`` accepts, without a sign.
    static var durationPattern: String {
        let clock = "[0-9]+:[0-5][0-9](?::[0-5][0-9])?(?:\\.[0-9]*)?"
        // Units largest first, each once, each a whole word (the parser reads letters as one unit).
        let ranks = Dictionary(grouping: DurationParser.units, by: { $0.value.1 }).sorted { $0.key > $1.key }
        let parts = ranks.map { _, units in
            let names = units.map(\.key).sorted { ($0.count, $0) > ($1.count, $1) }.map(caseless)
            return "(?:\(decimal) *(?:\(names.joined(separator: "|")))(?![A-Za-z]) *)?"
        }
        let units = "(?=[^0-9]*[0-9])" + parts.joined()
        return "^ *(?:\(decimal)|\(clock)|\(units)) *$"
    }

    /// `IN-HOLD-OUT-REST`, IN perhaps `A+B`; or a preset (matched by the enum beside it).
    static var patternNotation: String {
        let n = " *\(decimal) *"
        return "^\(n)(?:\\+\(n))?-\(n)-\(n)-\(n)$"
    }

    /// A value ``SoundFile/isPath(_:)`` takes for a file.
    static var pathPattern: String {
        "^(?:\\./|\\.\\./|/|~/)|\\.(?:\(SoundFile.extensions.map(caseless).joined(separator: "|")))$"
    }

    /// `text` matched in any case without a flag (JSON Schema patterns have none): `[mM][sS]`.
    static func caseless(_ text: String) -> String {
        text.map { ch in
            let lower = ch.lowercased(), upper = ch.uppercased()
            return lower == upper ? String(ch) : "[\(lower)\(upper)]"
        }.joined()
    }

    // MARK: Building

    static func object(_ members: (String, JSONValue)...) -> JSONValue {
        object(members)
    }

    static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(members.map { JSONValue.Member($0.0, $0.1) })
    }

    /// An object with `description` first.
    static func described(_ description: String, _ members: (String, JSONValue)...) -> JSONValue {
        object([("description", .string(description))] + members)
    }

    static func strings(_ values: [String]) -> JSONValue {
        .array(values.map { .string($0) })
    }
}
