@testable import SootheCore
import Testing

@Suite("Phrase-paced delivery: pauses at clause and sentence boundaries")
struct PhrasePacingTests {
    typealias Segment = SpeechText.Segment

    func paced(_ text: String, clause: Double = 0.4, sentence: Double = 1.5) -> [Segment] {
        PhrasePacing.paced(SpeechText.segments(of: text), clause: clause, sentence: sentence)
    }

    @Test func cutsAfterClausesAndSentencesKeepingThePunctuation() {
        #expect(paced("Breathe in slowly, and let it go. Rest here.") == [
            .text("Breathe in slowly,"), .pause(0.4), .text("and let it go."), .pause(1.5), .text("Rest here."),
        ])
        #expect(paced("Notice the breath; it comes and goes: in, out.") == [
            .text("Notice the breath;"), .pause(0.4), .text("it comes and goes:"), .pause(0.4), .text("in,"),
            .pause(0.4), .text("out."),
        ])
        // A spaced dash is a clause; one inside a word is not.
        #expect(paced("Let it be — just as it is, well-loved.") == [
            .text("Let it be —"), .pause(0.4), .text("just as it is,"), .pause(0.4), .text("well-loved."),
        ])
        #expect(paced("Are you here? \"Yes.\" Good!") == [
            .text("Are you here?"), .pause(1.5), .text("\"Yes.\""), .pause(1.5), .text("Good!"),
        ])
    }

    @Test func abbreviationsInitialsAndNumbersAreNoSentenceEnds() {
        #expect(paced("Dr. Neff wrote it. J. K. agreed.") == [
            .text("Dr. Neff wrote it."), .pause(1.5), .text("J. K. agreed."),
        ])
        #expect(paced("Breathe for 2.5 seconds, e.g. now.") == [
            .text("Breathe for 2.5 seconds,"), .pause(0.4), .text("e.g. now."),
        ])
    }

    @Test func nothingIsAddedAtTheEndOrBesideAPauseMark() {
        // The mark is the pause after "in."; the end of the phrase needs none.
        #expect(paced("Breathe in. [2s] And out, slowly.") == [
            .text("Breathe in."), .pause(2), .text("And out,"), .pause(0.4), .text("slowly."),
        ])
        #expect(paced("[1s] Rest.") == [.pause(1), .text("Rest.")])
    }

    @Test func aZeroPauseLeavesThatBoundaryToEspeak() {
        let text = "In, and out. Rest."
        #expect(paced(text, clause: 0, sentence: 0) == SpeechText.segments(of: text))
        #expect(paced(text, clause: 0, sentence: 1) == [.text("In, and out."), .pause(1), .text("Rest.")])
        #expect(paced(text, clause: 0.3, sentence: 0) == [.text("In,"), .pause(0.3), .text("and out. Rest.")])
    }

    @Test(arguments: [
        "Let your shoulders soften, and feel the weight of your body. There is nothing to do; nothing at all.",
        "Breathe in. [2s] And out — slowly, gently.", "Deja que tus hombros se suavicen, ¿vale? Sí.",
    ])
    func thePiecesJoinBackIntoTheSpokenText(_ text: String) {
        // Word positions (captions, the HTML page) are offsets into the spoken text: the pieces
        // must join back into it, one space apart.
        let pieces = paced(text).compactMap { segment -> String? in
            if case .text(let words) = segment { return words }
            return nil
        }
        #expect(pieces.joined(separator: " ") == SpeechText.spokenText(of: text))
    }

    @Test func theEstimateCountsTheVoicesPauses() throws {
        let plain = VoiceProfile(name: "v", espeak: "en", rate: 120)
        var paced = plain
        paced.clausePause = 0.5
        paced.sentencePause = 2
        let text = "In, and out. Rest, here."
        let timing = EstimatedSpeechTiming()
        let difference = try timing.speechDuration(of: text, voice: paced) - timing.speechDuration(of: text, voice: plain)
        // Two clauses and one sentence, less espeak-ng's own sentence gap the estimate counted;
        // the paced voice's five words come faster (each clause spoken alone and trimmed).
        let words = 5 * 60 / 120.0
        let expected = 0.5 + 0.5 + 2 - 0.4 - (words - words / EstimatedSpeechTiming.pacedArticulation)
        #expect(abs(difference - expected) < 0.001, "\(difference)")
    }
}
