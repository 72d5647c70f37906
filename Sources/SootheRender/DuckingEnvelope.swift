/// A smooth gain curve that dips the ambience while someone speaks.
///
/// Speech times are known in advance, so the curve is computed from the cue sheet rather than
/// from a side-chain: it starts falling just before the voice and recovers slowly after it.
struct DuckingEnvelope: Sendable {
    /// Merged speech spans in frames, with the ramps around them.
    private let spans: [(start: Int, end: Int)]
    private let attack: Int
    private let release: Int
    private let depth: Float
    private var index = 0

    init(speech: [(start: Int, end: Int)], sampleRate: Double, depthDB: Double, attack: Double, release: Double) {
        self.attack = max(1, Int(attack * sampleRate))
        self.release = max(1, Int(release * sampleRate))
        depth = Float(pow10(depthDB / 20))
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
    }

    /// Writes the curve for the frames from `firstFrame` into `gains`. Blocks must come in order.
    mutating func fill(_ gains: UnsafeMutableBufferPointer<Float>, firstFrame: Int) {
        let count = gains.count
        var i = 0
        while i < count {
            let frame = firstFrame + i
            while index < spans.count, spans[index].end + release <= frame { index += 1 }
            guard index < spans.count, frame >= spans[index].start - attack else {
                // Undisturbed until the next dip starts (or to the end of the block).
                let until = index < spans.count ? min(count, i + (spans[index].start - attack - frame)) : count
                for j in i..<until { gains[j] = 1 }
                i = until
                continue
            }
            let span = spans[index]
            if frame < span.start {
                gains[i] = mix(Float(frame - (span.start - attack)) / Float(attack))
            } else if frame < span.end {
                gains[i] = depth
            } else {
                gains[i] = mix(1 - Float(frame - span.end) / Float(release))
            }
            i += 1
        }
    }

    /// 1 → depth as `t` goes 0 → 1, along a raised cosine.
    private func mix(_ t: Float) -> Float {
        let s = 0.5 - 0.5 * cosf(Float.pi * min(max(t, 0), 1))
        return 1 + (depth - 1) * s
    }
}

#if canImport(Glibc)
import Glibc
#endif

@inline(__always) func pow10(_ x: Double) -> Double { pow(10, x) }
