import SootheModel

/// What the `music` bed plays, decided before any sound: a seeded walk over the key's consonant
/// chords (one every `chordSeconds`, voiced close to the chord before) and sparse bell notes from
/// the key's scale, leaning on the chord under them. Two independent generators (chords, bells),
/// so each stream is the same however the renderer interleaves asking for them.
public struct MusicScore: Sendable {
    /// A chord: its scale degree (0 = tonic) and its four MIDI notes, bass first.
    public struct Chord: Sendable, Hashable {
        public var degree: Int
        public var notes: [Int]
    }

    /// A bell note: when, which MIDI note, how hard (0…1) and where (−1 left … 1 right).
    public struct Bell: Sendable, Hashable {
        public var time: Double
        public var note: Int
        public var velocity: Double
        public var pan: Double
    }

    public let settings: MusicSettings
    /// Every chord asked for so far, in order (chord `k` starts at `k × chordSeconds`).
    public private(set) var chords: [Chord] = []
    private var chordRandom: SplitMix64
    private var bellRandom: SplitMix64
    private var nextBellTime: Double
    private var lastBell: Int
    private var pendingEcho: Bell?

    /// Scale degrees the walk uses: the consonant triads (no diminished chord).
    static func degrees(_ mode: MusicSettings.Mode) -> [Int] {
        mode == .major ? [0, 1, 2, 3, 4, 5] : [0, 2, 3, 4, 5, 6]
    }

    /// Weights of the next chord's degree from each degree: calm, common progressions
    /// (I–IV, I–vi, V–I, vi–IV, ii–V ...; in minor i–VI, VI–VII, VII–III, iv–i ...).
    static func moves(_ mode: MusicSettings.Mode, from degree: Int) -> [(degree: Int, weight: Double)] {
        switch (mode, degree) {
        case (.major, 0): [(3, 3), (5, 3), (4, 2), (1, 2), (2, 1)]
        case (.major, 1): [(4, 3), (3, 1), (5, 1), (0, 1)]
        case (.major, 2): [(5, 3), (3, 2), (0, 1)]
        case (.major, 3): [(0, 3), (4, 2), (1, 2), (5, 1)]
        case (.major, 4): [(0, 3), (5, 3), (3, 1)]
        case (.major, _): [(3, 3), (1, 2), (0, 1), (4, 1), (2, 1)]
        case (.minor, 0): [(5, 3), (3, 3), (2, 2), (6, 2), (4, 1)]
        case (.minor, 2): [(5, 2), (3, 2), (6, 2), (0, 1)]
        case (.minor, 3): [(0, 3), (6, 2), (4, 2), (5, 1)]
        case (.minor, 4): [(0, 3), (5, 2), (3, 1)]
        case (.minor, 5): [(2, 2), (6, 3), (3, 2), (0, 1)]
        case (.minor, _): [(2, 3), (0, 3), (5, 1)]
        }
    }

    /// Lowest and highest MIDI notes of the pad's upper voices, and of the bells.
    static let padRange = 55...76
    static let bellRange = 69...88

    public init(settings: MusicSettings, seed: UInt64) {
        self.settings = settings
        chordRandom = SplitMix64(seed: SplitMix64.derive(seed, 1))
        bellRandom = SplitMix64(seed: SplitMix64.derive(seed, 2))
        nextBellTime = 1.5 + 2 * bellRandom.nextUnit()
        lastBell = 72 + settings.tonic
        chords.append(voiced(degree: 0, after: nil))
    }

    /// Chord `index` (generated on the way if not yet).
    public mutating func chord(_ index: Int) -> Chord {
        while chords.count <= index {
            let previous = chords[chords.count - 1]
            let options = Self.moves(settings.mode, from: previous.degree)
            let degree = pick(options.map(\.weight), &chordRandom).map { options[$0].degree } ?? 0
            chords.append(voiced(degree: degree, after: previous))
        }
        return chords[index]
    }

    /// The chord sounding at `time` seconds.
    public mutating func chord(at time: Double) -> Chord {
        chord(max(0, Int(time / settings.chordSeconds)))
    }

