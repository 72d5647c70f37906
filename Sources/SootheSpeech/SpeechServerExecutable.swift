import SoothePOSIX
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Where the speech server's executable is: `$SOOTHE_SPEECH_SERVER` if set, else
/// `soothe-speech` in the folder of the running executable. That is where `swift build` puts
/// it beside `soothe` and beside the test bundle, and where `make install` puts it.
enum SpeechServerExecutable {
    /// The executable's file name.
    static let name = "soothe-speech"

    /// The path to start.
    static func path() -> String {
        if let chosen = getenv("SOOTHE_SPEECH_SERVER"), chosen.pointee != 0 {
            return String(cString: chosen)
        }
        let running = ProcessSpawn.currentExecutable() ?? ""
        let folder = running.lastIndex(of: "/").map { String(running[..<$0]) } ?? "."
        return "\(folder)/\(name)"
    }
}
