/// Finds where the voice starts and stops in espeak-ng output.
enum SilenceTrimmer {
    /// Samples at or below this magnitude (about −60 dBFS in 16-bit) count as silence.
    static let threshold: Int16 = 33
    /// Kept before the first and after the last audible sample (≈ 5 ms at 22050 Hz), so no onset
    /// or release is cut.
    static let margin = 110

    /// The range of `samples` from shortly before the first audible sample to shortly after the
    /// last; empty when nothing is audible.
    static func audibleRange(of samples: [Int16]) -> Range<Int> {
        func audible(_ sample: Int16) -> Bool { sample > threshold || sample < -threshold }
        guard let first = samples.firstIndex(where: audible),
              let last = samples.lastIndex(where: audible)
        else { return 0..<0 }
        return max(first - margin, 0)..<min(last + 1 + margin, samples.count)
    }
}
