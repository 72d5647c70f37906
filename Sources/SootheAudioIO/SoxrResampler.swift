internal import CSoxr

/// Resamples float audio with libsoxr at high quality (its one-shot default is low quality): the
/// one owner of libsoxr, for speech clips and for the sound files scripts name.
public enum SoxrResampler {
    /// libsoxr's version ("libsoxr-0.1.3") and the quality used, for the speech cache's keys.
    public static let identity = "\(String(cString: soxr_version())) HQ"

    /// `input` (mono) at `inputRate` as `Int((count × outputRate / inputRate).rounded())`
    /// samples at `outputRate`.
    public static func resample(_ input: [Float], from inputRate: Int, to outputRate: Int) throws(AudioIOError) -> [Float] {
        guard outputRate > 0, inputRate > 0 else {
            throw AudioIOError(.unsupported, "cannot resample from \(inputRate) Hz to \(outputRate) Hz")
        }
        if inputRate == outputRate || input.isEmpty { return input }
        let expected = outputLength(input.count, from: inputRate, to: outputRate)
        var output = [Float](repeating: 0, count: expected)
        var quality = soxr_quality_spec(UInt(SOXR_HQ), 0)
        var io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I)
        var consumed = 0
        var produced = 0
        let failure: String? = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                let error = soxr_oneshot(
                    Double(inputRate), Double(outputRate), 1,
                    source.baseAddress, source.count, &consumed,
                    target.baseAddress, target.count, &produced,
                    &io, &quality, nil)
                return error.map { String(cString: $0) }
            }
        }
        if let failure { throw AudioIOError(.unsupported, "libsoxr: \(failure)") }
        // soxr flushes its filter on one-shot calls; any shortfall is at most a sample or two of
        // the decaying tail, left as the zeros the buffer started with.
        return output
    }

    /// The length a clip of `count` samples has after resampling.
    public static func outputLength(_ count: Int, from inputRate: Int, to outputRate: Int) -> Int {
        Int((Double(count) * Double(outputRate) / Double(inputRate)).rounded())
    }
}
