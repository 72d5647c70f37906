import SoothePOSIX
import Synchronization
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// What the speech server is started from: `EXECUTABLE _speech-server`, where EXECUTABLE is
/// `$SOOTHE_SPEECH_SERVER` if set; else this very program, when it is soothe (whose `main` says
/// so with ``SpeechServerProcess/serveFromThisExecutable()``); else `soothe` in the folder of
/// the running executable, which is where `swift build` puts it beside the test bundles.
enum SpeechServerExecutable {
    /// Set by ``SpeechServerProcess/serveFromThisExecutable()``.
    static let thisExecutableServes = Atomic(false)

    /// The path to start.
    static func path() -> String {
        if let chosen = getenv("SOOTHE_SPEECH_SERVER"), chosen.pointee != 0 {
            return String(cString: chosen)
        }
        // The running file itself, even if it has been replaced on disk since.
        if thisExecutableServes.load(ordering: .relaxed) { return "/proc/self/exe" }
        let running = ProcessSpawn.currentExecutable() ?? ""
        let folder = running.lastIndex(of: "/").map { String(running[..<$0]) } ?? "."
        return "\(folder)/soothe"
    }

    /// Its arguments, the first being its name.
    static let arguments = ["soothe", SpeechServerProcess.argument]
}
