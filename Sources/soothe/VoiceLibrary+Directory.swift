import Foundation
import SootheCore

extension VoiceLibrary {
    /// Loads every `*.yaml` in `directory`, in name order (none when it does not exist).
    static func load(directory: String) -> VoiceLibrary {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        return VoiceLibrary(files: names.map { name in
            let path = (directory as NSString).appendingPathComponent(name)
            return (path, (try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
        })
    }
}
