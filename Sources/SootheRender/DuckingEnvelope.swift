/// How far the layers under the voice dip while someone speaks, as a curve from 0 (no dip) to
/// 1 (fully dipped); each layer turns it into its own gain, `1 + (depth − 1) × dip`.
///
/// Speech times are known in advance, so the curve is computed from the cue sheet rather than
/// from a side-chain: it starts falling just before the voice and recovers slowly after it.
/// One curve serves every ducked layer, so it is computed once per block.
struct DuckingEnvelope: Sendable {
    /// Merged speech spans in frames.
    private let spans: [(start: Int, end: Int)]
    private let attack: Int
    private let release: Int
    /// The ramps frame by frame (dip before each span, recovery after it), computed once: a
    /// block then fills by runs of copies rather than a cosine per frame.
    private let attackRamp: [Float]
    private let releaseRamp: [Float]
    private var index = 0

    init(speech: [(start: Int, end: Int)], sampleRate: Double, attack: Double, release: Double) {
        self.attack = max(1, Int(attack * sampleRate))
        self.release = max(1, Int(release * sampleRate))
        // Merge spans whose ramps would overlap, so the curve never bounces between phrases.
        var merged: [(start: Int, end: Int)] = []
        for span in speech.sorted(by: { $0.start < $1.start }) {
            if let last = merged.last, span.start - last.end < self.attack + self.release {
                merged[merged.count - 1].end = max(last.end, span.end)
            } else {
                merged.append(span)
            }
        }
        spans = merged
        let attack = self.attack, release = self.release
        attackRamp = (0..<attack).map { Self.raisedCosine(Float($0) / Float(attack)) }
        releaseRamp = (0..<release).map { Self.raisedCosine(1 - Float($0) / Float(release)) }
    }

    /// The linear gain factor `depth − 1` for a dip of `depthDB`.
    static func slope(depthDB: Double) -> Float {
        Float(pow10(depthDB / 20)) - 1
    }

    /// Writes the dip for the frames from `firstFrame` into `dips` and returns whether any frame
    /// dips at all (when not, `dips` is all zeros and callers may skip their gains). Blocks must
    /// come in order.
    mutating func fill(_ dips: UnsafeMutableBufferPointer<Float>, firstFrame: Int) -> Bool {
        let count = dips.count
        var dipping = false
        var i = 0
        while i < count {
            let frame = firstFrame + i
            while index < spans.count, spans[index].end + release <= frame { index += 1 }
            guard index < spans.count, frame >= spans[index].start - attack else {
                // Undisturbed until the next dip starts (or to the end of the block).
                let until = index < spans.count ? min(count, i + (spans[index].start - attack - frame)) : count
                for j in i..<until { dips[j] = 0 }
                i = until
                continue
            }
            dipping = true
            let span = spans[index]
            // The rest of this stretch of the curve (attack ramp, full dip or release ramp).
            let run: Int
            if frame < span.start {
                run = min(count - i, span.start - frame)
                copy(attackRamp, from: frame - (span.start - attack), count: run, into: dips, at: i)
            } else if frame < span.end {
                run = min(count - i, span.end - frame)
                UnsafeMutableBufferPointer(rebasing: dips[i..<(i + run)]).initialize(repeating: 1)
            } else {
                run = min(count - i, span.end + release - frame)
                copy(releaseRamp, from: frame - span.end, count: run, into: dips, at: i)
            }
            i += run
        }
        return dipping
    }

    private func copy(
        _ ramp: [Float], from start: Int, count: Int, into dips: UnsafeMutableBufferPointer<Float>, at offset: Int
    ) {
        ramp.withUnsafeBufferPointer { r in
            dips.baseAddress!.advanced(by: offset).update(from: r.baseAddress! + start, count: count)
        }
    }

    /// 0 → 1 as `t` goes 0 → 1, along a raised cosine.
    private static func raisedCosine(_ t: Float) -> Float {
        0.5 - 0.5 * cosf(Float.pi * min(max(t, 0), 1))
    }
}

#if canImport(Glibc)
import Glibc
#endif

@inline(__always) func pow10(_ x: Double) -> Double { pow(10, x) }
