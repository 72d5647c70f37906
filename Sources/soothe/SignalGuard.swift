#if canImport(Glibc)
import Glibc
#endif
import SootheAudioIO

/// On SIGINT or SIGTERM: remove every temporary output file, say so, and exit (130 or 143).
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
            TemporaryFiles.removeAllInSignalHandler()
            let message: StaticString = "soothe: interrupted; no partial output was left\n"
            _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
            _exit(128 + signalNumber)
        }
        sigemptyset(&action.sa_mask)
        var signals = sigset_t()
        sigemptyset(&signals)
        for signalNumber in [SIGINT, SIGTERM] {
            sigaction(signalNumber, &action, nil)
            sigaddset(&signals, signalNumber)
        }
        // A parent may have started soothe with them blocked (as some test runners do).
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }
}
