import Foundation
import SootheSpeech

/// The speech synthesiser every command uses, and where it keeps clips between runs.
enum Speech {
    /// Synthesises with a disk cache in ``cacheDirectory(in:)`` (none if that is `off` or cannot
    /// be written: a folder named in `$SOOTHE_CACHE` that cannot be used gets a warning).
    static let synthesizer: SpeechSynthesizer = {
        let environment = ProcessInfo.processInfo.environment
        // Without a cache kept between runs, one for this run alone (see `SpeechDiskCache.scratch`).
        guard let directory = cacheDirectory(in: environment) else { return SpeechSynthesizer(disk: .scratch()) }
        let disk = SpeechDiskCache(directory: directory)
        if disk == nil, environment["SOOTHE_CACHE"] != nil {
            Console.error("soothe: warning: SOOTHE_CACHE: cannot create or write \(directory); speech is not cached")
        }
        return SpeechSynthesizer(disk: disk ?? .scratch())
    }()

    /// `$SOOTHE_CACHE` (a folder, or `off` for no cache), else `$XDG_CACHE_HOME/soothe/speech`,
    /// else `$HOME/.cache/soothe/speech`.
    static func cacheDirectory(in environment: [String: String]) -> String? {
        if let chosen = environment["SOOTHE_CACHE"] {
            return chosen.isEmpty || chosen == "off" ? nil : chosen
        }
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
            return cache + "/soothe/speech"
        }
        if let home = environment["HOME"], !home.isEmpty {
            return home + "/.cache/soothe/speech"
        }
        return nil
    }
}
