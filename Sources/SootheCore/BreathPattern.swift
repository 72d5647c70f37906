/// The phase lengths of one breath cycle, in seconds.
public struct BreathPattern: Sendable, Hashable {
    public var inhale: Double
    /// The cyclic sigh's second, short inhale (0 for every other pattern).
    public var topUp: Double
    public var hold: Double
    public var exhale: Double
    public var rest: Double

    public init(inhale: Double, topUp: Double = 0, hold: Double = 0, exhale: Double, rest: Double = 0) {
        self.inhale = inhale
        self.topUp = topUp
        self.hold = hold
        self.exhale = exhale
        self.rest = rest
    }

    /// Seconds of one cycle.
    public var cycleLength: Double { inhale + topUp + hold + exhale + rest }

    /// Phases in the order they are breathed, zero-length ones included.
    public var phases: [(BreathPhase, Double)] {
        [(.inhale, inhale), (.topUp, topUp), (.hold, hold), (.exhale, exhale), (.rest, rest)]
    }

    /// The pattern `fraction` of the way from `self` to `other` (linear in every phase).
    public func interpolated(to other: BreathPattern, fraction t: Double) -> BreathPattern {
        func mix(_ a: Double, _ b: Double) -> Double { a + (b - a) * t }
        return BreathPattern(
            inhale: mix(inhale, other.inhale), topUp: mix(topUp, other.topUp), hold: mix(hold, other.hold),
            exhale: mix(exhale, other.exhale), rest: mix(rest, other.rest))
    }

    /// `4-7-8-0`, or `2.5+1-0-7.5-0` when there is a top-up inhale.
    public var notation: String {
        func f(_ x: Double) -> String {
            // `Int(x)` traps past Int.max: a pattern such as 1e308-0-4-0 is reported, not a crash.
            x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String((x * 100).rounded() / 100)
        }
        let inhalePart = topUp > 0 ? "\(f(inhale))+\(f(topUp))" : f(inhale)
        return "\(inhalePart)-\(f(hold))-\(f(exhale))-\(f(rest))"
    }

    /// The named patterns (see techniques.md for the sources of each).
    public static let presets: [String: BreathPattern] = [
        "box": BreathPattern(inhale: 4, hold: 4, exhale: 4, rest: 4),
        "4-7-8": BreathPattern(inhale: 4, hold: 7, exhale: 8),
        "coherent": BreathPattern(inhale: 4, exhale: 6),
        "sigh": BreathPattern(inhale: 2.5, topUp: 1, exhale: 7.5),
        "belly": BreathPattern(inhale: 5, exhale: 5),
        "extended-exhale": BreathPattern(inhale: 3, exhale: 7),
    ]

    /// Preset names in a stable order for messages.
    public static let presetNames = ["box", "4-7-8", "coherent", "sigh", "belly", "extended-exhale"]

    /// Shortest inhale or exhale accepted, in seconds: anything shorter is not a breath.
    public static let minimumBreath = 0.5
    /// Longest phase accepted, in seconds.
    public static let maximumPhase = 120.0

    /// Why the pattern cannot be breathed (a phrase such as "has a phase longer than 2 minutes"),
    /// or nil when it can.
    public var problem: String? {
        if inhale < Self.minimumBreath || exhale < Self.minimumBreath {
            return "needs an inhale and an exhale of at least \(Self.minimumBreath) s each"
        }
        if phases.contains(where: { $0.1 > Self.maximumPhase }) { return "has a phase longer than 2 minutes" }
        return nil
    }

    /// Parses `IN-HOLD-OUT-REST` (each a non-negative number of seconds; IN may be `A+B` for a
    /// top-up inhale) or a preset name. Returns nil when neither.
    public static func parse(_ text: String) -> BreathPattern? {
        if let preset = presets[text] { return preset }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        let inhaleParts = parts[0].split(separator: "+", omittingEmptySubsequences: false)
        guard inhaleParts.count <= 2 else { return nil }
        let numbers = (inhaleParts + parts.dropFirst()).map { Double($0.trimmingSpaces()) }
        guard numbers.allSatisfy({ $0 != nil && $0!.isFinite && $0! >= 0 }) else { return nil }
        let n = numbers.map { $0! }
        if inhaleParts.count == 2 {
            return BreathPattern(inhale: n[0], topUp: n[1], hold: n[2], exhale: n[3], rest: n[4])
        }
        return BreathPattern(inhale: n[0], hold: n[1], exhale: n[2], rest: n[3])
    }
}
