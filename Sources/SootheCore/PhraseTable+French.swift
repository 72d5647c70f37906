extension PhraseTable {
    /// French, addressing the listener as tu, with no gendered adjectives.
    public static let french = PhraseTable(
        language: "fr", name: "French",
        numbers: [
            "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
            "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf", "vingt",
        ],
        breathe: BreatheGuidance(
            welcome: "Respirons ensemble. Tu peux t'arrêter à tout moment, ouvrir les yeux et respirer normalement.",
            safety: "Si la tête te tourne, respire moins profondément.",
            closing: "Laisse ton souffle retrouver son propre rythme. Observe comment tu te sens maintenant.",
            prompts: BreathPrompts(inhale: "Inspire", topUp: "Encore", hold: "Retiens ton souffle", exhale: "Expire", rest: "Pause"),
            titles: BreathingTitles(
                box: "Respiration carrée", fourSevenEight: "Respiration 4-7-8", coherent: "Cohérence cardiaque",
                sigh: "Soupir cyclique", belly: "Respiration abdominale", extendedExhale: "Expiration prolongée",
                custom: "Respiration {pattern}", summary: "Respiration rythmée, motif {pattern}.")))
}
