import Foundation
import SootheCore
import Testing
@testable import SootheSpeech

/// The speech server is a program of its own, started with posix_spawn, one thread; phrases
/// have a time limit and long ones take linear time.
@Suite("The speech server process", .serialized)
struct SpeechServerTests {
    /// About 1,500 words: the Fixtures passage 40 times over.
    static let longText = Array(repeating: Fixtures.passage, count: 40).joined(separator: " ")

    @Test func theServerIsItsOwnSingleThreadedExecutable() throws {
        _ = try SpeechSynthesizer().nativeClip(for: "Settle.", voice: Fixtures.voice)
        let pid = try #require(EspeakEngine.shared.serverProcess)
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")
        #expect(executable.hasSuffix("/soothe"), "\(executable)")
        let commandLine = try String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)
        // Its name and role, then the espeak-ng data overlay it speaks from when soothe's
        // variants are installed (another test may have installed them in this process).
        let arguments = commandLine.split(separator: "\0", omittingEmptySubsequences: false).dropLast()
        #expect(Array(arguments.prefix(2)) == ["soothe", "_speech-server"], "\(commandLine)")
        #expect(arguments.count == 2 || (arguments.count == 3 && arguments.last!.hasSuffix("/espeak-ng-data")), "\(commandLine)")
        // Its own thread, and espeak-ng 1.51's idle queue thread (espeak_ng_Initialize starts it;
        // synchronous synthesis never wakes it): none runs Swift code or holds a lock at a fork.
        let threads = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")
        #expect(threads.count <= 2, "\(threads)")
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        #expect(status.contains("PPid:\t\(getpid())\n"))
    }

    /// A phrase over its limit has its child killed, is asked once more, then fails with an
    /// error that says so (a failure of the machine, not of the phrase).
    @Test func aPhraseOverItsTimeLimitFailsWithAClearError() throws {
        let quick = PhraseTimeLimit(base: .milliseconds(200), perByte: .zero)
        let synth = SpeechSynthesizer(timeLimit: quick)
        // The server is up first, so the limit is spent speaking, not starting.
        _ = try synth.nativeClip(for: "Settle.", voice: Fixtures.voice)
        let started = ContinuousClock.now
        do {
            _ = try synth.nativeClip(for: Self.longText, voice: Fixtures.voice)
            Issue.record("a phrase of ~1,500 words finished within 0.2 s")
        } catch {
            guard case .timedOut(_, let seconds) = error.kind else {
                Issue.record("\(error)")
                return
            }
            #expect(seconds == 0.2)
            #expect(error.isSystemFailure)
            #expect(error.description.hasPrefix("espeak-ng took longer than 0.2 s to speak 'Let your shoulders soften."), "\(error)")
            #expect(error.description.hasSuffix("' (asked twice)"), "\(error)")
        }
        let elapsed = started.duration(to: .now)
        #expect(elapsed >= .milliseconds(400), "asked twice: \(elapsed)")
        #expect(elapsed < .seconds(5), "\(elapsed)")
        // Through the timing protocol it is speech unavailable, not a problem of the script.
        #expect(throws: SpeechUnavailable.self) { try synth.speechDuration(of: Self.longText + " Again.", voice: Fixtures.voice) }
    }

    /// 1,500 words in one phrase: the records are decoded and joined in linear time (copying the
    /// samples again for every record took over a minute).
    @Test func aLongPhraseIsSpokenInLinearTime() throws {
        let started = ContinuousClock.now
        let clip = try SpeechSynthesizer().nativeClip(for: Self.longText, voice: Fixtures.voice)
        let elapsed = started.duration(to: .now)
        #expect(clip.words.count >= 1500)
        #expect(clip.duration > 600)
        #expect(elapsed < .seconds(15), "\(elapsed)")
    }

    @Test func recordsThatStopShortAreAnUnfinishedPhrase() throws {
        var bytes: [UInt8] = []
        func record(_ values: Int32...) { for value in values { withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) } } }
        record(PhraseRecord.started.rawValue, 42, 0, 0)
        record(PhraseRecord.samples.rawValue, 3, 0, 0)
        bytes.append(contentsOf: [1, 0, 2, 0, 3, 0])
        record(PhraseRecord.word.rawValue, 1, 1, 4)
        let cut = bytes
        record(PhraseRecord.end.rawValue, 0, 0, 0)
        guard case .spoken(let output) = try PhraseReply.decode(bytes) else {
            Issue.record("not spoken")
            return
        }
        #expect(output.samples == [1, 2, 3])
        #expect(output.words.count == 1)
        guard case .stopped = try PhraseReply.decode(cut) else {
            Issue.record("records without an end were taken for a whole phrase")
            return
        }
        guard case .stopped = try PhraseReply.decode(Array(cut.dropLast(20))) else {
            Issue.record("a samples record cut off was not an unfinished phrase")
            return
        }
    }

    @Test func aForkThatFailsInTheServerIsReportedAsWhatItIs() throws {
        var bytes: [UInt8] = []
        for value: Int32 in [PhraseRecord.failed.rawValue, EAGAIN, 0, 0] {
            withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) }
        }
        #expect(throws: SpeechError.cannotStartProcess("Resource temporarily unavailable")) { try PhraseReply.decode(bytes) }
        #expect(SpeechError.cannotStartProcess("Resource temporarily unavailable").description
            == "cannot start the speech process: Resource temporarily unavailable")
    }
}
