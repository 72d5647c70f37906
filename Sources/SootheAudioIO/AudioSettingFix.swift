/// A setting of an audio file that cannot work as given, and values of it that would.
public struct AudioSettingFix: Sendable, Equatable {
    /// A setting of ``AudioFileSettings``.
    public enum Setting: String, Sendable, Equatable {
        case sampleRate = "sample rate"
        case channels = "channel count"
        case encoding = "sample encoding"
        case quality
    }

    public var setting: Setting
    /// Values that would work, best first, as a user would write them (`48000`, `24`).
    public var values: [String]

    public init(_ setting: Setting, values: [String]) {
        self.setting = setting
        self.values = values
    }
}
