/// A click detector shared by the DSP and render tests: half the largest third difference.
///
/// A step of height h gives a third difference of 2h, while smooth content below a few kHz is
/// suppressed by (2π f / fs)³: at 48 kHz a 1 kHz tone of amplitude 0.5 contributes 0.001. Smooth
/// audio-rate sounds stay far under 0.005; a step or a kink does not.
public enum ClickDetector {
    /// The largest step-like discontinuity in `x`, as the height of the step it would take; the
    /// signal is taken to start and end in silence, so its edges count too.
    public static func largestStep(_ x: [Float]) -> Double {
        guard x.count >= 4 else { return 0 }
        return largestInnerStep([Float](repeating: 0, count: 3) + x + [Float](repeating: 0, count: 3))
    }

    /// `largestStep` inside `x` only (its ends are not taken for edges): for a window around a join.
    public static func largestInnerStep<C: Collection>(_ x: C) -> Double where C.Element == Float {
        let y = Array(x)
        var worst = 0.0
        for n in stride(from: 3, to: y.count, by: 1) {
            let d = Double(y[n]) - 3 * Double(y[n - 1]) + 3 * Double(y[n - 2]) - Double(y[n - 3])
            worst = max(worst, abs(d) / 2)
        }
        return worst
    }
}
