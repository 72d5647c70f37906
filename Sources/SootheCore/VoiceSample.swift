/// The short passage `soothe voices --sample` speaks, so voices can be auditioned side by side:
/// four guided sentences, in the profile's language where there is a passage for it.
public enum VoiceSample {
    /// The passage for each language, by ISO 639-1 code: the same four sentences in each.
    public static let passages: [String: [String]] = [
        "en": [
            "Find a comfortable position, and let your eyes close.",
            "Breathe in slowly through your nose.",
            "And let the breath go, softly, through your mouth.",
            "You are safe here, and there is nothing you need to do.",
        ],
        "es": [
            "Busca una postura cómoda, y deja que tus ojos se cierren.",
            "Inhala despacio por la nariz.",
            "Y suelta el aire, suavemente, por la boca.",
            "Aquí estás a salvo, y no hay nada que tengas que hacer.",
        ],
        "de": [
            "Finde eine bequeme Haltung, und lass deine Augen sich schließen.",
            "Atme langsam durch die Nase ein.",
            "Und lass den Atem sanft durch den Mund hinausströmen.",
            "Du bist hier sicher, und es gibt nichts, was du tun musst.",
        ],
        "fr": [
            "Trouve une position confortable, et laisse tes yeux se fermer.",
            "Inspire lentement par le nez.",
            "Et laisse partir le souffle, doucement, par la bouche.",
            "Tu es en sécurité ici, et tu n'as rien à faire.",
        ],
        "pt": [
            "Encontre uma posição confortável, e deixe os olhos se fecharem.",
            "Inspire devagar pelo nariz.",
            "E solte o ar, suavemente, pela boca.",
            "Aqui você está em segurança, e não há nada que precise fazer.",
        ],
        "it": [
            "Trova una posizione comoda, e lascia che gli occhi si chiudano.",
            "Inspira lentamente dal naso.",
            "E lascia andare il respiro, dolcemente, dalla bocca.",
            "Qui sei al sicuro, e non c'è niente che tu debba fare.",
        ],
    ]

    /// Seconds of silence after each sentence.
    static let gap = 1.0

    /// The language of an espeak-ng voice name: its leading letters, lower case (`en-us+f3` →
    /// `en`, `roa/pt-BR` → `pt`).
    public static func language(ofEspeak espeak: String) -> String {
        let base = espeak.split(separator: "+").first.map { $0.split(separator: "/").last.map(String.init) ?? "" } ?? ""
        return String(base.lowercased().unicodeScalars.prefix { ("a"..."z").contains($0) })
    }

    /// Whether there is a passage in `voice`'s language (else the English one is spoken).
    public static func hasPassage(for voice: VoiceProfile) -> Bool {
        passages[language(ofEspeak: voice.espeak)] != nil
    }

    /// A script that speaks the passage in `voice` (the profile listed as `name`), a sentence a
    /// step with a second's pause after each.
    public static func script(name: String, voice: VoiceProfile) -> Script {
        let sentences = passages[language(ofEspeak: voice.espeak)] ?? passages["en"]!
        let steps = sentences.enumerated().map { index, sentence in
            Step(.say(Step.Say(text: sentence, after: gap)), at: SourceLocation(line: index + 1, column: 1))
        }
        return Script(
            file: "<sample>", id: ScriptParser.defaultID(forFileName: "sample-" + name),
            title: "Voice sample: \(name)", summary: voice.description.isEmpty ? nil : voice.description,
            technique: nil, voice: voice.name, inlineVoice: voice, steps: steps)
    }
}
