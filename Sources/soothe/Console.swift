#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SootheCore

/// The only place that prints: stdout for results, stderr for diagnostics and progress.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func line(_ text: String) { out(text + "\n") }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// `soothe: error: ...` on stderr.
    static func fail(_ message: String) {
        error("soothe: error: \(message)")
    }

    /// One write for all of them, so a session's diagnostics stay together when several
    /// sessions load at once.
    static func diagnostics(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        var lines = diagnostics.map(\.description)
        // The speech library names the voice; where to find the right name is the command line's advice.
        if diagnostics.contains(where: { $0.message.contains("unknown espeak-ng voice") }) {
            lines.append("note: `soothe voices --espeak` lists the installed espeak-ng voices")
        }
        error(lines.joined(separator: "\n"))
    }

    /// Whether stderr is a terminal (progress is shown only then, unless asked).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }
}
