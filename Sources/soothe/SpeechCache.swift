import Foundation
import SootheCore
import SootheSpeech

/// The speech synthesiser every command uses, and where it keeps clips between runs.
enum Speech {
    /// Synthesises with a disk cache in ``cacheDirectory(in:)`` (none if that is `off` or cannot
    /// be written: a folder named in `$SOOTHE_CACHE` that cannot be used gets a warning).
    static let synthesizer = SpeechSynthesizer(disk: disk)

    /// The speech cache: the folder kept between runs, or one for this run alone.
    static let disk: SpeechDiskCache? = {
        let environment = ProcessInfo.processInfo.environment
        // Without a cache kept between runs, one for this run alone (see `SpeechDiskCache.scratch`).
        guard let directory = cacheDirectory(in: environment) else { return .scratch() }
        var limit = SpeechDiskCache.defaultLimit
        if let text = environment["SOOTHE_CACHE_SIZE"] {
            if let bytes = cacheSize(text) {
                limit = bytes
            } else {
                Console.error("soothe: warning: SOOTHE_CACHE_SIZE: '\(ControlCharacters.escaped(text))' is not a size such as 500M or 2G; the cache keeps at most 1G")
            }
        }
        let disk = SpeechDiskCache(directory: directory, limit: limit)
        if disk == nil, environment["SOOTHE_CACHE"] != nil {
            Console.error("soothe: warning: SOOTHE_CACHE: cannot create or write \(directory); speech is not cached")
        }
        return disk ?? .scratch()
    }()

    /// `SOOTHE_CACHE_SIZE`'s bytes: a whole number, optionally followed by K, M or G (powers of
    /// 1024), at least 1M; nil for anything else.
    static func cacheSize(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = Substring(text.uppercased())
        var unit = 1
        if let last = digits.last, let scale = units[last] {
            unit = scale
            digits = digits.dropLast()
        } else if digits.hasSuffix("B"), let scale = units[digits.dropLast().last ?? " "] {
            unit = scale
            digits = digits.dropLast(2)
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
              let count = Int(digits), count <= Int.max / unit, count * unit >= 1 << 20 else { return nil }
        return count * unit
    }

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

extension Speech {
    /// Makes soothe's own espeak-ng variants (the files in `voices/variants/`) loadable, through
    /// an overlay of espeak-ng's data kept in the speech cache's folder (else in
    /// `$TMPDIR/soothe-UID`; see `EspeakDataOverlay`). A failure is a warning: profiles that use
    /// those variants then fail with their own error.
    static func installVariants(from voicesDirectory: String?) {
        guard let voicesDirectory else { return }
        let folder = (voicesDirectory as NSString).appendingPathComponent("variants")
        let variants = EspeakDataOverlay.variants(in: folder)
        guard !variants.isEmpty else { return }
        do {
            try EspeakDataOverlay.install(variants, in: disk?.directory ?? EspeakDataOverlay.privateTemporaryFolder())
        } catch {
            Console.error("soothe: warning: soothe's espeak-ng variants in \(folder) cannot be used: \(error)")
        }
    }
}
