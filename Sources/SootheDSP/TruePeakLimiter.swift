/// A look-ahead limiter that keeps the TRUE peak (4× oversampled, as ITU-R BS.1770 /
/// libebur128 measures it) at or below `ceilingDB` dBTP. Streaming, interleaved, 1 or 2
/// channels (the gain is linked, so the stereo image stays put).
///
/// For every input sample it estimates the true peak of the intervals on either side, derives
/// the gain that sample needs, and builds the gain curve as: instant attack with exponential
/// release, a sliding minimum over the look-ahead, then a moving average of the same length.
/// The average of minima never exceeds the gain any sample in its window needs and moves
/// smoothly, so no sample is ever left louder than allowed and nothing clicks. The output is
/// delayed by `latencyFrames`; `flush` pushes the last frames out.
///
/// Speed: frames are taken in runs of 64 (aligned to the absolute frame count). A run whose
/// samples, with the 47 before them, are small enough (under `target / interpolator.bound`, or
/// smooth enough for `interpolator.peakBound` to stay under the target) cannot have an
/// interpolated value over the target, so its peaks are not computed (the gain it needs is
/// exactly 1). Otherwise each frame first gets a cheaper bound (the middle 16 taps exactly,
/// the outer 32 bounded), and only frames whose bound reaches the target are interpolated in
/// full. When no peak of a run reaches the target and the gain has been exactly 1 for two
/// windows, the whole gain chain holds 1 and the run's output is the delayed input, copied.
/// The gains are those of computing every peak: skipped peaks are provably under the target.
public struct TruePeakLimiter: Sendable {
    /// Interleaved channels.
    public let channels: Int
    /// The ceiling as a linear amplitude.
    public let ceiling: Float
    /// Frames between a sample going in and coming out.
    public let latencyFrames: Int

    private let window: Int
    private let target: Float
    private let releaseCoefficient: Double
    private let interpolator = TruePeakInterpolator()
    // Per channel, a mirrored ring of 2 × size samples (see TruePeakInterpolator).
    private var history: [Float]
    private let size: Int
    private let mask: Int
    private var frame = 0
    private var recent = RecentLoudest()
    private var previousPeak: Float = 0
    private var released = 1.0
    // Consecutive frames (up to `idleFrames`) whose released gain was exactly 1.
    private var unityFrames = 0
    private let idleFrames: Int
    // Whether the deque and box below hold the state (false while idle: they would all be 1).
    private var tracking = false
    // Monotonic deque for the sliding minimum (values increase from head to tail).
    private var dequeValue: [Double]
    private var dequeIndex: [Int]
    private var head = 0
    private var tail = 0
    // Moving average of the held minimum.
    private var boxValues: [Double]
    private var boxSum: Double
    private var boxCursor = 0

    /// A margin below the ceiling that absorbs the error of the 48-tap peak estimate on content
    /// near Nyquist (full-band noise measured ≤ 0.2 dB under a long sinc) and
    /// the gain's own slope across the interpolation kernel.
    public static let marginDB = 0.3
    /// Frames per run (a power of two).
    static let run = 64
    /// A released gain this close to 1 is taken as 1 (a step of 0.0009 dB, far below hearing
    /// and spread by the moving average), so the release ends and the idle path resumes
    /// after about 0.7 s instead of several seconds.
    static let releaseSnap = 1e-4

    /// A limiter for `channels` interleaved channels at `sampleRate`, with `lookahead` and
    /// `release` in seconds.
    public init(channels: Int, sampleRate: Double, ceilingDB: Double = -1.2, lookahead: Double = 0.005, release: Double = 0.08) {
        precondition(channels >= 1, "a limiter needs at least one channel")
        self.channels = channels
        ceiling = Float(DSPMath.gain(dB: ceilingDB))
        target = Float(DSPMath.gain(dB: ceilingDB - Self.marginDB))
        window = max(1, Int(lookahead * sampleRate + 0.5))
        latencyFrames = window - 1 + TruePeakInterpolator.lookahead
        releaseCoefficient = 1 - DSPMath.onePoleCoefficient(timeConstant: release, sampleRate: sampleRate)
        var size = 256
        while size < latencyFrames + TruePeakInterpolator.taps + Self.run { size <<= 1 }
        self.size = size
        mask = size - 1
        idleFrames = 2 * window - 1
        unityFrames = idleFrames
        history = Array(repeating: 0, count: 2 * size * channels)
        dequeValue = Array(repeating: 1, count: window + 1)
        dequeIndex = Array(repeating: 0, count: window + 1)
        boxValues = Array(repeating: 1, count: window)
        boxSum = Double(window)
    }

