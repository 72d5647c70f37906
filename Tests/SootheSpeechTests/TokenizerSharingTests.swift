import Foundation
import SootheModel
import Synchronization
import Testing
@testable import SootheSpeech

#if canImport(Glibc)
import Glibc
#endif

/// Tells the tokenising threads to end.
final class Stop: Sendable {
    let flag = Atomic(false)
}

@Suite("libc's one strtok position, shared by espeak-ng and libsox")
struct TokenizerSharingTests {
    /// What espeak-ng does when it loads a voice file: a `strtok` of a string of its own. Run
    /// without pause on other threads, it moves libc's saved position under anyone mid-parse.
    static func tokenizeLikeAVoiceLoad(until stop: Stop) {
        while !stop.flag.load(ordering: .relaxed) {
            LibcTokenizerLock.withLock {
                var line = Array("variant f3 flutter 20".utf8CString)
                line.withUnsafeMutableBufferPointer { buffer in
                    var token = strtok(buffer.baseAddress, " ")
                    while token != nil { token = strtok(nil, " ") }
                }
            }
        }
    }

    @Test("the speech chain's compand parses its options while other threads tokenise")
    func theChainParsesWhileOthersTokenise() async throws {
        let stop = Stop()
        let noise = (0..<2).map { _ in Thread { Self.tokenizeLikeAVoiceLoad(until: stop) } }
        noise.forEach { $0.start() }
        defer { stop.flag.store(true, ordering: .relaxed) }
        let clip = SpeechClip(
            samples: (0..<2205).map { Float(sin(Double($0) * 0.1) * 0.3) }, sampleRate: 22050,
            words: [], sentences: [], voiceFrames: 2205)
        // Each chain's compand reads its attack and decay times with strtok. Without the lock,
        // the other threads' strtok moves the saved position under it: compand gets a null or
        // a foreign token and rejects its options (CI saw it once in a whole run) or crashes
        // (here, within the first few hundred chains).
        for _ in 0..<3000 {
            _ = try SpeechChain.apply(clip, settings: SpeechChainSettings(enabled: true))
        }
    }
}
