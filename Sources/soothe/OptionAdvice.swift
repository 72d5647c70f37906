import SootheRender

/// The render options' errors in the command line's terms: the flag that sets the option, and
/// the flag with values that would work.
enum OptionAdvice {
    /// The flag that sets `setting` (quality has none: each format's default is used).
    static func flag(for setting: RenderOptions.Setting) -> String? {
        switch setting {
        case .sampleRate: "--sample-rate"
        case .channels: "--channels"
        case .encoding: "--bit-depth"
        case .loudness: "--loudness"
        case .quality: nil
        }
    }

    /// `error`'s message with the option named by its flag (`--sample-rate must be ...`) and,
    /// where values would work, how to ask for them (`: use --sample-rate 48000 or 44100`).
    static func message(for error: RenderError) -> String {
        guard let fix = error.fix, let flag = flag(for: fix.setting) else { return error.message }
        var message = error.message
        if message.hasPrefix(fix.setting.rawValue + " ") {
            message = flag + message.dropFirst(fix.setting.rawValue.count)
        }
        if !fix.values.isEmpty { message += ": use \(flag) \(fix.values.joined(separator: " or "))" }
        return message
    }
}
