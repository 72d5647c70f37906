/// The largest magnitude among the last samples stored in a true-peak ring, tracked per aligned
/// block of runs: a run's 47 samples of history lie in its own block so far or the block before
/// it, so the larger of those two maxima bounds every sample its intervals depend on, and each
/// sample is scanned once (the limiter and the meter use it to skip quiet runs).
struct RecentLoudest: Sendable {
    private var block: Float = 0
    private var previousBlock: Float = 0

    /// Scans a run of `count` frames starting at `start` (its samples already stored at `ring`,
    /// channel c at `ring + c × stride`), in blocks of `blockFrames` (a power of two greater
    /// than the interpolator's 47-sample history). Returns the run's own loudest sample and the
    /// bound over the run and its history.
    @inline(__always)
    mutating func scan(
        _ ring: UnsafePointer<Float>, channels: Int, stride: Int, start: Int, count: Int, blockFrames: Int
    ) -> (run: Float, window: Float) {
        var run: Float = 0
        for c in 0..<channels {
            run = max(run, TruePeakInterpolator.maxMagnitude(ring + c * stride, count: count))
        }
        if start & (blockFrames - 1) == 0 {
            previousBlock = block
            block = 0
        }
        block = max(block, run)
        return (run, max(previousBlock, block))
    }
}
