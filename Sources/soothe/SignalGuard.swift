#if canImport(Glibc)
import Glibc
#endif
import SootheAudioIO

/// On SIGINT, SIGTERM, SIGHUP, SIGQUIT or SIGPIPE: remove every temporary output file, say so,
/// and exit with 128 + the signal's number (130, 143, 129, 131, 141). SIGXFSZ is ignored.
///
/// Installed before any command runs, as a plain signal handler that needs no other thread, no
/// lock and no allocation (atomic loads, unlink, write, `_exit`), so Ctrl-C works whatever
/// soothe is waiting for, even when the system has no thread left to give. (The speech server
/// leads a process group of its own, so a terminal's Ctrl-C reaches soothe alone; it ends when
/// soothe does.)
enum SignalGuard {
    static func install() {
        TemporaryFiles.prepareForSignals()
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signalNumber in
            let removed = TemporaryFiles.removeAllInSignalHandler()
            // `soothe list | head -1` ends quietly, as any command whose reader stops early.
            if signalNumber == SIGPIPE && removed == 0 { _exit(128 + signalNumber) }
            let message: StaticString = signalNumber == SIGPIPE
                ? "soothe: the output was closed by its reader; no partial output was left\n"
                : "soothe: interrupted; no partial output was left\n"
            _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
            _exit(128 + signalNumber)
        }
        sigemptyset(&action.sa_mask)
        var signals = sigset_t()
        sigemptyset(&signals)
        // A closed terminal (SIGHUP), Ctrl-\ (SIGQUIT) and a reader that went away (SIGPIPE) end a
        // render as Ctrl-C does.
        for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE] {
            sigaction(signalNumber, &action, nil)
            sigaddset(&signals, signalNumber)
        }
        // A parent may have started soothe with them blocked (as some test runners do).
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        // Past a file-size limit, a write fails with EFBIG ("File too large") and the render ends
        // cleanly, instead of the process being killed with its temporary file left behind.
        signal(SIGXFSZ, SIG_IGN)
    }
}
