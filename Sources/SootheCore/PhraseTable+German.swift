extension PhraseTable {
    /// German, addressing the listener as du; the prompts are infinitives ("Einatmen"), as German
    /// breathing guidance says them.
    public static let german = PhraseTable(
        language: "de", name: "German",
        numbers: [
            "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn",
            "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn", "zwanzig",
        ],
        breathe: BreatheGuidance(
            welcome: "Lass uns gemeinsam atmen. Du kannst jederzeit aufhören, die Augen öffnen und normal atmen.",
            safety: "Wenn dir schwindelig wird, atme weniger tief.",
            closing: "Lass deinen Atem zu seinem eigenen Rhythmus zurückfinden. Spür nach, wie es dir jetzt geht.",
            prompts: BreathPrompts(inhale: "Einatmen", topUp: "Mehr", hold: "Halten", exhale: "Ausatmen", rest: "Pause"),
            titles: BreathingTitles(
                box: "Box-Atmung", fourSevenEight: "4-7-8-Atmung", coherent: "Kohärente Atmung",
                sigh: "Zyklisches Seufzen", belly: "Bauchatmung", extendedExhale: "Verlängerte Ausatmung",
                custom: "Atmung {pattern}", summary: "Atmen im Takt, Muster {pattern}.")))
}
