extension PhraseTable {
    /// Italian, addressing the listener as tu, with no gendered adjectives.
    public static let italian = PhraseTable(
        language: "it", name: "Italian",
        numbers: [
            "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci",
            "undici", "dodici", "tredici", "quattordici", "quindici", "sedici", "diciassette", "diciotto", "diciannove", "venti",
        ],
        breathe: BreatheGuidance(
            welcome: "Respiriamo insieme. Puoi fermarti in qualsiasi momento, aprire gli occhi e respirare normalmente.",
            safety: "Se ti gira la testa, respira meno profondamente.",
            closing: "Lascia che il respiro torni al suo ritmo naturale. Nota come ti senti adesso.",
            prompts: BreathPrompts(inhale: "Inspira", topUp: "Ancora", hold: "Trattieni", exhale: "Espira", rest: "Riposa"),
            titles: BreathingTitles(
                box: "Respirazione quadrata", fourSevenEight: "Respirazione 4-7-8", coherent: "Respirazione coerente",
                sigh: "Sospiro ciclico", belly: "Respirazione addominale", extendedExhale: "Espirazione prolungata",
                custom: "Respirazione {pattern}", summary: "Respirazione ritmata, schema {pattern}.")))
}
