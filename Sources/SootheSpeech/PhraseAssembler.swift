import SootheCore

/// Turns a phrase with pause marks into one trimmed clip at espeak-ng's native rate.
///
/// Each stretch of words is spoken by its own espeak-ng call (in SSML mode, escaped) and trimmed
/// to where the voice starts and stops; pause marks, and the voice's pauses after clauses and
/// sentences (``PhrasePacing``), become exact silences between them. Joining
/// the pieces ourselves, rather than using `<break>`, makes a pause exactly as long as written,
/// works at the very start (where espeak-ng ignores a break) and avoids its whole-ms parsing.
struct PhraseAssembler {
    /// The phrase as words and pauses.
    let segments: [SpeechText.Segment]
    /// The escaped text of each stretch of words: one espeak-ng call each.
    let ssmlTexts: [String]
    /// For each stretch: where each escaped character came from, and where the stretch starts in
    /// `SpeechText.spokenText(of:)`.
    private let pieces: [(origin: [Int], offset: Int)]

    /// Plans `text` in `voice`: what to ask espeak-ng for.
    init(_ text: String, voice: VoiceProfile) {
        segments = PhrasePacing.paced(
            SpeechText.segments(of: text), clause: voice.clausePause, sentence: voice.sentencePause)
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
        self.pieces = pieces
        self.ssmlTexts = ssmlTexts
    }

    /// Synthesises `text` in `voice` with `engine`.
    static func assemble(
        _ text: String, voice: VoiceProfile, engine: EspeakEngine, timeLimit: PhraseTimeLimit
    ) throws(SpeechError) -> SpeechClip {
        let plan = PhraseAssembler(text, voice: voice)
        let outputs = plan.ssmlTexts.isEmpty ? [] : try engine.synthesize(plan.ssmlTexts, voice: voice, timeLimit: timeLimit)
        return plan.clip(from: outputs[...], sampleRate: try engine.sampleRate())
    }

    /// The clip from espeak-ng's `outputs`, one for each of ``ssmlTexts`` in order.
    func clip(from outputs: ArraySlice<EspeakOutput>, sampleRate rate: Int) -> SpeechClip {
        let kept = outputs.map { SilenceTrimmer.audibleRange(of: $0.samples) }
        let pauses = segments.reduce(0) { total, segment in
            if case .pause(let seconds) = segment { return total + Self.pauseFrames(seconds, rate) }
            return total
        }
        // Reserved once: growing by each piece's exact size copied the whole clip every time.
        var samples: [Float] = []
        samples.reserveCapacity(kept.reduce(pauses) { $0 + $1.count })
        var words: [WordMark] = []
        var sentences: [Int] = []
        var piece = 0
        for segment in segments {
            switch segment {
            case .pause(let seconds):
                samples.append(contentsOf: repeatElement(0, count: Self.pauseFrames(seconds, rate)))
            case .text:
                let output = outputs[outputs.startIndex + piece]
                let (origin, offset) = pieces[piece]
                let kept = kept[piece]
                piece += 1
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
                for sample in output.samples[kept] {
                    samples.append(Float(sample) / 32768)
                }
            }
        }
        return SpeechClip(samples: samples, sampleRate: rate, words: words, sentences: sentences)
    }

    /// The frames of a pause of `seconds`.
    private static func pauseFrames(_ seconds: Double, _ rate: Int) -> Int {
        Int((seconds * Double(rate)).rounded())
    }
}
