#if canImport(Glibc)
import Glibc
#endif
import SootheCore
import SoothePOSIX

/// The only place that prints: stdout for results, stderr for diagnostics and progress. Each
/// call is written whole (retried when a signal interrupts it); a stream that cannot be
/// written (closed, full disk) is not an error of its own.
enum Console {
    static func out(_ text: String) {
        write(text, to: 1)
    }

    static func line(_ text: String) { out(text + "\n") }

    static func error(_ text: String) {
        write(text + "\n", to: 2)
    }

    /// Progress without a newline (a line rewritten in place), on stderr.
    static func progress(_ text: String) {
        write(text, to: 2)
    }

    private static func write(_ text: String, to fd: Int32) {
        try? FileDescriptorIO.writeAll(fd, Array(text.utf8))
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
