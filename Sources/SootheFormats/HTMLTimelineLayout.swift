import SootheCore

/// The geometry of the preview page's timeline: scale, lanes, time-axis ticks, cue shapes.
struct HTMLTimelineLayout: Sendable {
    /// A horizontal band of the timeline.
    enum Lane: String, CaseIterable, Sendable {
        case voice, breath, chime, ambience

        var title: String {
            switch self {
            case .voice: "Voice"
            case .breath: "Breath"
            case .chime: "Chimes"
            case .ambience: "Ambience"
            }
        }

        var height: Double {
            switch self {
            case .voice: 48
            case .breath: 64
            case .chime: 44
            case .ambience: 32
            }
        }

        /// The lane a cue is drawn in: silences share the voice lane.
        init(_ kind: CueKind) {
            switch kind {
            case .speech, .pause: self = .voice
            case .breath: self = .breath
            case .chime: self = .chime
            }
        }
    }

    static let axisHeight = 28.0
    static let laneGap = 6.0
    static let edge = 10.0
    static let labelWidth = 92.0

    /// The session's length in seconds (at least one, so an empty session still draws).
    let duration: Double
    /// Pixels per second: long sessions scroll sideways rather than squeezing speech into slivers.
    let pixelsPerSecond: Double

    init(duration: Double) {
        self.duration = max(duration, 1)
        pixelsPerSecond = min(24, max(6, 1000 / self.duration))
    }

    /// The timeline's drawn width in pixels.
    var width: Double { (duration * pixelsPerSecond + 2 * Self.edge).rounded(.up) }

    /// The whole drawing's height.
    var height: Double {
        Self.axisHeight + Lane.allCases.reduce(0) { $0 + $1.height + Self.laneGap }
    }

    /// The top of a lane.
    func top(of lane: Lane) -> Double {
        var y = Self.axisHeight + Self.laneGap
        for other in Lane.allCases {
            if other == lane { break }
            y += other.height + Self.laneGap
        }
        return y
    }

    /// The x of a time.
    func x(_ seconds: Double) -> Double { Self.edge + max(0, seconds) * pixelsPerSecond }

    /// A cue's width: at least 2 px so the shortest cue can still be seen and hovered.
    func width(from start: Double, to end: Double) -> Double { max(2, (end - start) * pixelsPerSecond) }

    /// Seconds between labelled ticks: the smallest round step that leaves room for an m:ss label.
    var tickStep: Double {
        let steps: [Double] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600]
        return steps.first { $0 * pixelsPerSecond >= 64 } ?? 3600
    }

    /// The labelled tick times, from 0 to the end.
    var ticks: [Double] {
        let step = tickStep
        return (0...Int((duration / step).rounded(.down))).map { Double($0) * step }
    }

    /// The level of the breath curve (0 = empty lungs, 1 = full) at the end of a phase that
    /// begins at `level`.
    static func breathLevel(after phase: BreathPhase, from level: Double) -> Double {
        switch phase {
        case .inhale: 0.82
        case .topUp: 1
        case .hold: level
        case .exhale, .rest: 0.12
        }
    }

    /// An SVG path for one breath phase: the area under a line from `from` to `to` (levels).
    func breathPath(start: Double, end: Double, from: Double, to: Double) -> String {
        let upper = top(of: .breath) + 6, base = upper + Lane.breath.height - 12
        let x0 = x(start), x1 = x0 + width(from: start, to: end)
        let c = HTMLText.coordinate
        func y(_ level: Double) -> String { c(base - level * (base - upper)) }
        return "M\(c(x0)) \(c(base))V\(y(from))L\(c(x1)) \(y(to))V\(c(base))Z"
    }

    /// An SVG path for a chime: a strike that decays to silence at the cue's end.
    func chimePath(start: Double, end: Double) -> String {
        let upper = top(of: .chime) + 6, base = upper + Lane.chime.height - 12
        let x0 = x(start), w = width(from: start, to: end)
        let c = HTMLText.coordinate
        return "M\(c(x0)) \(c(base))V\(c(upper))Q\(c(x0 + 0.12 * w)) \(c(base)) \(c(x0 + w)) \(c(base))Z"
    }
}
