/// The length a script asks for (`length: 10m`) and where it says so.
public struct LengthTarget: Sendable, Hashable {
    /// Seconds the session should last.
    public var seconds: Double
    /// Where `length:`'s value is written (diagnostics about the target point there).
    public var location: SourceLocation
    /// What asked for it, in messages: `'length'`, or `--minutes` for `soothe breathe`.
    public var askedBy: String

    public init(seconds: Double, location: SourceLocation = .start, askedBy: String = "'length'") {
        self.seconds = seconds
        self.location = location
        self.askedBy = askedBy
    }
}

/// How a session is fitted to its `length:`: the pauses that stretch all grow or shrink by one
/// factor (a pause written shorter than ``shortestPause`` keeps its length, and none shrinks
/// under it), so that the whole session, speech, breathing and ringing bells included, lasts
/// the target within ``tolerance``. Breathing sections keep their whole breaths.
///
/// Which pauses stretch: every `pause` by default; when any pause says `stretch: true`, only
/// those; `stretch: false` keeps a pause as written.
public enum LengthFitting {
    /// The least factor: a stretched pause shrinks to a quarter of its written length at most.
    public static let shortestFactor = 0.25
    /// The greatest factor: a stretched pause grows to sixty times its written length at most
    /// (a 10 s pause to 10 minutes), so a mistyped length is reported, not padded with silence.
    public static let longestFactor = 60.0
    /// No pause is shrunk under this many seconds.
    public static let shortestPause = 0.5
    /// How far from the target a fitted session may end, in seconds (either way).
    public static let tolerance = 0.5

    /// A written pause's length at `factor`.
    public static func stretched(_ written: Double, factor: Double) -> Double {
        max(written * factor, min(written, shortestPause))
    }

    /// Whether only pauses marked `stretch: true` stretch (some pause in `steps` says so).
    static func onlyMarked(_ steps: [Step]) -> Bool {
        steps.contains { step in
            switch step.action {
            case .pause(let pause): pause.stretch == true
            case .repeat(let block): onlyMarked(block.steps)
            default: false
            }
        }
    }

    /// Whether `pause` stretches, given whether only marked pauses do.
    static func stretches(_ pause: Step.Pause, onlyMarked: Bool) -> Bool {
        onlyMarked ? pause.stretch == true : pause.stretch != false
    }
}

/// What fitting a session to its `length:` did: shown by `preview`.
public struct LengthFit: Sendable, Hashable {
    /// The length asked for, in seconds.
    public var target: Double
    /// The factor every stretched pause was multiplied by.
    public var factor: Double
    /// How many pause cues were stretched.
    public var pauses: Int

    public init(target: Double, factor: Double, pauses: Int) {
        self.target = target
        self.factor = factor
        self.pauses = pauses
    }
}
