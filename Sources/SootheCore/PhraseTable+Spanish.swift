extension PhraseTable {
    /// Spanish, addressing the listener as tú, with no gendered adjectives.
    public static let spanish = PhraseTable(
        language: "es", name: "Spanish",
        numbers: [
            "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
            "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve", "veinte",
        ],
        breathe: BreatheGuidance(
            welcome: "Vamos a respirar en compañía. Puedes parar cuando quieras, abrir los ojos y respirar con normalidad.",
            safety: "Si notas mareo, respira con menos profundidad.",
            closing: "Deja que la respiración vuelva a su propio ritmo. Observa cómo te sientes ahora.",
            prompts: BreathPrompts(inhale: "Inhala", topUp: "Más", hold: "Retén el aire", exhale: "Exhala", rest: "Descansa"),
            titles: BreathingTitles(
                box: "Respiración cuadrada", fourSevenEight: "Respiración 4-7-8", coherent: "Respiración coherente",
                sigh: "Suspiro cíclico", belly: "Respiración abdominal", extendedExhale: "Exhalación prolongada",
                custom: "Respiración {pattern}", summary: "Respiración pausada, patrón {pattern}.")))
}