    /// The pitch classes of the triad on `degree`.
    func triad(_ degree: Int) -> [Int] {
        let scale = settings.scale
        return [scale[degree % 7], scale[(degree + 2) % 7], scale[(degree + 4) % 7]]
    }

    /// The triad on `degree` as four notes: the root low (D2…C♯3 band), then the three chord
    /// tones in close position inside `padRange`, the inversion chosen at random but favouring
    /// small moves from `previous`.
    mutating func voiced(degree: Int, after previous: Chord?) -> Chord {
        let pcs = triad(degree)
        let bass = 38 + ((pcs[0] - 2 + 12) % 12)
        var candidates: [[Int]] = []
        for inversion in 0..<3 {
            let ordered = (0..<3).map { pcs[(inversion + $0) % 3] }
            var notes = [Self.padRange.lowerBound + ((ordered[0] - Self.padRange.lowerBound) % 12 + 12) % 12]
            for pc in ordered.dropFirst() {
                var next = notes.last! + 1
                while (next % 12 + 12) % 12 != pc { next += 1 }
                notes.append(next)
            }
            candidates.append(notes)
        }
        var weights = [Double](repeating: 1, count: candidates.count)
        if let previous {
            for (i, notes) in candidates.enumerated() {
                let moved = zip(notes, previous.notes.dropFirst()).reduce(0) { $0 + abs($1.0 - $1.1) }
                weights[i] = 1 / Double(1 + moved * moved)
            }
        }
        let chosen = pick(weights, &chordRandom) ?? 0
        return Chord(degree: degree, notes: [bass] + candidates[chosen])
    }

    /// The next bell note (the bells' times increase), or nil for the `pad` style.
    public mutating func nextBell() -> Bell? {
        if settings.style == .pad { return nil }
        if let echo = pendingEcho {
            pendingEcho = nil
            return echo
        }
        let time = nextBellTime
        let gaps = settings.style == .bells ? 1.6...4.5 : 3.0...9.0
        nextBellTime += bellRandom.next(in: gaps)
        let chordTones = Set(triad(chord(at: time).degree))
        let scale = settings.scale
        // Candidates: scale notes within a fifth of the last bell, chord tones counted thrice.
        var notes: [Int] = []
        var weights: [Double] = []
        for note in Self.bellRange where abs(note - lastBell) <= 7 && scale.contains(note % 12) && note != lastBell {
            notes.append(note)
            weights.append((chordTones.contains(note % 12) ? 3 : 1) / Double(1 + abs(note - lastBell)))
        }
        let note = pick(weights, &bellRandom).map { notes[$0] } ?? lastBell
        lastBell = note
        let bell = Bell(
            time: time, note: note, velocity: bellRandom.next(in: 0.55...1), pan: bellRandom.next(in: -0.6...0.6))
        // Now and then a second, softer note answers the first.
        if bellRandom.nextUnit() < 0.25 {
            let answer = triad(chord(at: time).degree).map { pc in
                (Self.bellRange).filter { $0 % 12 == pc }.min { abs($0 - note) < abs($1 - note) } ?? note
            }.filter { $0 != note }
            if !answer.isEmpty {
                let other = answer[Int(bellRandom.nextUnit() * Double(answer.count))]
                let delay = bellRandom.next(in: 0.6...1.2)
                if time + delay < nextBellTime - 0.5 {
                    pendingEcho = Bell(time: time + delay, note: other, velocity: 0.7 * bell.velocity, pan: -bell.pan)
                }
            }
        }
        return bell
    }

    /// An index drawn with the given weights (nil when there are none).
    private func pick(_ weights: [Double], _ random: inout SplitMix64) -> Int? {
        let total = weights.reduce(0, +)
        guard total > 0 else { return nil }
        var x = random.nextUnit() * total
        for (i, w) in weights.enumerated() {
            x -= w
            if x < 0 { return i }
        }
        return weights.count - 1
    }

    /// A MIDI note's frequency in hertz (A4 = 440).
    public static func frequency(_ note: Int) -> Double {
        440 * DSPMath.power(2, Double(note - 69) / 12)
    }
}
