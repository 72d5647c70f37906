extension PhraseTable {
    /// English: the words every other table translates, and the fallback.
    public static let english = PhraseTable(
        language: "en", name: "English",
        numbers: [
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
        ],
        breathe: BreatheGuidance(
            welcome: "Let's breathe together. You can stop at any time, open your eyes and breathe normally.",
            safety: "If you feel lightheaded, breathe less deeply.",
            closing: "Let your breath return to its own rhythm. Notice how you feel now.",
            prompts: BreathPrompts(inhale: "Breathe in", topUp: "In", hold: "Hold", exhale: "Breathe out", rest: "Rest"),
            titles: BreathingTitles(
                box: "Box Breathing", fourSevenEight: "4-7-8 Breathing", coherent: "Coherent Breathing",
                sigh: "Cyclic Sigh", belly: "Belly Breathing", extendedExhale: "Extended Exhale",
                custom: "Breathing {pattern}", summary: "Paced breathing, pattern {pattern}.")))
}
