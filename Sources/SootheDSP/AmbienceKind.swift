/// The ambience beds. Raw values are the script names.
public enum AmbienceKind: String, CaseIterable, Sendable {
    case brownNoise = "brown-noise", pinkNoise = "pink-noise", rain, ocean
}
