#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import SootheAudioIO

/// On SIGINT or SIGTERM: remove every temporary output file, then exit (130 or 143).
///
/// The signals are handled by Dispatch sources on a queue of their own, not in a raw signal
/// handler, so removing files is safe while the main thread renders.
enum SignalGuard {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: DispatchQueue(label: "soothe.signals"))
            source.setEventHandler {
                TemporaryFiles.removeAll()
                Console.error("soothe: interrupted; no partial output was left")
                exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }
}
