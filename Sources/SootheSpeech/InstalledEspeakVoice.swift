/// One voice that the installed espeak-ng can speak with.
public struct InstalledEspeakVoice: Sendable, Hashable {
    /// espeak-ng's display name, e.g. `English (America)`.
    public let name: String
    /// Language codes the voice speaks, most preferred first, e.g. `["en-us", "en"]`. The first
    /// one is the name to put in a voice profile's `espeak:` field.
    public let languages: [String]
    /// The voice's gender, when espeak-ng knows it.
    public let gender: Gender?
    /// The voice file within espeak-ng-data/voices, e.g. `gmw/en-US`.
    public let identifier: String

    /// A voice's gender as espeak-ng records it.
    public enum Gender: String, Sendable, Hashable {
        /// espeak-ng's gender 1.
        case male
        /// espeak-ng's gender 2.
        case female
        /// espeak-ng's gender 3.
        case neutral
    }

    /// A voice from its parts.
    public init(name: String, languages: [String], gender: Gender?, identifier: String) {
        self.name = name
        self.languages = languages
        self.gender = gender
        self.identifier = identifier
    }
}
