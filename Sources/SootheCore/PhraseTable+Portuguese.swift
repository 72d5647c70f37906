extension PhraseTable {
    /// Portuguese, addressing the listener as você (imperatives that Portugal uses too), with no
    /// gendered adjectives; the numbers are Brazilian (dezesseis, dezessete, dezenove).
    public static let portuguese = PhraseTable(
        language: "pt", name: "Portuguese",
        numbers: [
            "um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove", "dez",
            "onze", "doze", "treze", "catorze", "quinze", "dezesseis", "dezessete", "dezoito", "dezenove", "vinte",
        ],
        breathe: BreatheGuidance(
            welcome: "Vamos respirar em conjunto. Você pode parar a qualquer momento, abrir os olhos e respirar normalmente.",
            safety: "Se sentir tontura, respire com menos profundidade.",
            closing: "Deixe a respiração voltar ao seu próprio ritmo. Perceba como você se sente agora.",
            prompts: BreathPrompts(inhale: "Inspire", topUp: "Mais", hold: "Segure o ar", exhale: "Expire", rest: "Descanse"),
            titles: BreathingTitles(
                box: "Respiração quadrada", fourSevenEight: "Respiração 4-7-8", coherent: "Respiração coerente",
                sigh: "Suspiro cíclico", belly: "Respiração abdominal", extendedExhale: "Expiração prolongada",
                custom: "Respiração {pattern}", summary: "Respiração ritmada, padrão {pattern}.")))
}
