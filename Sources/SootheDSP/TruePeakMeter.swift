/// The true peak of an interleaved stream, 4× oversampled with the limiter's interpolator
/// (`TruePeakInterpolator`), over everything added so far.
///
/// Samples before the first and after the last count as silence, and the result does not
/// depend on how the stream was cut into calls. It is cheap: a run of 64 frames whose samples
/// (with the 47 before them) are too small, or too smooth, for any interpolated value to beat
/// the peak found so far (`TruePeakInterpolator.peakBound`) is not interpolated at all, and
/// within other runs an interval whose cheaper bound stays under that peak is skipped too.
public struct TruePeakMeter: Sendable {
    /// Interleaved channels.
    public let channels: Int
    private let interpolator = TruePeakInterpolator()
    // Per channel, a mirrored ring of 2 × size samples: any 48 recent samples are contiguous.
    private var history: [Float]
    private var frames = 0
    private var peak: Float = 0
    private var recent = RecentLoudest()

    private static let size = 256
    private static let mask = size - 1
    private static let run = 64

    /// A meter for `channels` interleaved channels (at least 1).
    public init(channels: Int) {
        precondition(channels >= 1, "a meter needs at least one channel")
        self.channels = channels
        history = Array(repeating: 0, count: 2 * Self.size * channels)
    }

    /// Measures the next interleaved frames (a whole number of frames).
    public mutating func add(_ interleaved: UnsafeBufferPointer<Float>) {
        let total = interleaved.count / channels
        guard total > 0, let input = interleaved.baseAddress else { return }
        let ch = channels, taps = TruePeakInterpolator.taps, lookahead = TruePeakInterpolator.lookahead
        let size = Self.size, mask = Self.mask, stride = 2 * size
        let kernel = interpolator
        var peak = self.peak
        var frames = self.frames
        var recent = self.recent
        history.withUnsafeMutableBufferPointer { hist in
            let hp = hist.baseAddress!
            var f = 0
            while f < total {
                let start = frames
                let n = min(total - f, Self.run - (start & (Self.run - 1)))
                // A run never wraps the ring (runs are aligned, `size` is a multiple of `run`).
                TruePeakInterpolator.store(input + f &* ch, channels: ch, count: n, into: hp + (start & mask), stride: stride, size: size)
                // Newest sample j completes the interval [j − 24, j − 23), which depends on
                // x[j − 47] … x[j]; before the stream the ring holds zeros.
                let first = (start - (taps - 1)) & mask
                let (runLoudest, loudest) = recent.scan(
                    hp + (start & mask), channels: ch, stride: stride, start: start, count: n, blockFrames: Self.run)
                var reachable = loudest * kernel.bound > peak
                if reachable {
                    // The smooth-signal bound: a low-passed signal's runs under its peak so far skip.
                    var curvature: Float = 0
                    for c in 0..<ch {
                        curvature = max(curvature, TruePeakInterpolator.maxCurvature(hp + c * stride + first, count: n + taps - 1))
                    }
                    reachable = kernel.peakBound(loudest: loudest, curvature: curvature) > peak
                }
                if reachable {
                    peak = max(peak, runLoudest)
                    for c in 0..<ch {
                        let channel = UnsafePointer(hp + c * stride)
                        // Intervals that start before the stream are not part of it.
                        var j = max(start, lookahead)
                        while j < start + n {
                            let x = channel + ((j - (taps - 1)) & mask)
                            // The middle 16 taps exactly and a bound for the rest first: only
                            // an interval that might beat the peak so far is interpolated in full.
                            if kernel.interpolatedPeakBound(x, loudest: loudest) > peak {
                                peak = max(peak, kernel.interpolatedPeak(x))
                            }
                            j += 1
                        }
                    }
                }
                frames += n
                f += n
            }
        }
        self.peak = peak
        self.recent = recent
        self.frames = frames
    }

    /// The true peak so far in dBTP (−infinity for silence or nothing added), counting the
    /// last samples' intervals as if silence followed.
    public var peakDB: Double {
        let linear = Double(max(peak, pendingPeak()))
        return linear > 0 ? DSPMath.decibels(linear) : -.infinity
    }

    /// The intervals of the last 24 samples, which still wait for their look-ahead: computed
    /// with silence after the stream.
    private func pendingPeak() -> Float {
        let taps = TruePeakInterpolator.taps, lookahead = TruePeakInterpolator.lookahead
        let size = Self.size, mask = Self.mask
        var result: Float = 0
        // x[frames − 47] … x[frames − 1], then 24 zeros.
        withUnsafeTemporaryAllocation(of: Float.self, capacity: taps + lookahead) { buffer in
            let b = buffer.baseAddress!
            for c in 0..<channels {
                history.withUnsafeBufferPointer { hist in
                    for k in 0..<(taps - 1) { b[k] = hist[c * 2 * size + ((frames - (taps - 1) + k) & mask)] }
                }
                for k in (taps - 1)..<(taps + lookahead) { b[k] = 0 }
                // Interval m = frames − 24 + r uses x[m − 23] … x[m + 24], that is b[r] onwards.
                for r in 0..<lookahead where frames - lookahead + r >= 0 {
                    result = max(result, interpolator.interpolatedPeak(b + r))
                }
            }
        }
        return result
    }
}
