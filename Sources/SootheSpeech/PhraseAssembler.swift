import SootheCore

/// Turns a phrase with pause marks into one trimmed clip at espeak-ng's native rate.
///
/// Each stretch of words is spoken by its own espeak-ng call (in SSML mode, escaped) and trimmed
/// to where the voice starts and stops; pause marks become exact silences between them. Joining
/// the pieces ourselves, rather than using `<break>`, makes a pause exactly as long as written,
/// works at the very start (where espeak-ng ignores a break) and avoids its whole-ms parsing.
enum PhraseAssembler {
    /// Synthesises `text` in `voice` with `engine`.
    static func assemble(_ text: String, voice: VoiceProfile, engine: EspeakEngine) throws(SpeechError) -> SpeechClip {
        let rate = try engine.sampleRate()
        let segments = SpeechText.segments(of: text)
        // Prepare the escaped texts and where each starts in `SpeechText.spokenText(of:)`.
        var pieces: [(origin: [Int], offset: Int)] = []
        var ssmlTexts: [String] = []
        var spokenOffset = 0
        for segment in segments {
            guard case .text(let words) = segment else { continue }
            let (ssml, origin) = SSMLEscaper.escape(words)
            ssmlTexts.append(ssml)
            pieces.append((origin, spokenOffset))
            // spokenText joins the text segments with one space.
            spokenOffset += words.unicodeScalars.count + 1
        }
        let outputs = ssmlTexts.isEmpty ? [] : try engine.synthesize(ssmlTexts, voice: voice)

        var samples: [Float] = []
        var words: [WordMark] = []
        var sentences: [Int] = []
        var piece = 0
        for segment in segments {
            switch segment {
            case .pause(let seconds):
                samples.append(contentsOf: repeatElement(0, count: Int((seconds * Double(rate)).rounded())))
            case .text:
                let output = outputs[piece]
                let (origin, offset) = pieces[piece]
                piece += 1
                let kept = SilenceTrimmer.audibleRange(of: output.samples)
                let base = samples.count
                let clamp = { (sample: Int) in base + min(max(sample - kept.lowerBound, 0), kept.count) }
                for word in output.words {
                    let first = word.textPosition - 1
                    guard first >= 0, first < origin.count else { continue }
                    let last = min(first + max(word.length, 1), origin.count) - 1
                    words.append(WordMark(
                        frame: clamp(word.sample), textOffset: offset + origin[first],
                        length: origin[last] - origin[first] + 1))
                }
                sentences.append(contentsOf: output.sentences.map(clamp))
                samples.reserveCapacity(samples.count + kept.count)
                for sample in output.samples[kept] {
                    samples.append(Float(sample) / 32768)
                }
            }
        }
        return SpeechClip(samples: samples, sampleRate: rate, words: words, sentences: sentences)
    }
}