    /// Processes interleaved frames in place (output delayed by `latencyFrames`). A sample that
    /// is not finite (NaN, infinity) is taken as silence: it never reaches the output or the
    /// limiter's state.
    public mutating func process(_ interleaved: UnsafeMutableBufferPointer<Float>) {
        let frames = interleaved.count / channels
        guard frames > 0, let io = interleaved.baseAddress else { return }
        for index in 0..<(frames * channels) where !io[index].isFinite { io[index] = 0 }
        let ch = channels, taps = TruePeakInterpolator.taps
        // Locals: stores through the ring pointer would otherwise make the compiler reload them.
        let size = self.size, mask = self.mask, latencyFrames = self.latencyFrames, target = self.target
        let stride = 2 * size
        let kernel = interpolator
        let limit = target / kernel.bound
        // Moved out (no copy) so the frame loop below may call this struct's mutating methods.
        var ring: [Float] = []
        swap(&ring, &history)
        defer { swap(&ring, &history) }
        ring.withUnsafeMutableBufferPointer { hist in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: Self.run) { scratch in
                let hp = hist.baseAddress!, peaks = scratch.baseAddress!
                var f = 0
                while f < frames {
                    let start = frame
                    let n = min(frames - f, Self.run - (start & (Self.run - 1)))
                    // 1. Store the run (twice: the ring is mirrored). A run never wraps: it starts at
                    // a multiple of `run` plus its offset and `size` is a multiple of `run`.
                    TruePeakInterpolator.store(io + f &* ch, channels: ch, count: n, into: hp + (start & mask), stride: stride, size: size)
                    // 2. A bound on every sample the run's intervals depend on, x[start − 47] …
                    // x[start + n − 1].
                    let first = (start - (taps - 1)) & mask
                    let loudest = recent.scan(
                        hp + (start & mask), channels: ch, stride: stride, start: start, count: n, blockFrames: Self.run
                    ).window
                    // 3. Peaks of the intervals [i − 24, i − 23), in three tiers: none when the run is
                    // too quiet to reach the target (by the magnitude bound, or else the smooth-signal
                    // bound, which holds for the breath tone some dB under the ceiling); 0 when a
                    // frame's cheap bound stays under it (the same gains follow as from the exact
                    // value); otherwise the exact value.
                    var quiet = loudest <= limit
                    if !quiet {
                        var curvature: Float = 0
                        for c in 0..<ch {
                            curvature = max(curvature, TruePeakInterpolator.maxCurvature(hp + c * stride + first, count: n + taps - 1))
                        }
                        quiet = kernel.peakBound(loudest: loudest, curvature: curvature) <= target
                    }
                    var over = false
                    if !quiet {
                        for k in 0..<n {
                            let window = (start + k - (taps - 1)) & mask
                            var bound: Float = 0, peak: Float = 0
                            for c in 0..<ch {
                                let x = UnsafePointer(hp + c * stride + window)
                                bound = max(bound, max(abs(x[taps / 2 - 1]), kernel.interpolatedPeakBound(x, loudest: loudest)))
                            }
                            if bound > target {
                                for c in 0..<ch {
                                    let x = UnsafePointer(hp + c * stride + window)
                                    peak = max(peak, max(abs(x[taps / 2 - 1]), kernel.interpolatedPeak(x)))
                                }
                            }
                            peaks[k] = peak
                            over = over || peak > target
                        }
                    }
                    if !over && unityFrames >= idleFrames {
                        // 4a. Idle: the gain is exactly 1 throughout; output the delayed input.
                        // The delayed run is contiguous in the mirrored ring.
                        let delayed = hp + ((start &- latencyFrames) & mask)
                        let out = io + f &* ch
                        if ch == 1 {
                            out.update(from: delayed, count: n)
                        } else if ch == 2 {
                            let right = delayed + stride
                            for k in 0..<n {
                                out[2 &* k] = delayed[k]
                                out[2 &* k &+ 1] = right[k]
                            }
                        } else {
                            for c in 0..<ch {
                                let channel = delayed + c &* stride
                                for k in 0..<n { out[k &* ch &+ c] = channel[k] }
                            }
                        }
                        previousPeak = 0  // stands for any peak under the target: same gains follow
                        frame += n
                    } else {
                        // 4b. The full gain chain, frame by frame.
                        if !tracking { startTracking() }
                        if quiet { for k in 0..<n { peaks[k] = 0 } }
                        processFrames(io + f * ch, count: n, history: hp, peaks: peaks)
                    }
                    f += n
                }
            }
        }
    }

    /// Loads the state the idle path left implicit: a gain of exactly 1 everywhere.
    private mutating func startTracking() {
        for k in boxValues.indices { boxValues[k] = 1 }
        boxSum = Double(window)
        boxCursor = 0
        dequeValue[0] = 1
        dequeIndex[0] = frame - 1
        head = 0
        tail = 1
        tracking = true
    }

    /// The gain chain for `count` frames from `frame`, whose input is already in `history` and
    /// the peaks of their intervals in `peaks`.
    private mutating func processFrames(
        _ io: UnsafeMutablePointer<Float>, count: Int, history hp: UnsafeMutablePointer<Float>, peaks: UnsafePointer<Float>
    ) {
        let ch = channels, w = window
        let stride = 2 * size
        let dequeSize = w + 1
        dequeValue.withUnsafeMutableBufferPointer { dv in
            dequeIndex.withUnsafeMutableBufferPointer { di in
                boxValues.withUnsafeMutableBufferPointer { box in
                    for f in 0..<count {
                        let i = frame
                        let peak = peaks[f]
                        // 2. A sample needs the gain that keeps both intervals beside it under the target.
                        let around = max(peak, previousPeak)
                        previousPeak = peak
                        let needed = around > target ? Double(target / around) : 1
                        // 3. Instant attack, exponential release (ending exactly at 1).
                        released = min(needed, released + (1 - released) * releaseCoefficient)
                        if needed == 1 && released > 1 - Self.releaseSnap { released = 1 }
                        unityFrames = released == 1 ? min(unityFrames + 1, idleFrames) : 0
                        // 4. Sliding minimum over the window.
                        while tail != head {
                            let last = tail == 0 ? dequeSize - 1 : tail - 1
                            if dv[last] < released { break }
                            tail = last
                        }
                        dv[tail] = released
                        di[tail] = i
                        tail = tail + 1 == dequeSize ? 0 : tail + 1
                        while di[head] <= i - w { head = head + 1 == dequeSize ? 0 : head + 1 }
                        let held = dv[head]
                        // 5. Moving average of the held minimum.
                        boxSum += held - box[boxCursor]
                        box[boxCursor] = held
                        boxCursor = boxCursor + 1 == w ? 0 : boxCursor + 1
                        let g = boxSum >= Double(w) - 1e-9 ? Float(1) : Float(boxSum / Double(w))
                        // 6. Output the delayed sample.
                        let out = (i - latencyFrames) & mask
                        for c in 0..<ch { io[f * ch + c] = hp[c * stride + out] * g }
                        frame += 1
                    }
                }
            }
        }
        // Two windows of exact unity: the deque and box hold only 1; the idle path takes over.
        if unityFrames >= idleFrames { tracking = false }
    }

    /// Pushes the last `latencyFrames` frames out: fills `interleaved` with silence and
    /// processes it. Pass a buffer of `latencyFrames × channels` samples to get them all.
    public mutating func flush(_ interleaved: UnsafeMutableBufferPointer<Float>) {
        for k in interleaved.indices { interleaved[k] = 0 }
        process(interleaved)
    }
}
