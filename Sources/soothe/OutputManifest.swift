#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SootheCore
import SootheRender
import SootheSpeech

/// `.soothe-manifest.json` in a batch's output folder: for each file a batch wrote, a fingerprint
/// of everything it was made from and the file's size and modification time as written, so a
/// later batch can leave a file whose inputs did not change (`render --incremental`).
struct OutputManifest {
    /// The manifest's name inside the output folder.
    static let fileName = ".soothe-manifest.json"

    /// A file as it was written: its size, modification time (nanoseconds since 1970) and a
    /// hash of its bytes.
    struct Stamp: Codable, Equatable {
        var size: Int
        var modified: Int64
        var content: String

        /// The stamp of the file at `path` now, nil when there is none.
        init?(path: String) {
            guard let (size, modified) = Self.stat(path), let content = ContentHash.ofFile(path) else { return nil }
            self.size = size
            self.modified = modified
            self.content = content
        }

        /// Whether the file at `path` is still this one: the same size, and the same modification
        /// time or (a copy restored from a CI's cache has a new time) the same bytes.
        func matches(_ path: String) -> Bool {
            guard let (size, modified) = Self.stat(path), size == self.size else { return false }
            return modified == self.modified || ContentHash.ofFile(path) == content
        }

        private static func stat(_ path: String) -> (Int, Int64)? {
            var info = Glibc.stat()
            guard fileStatus(path, &info), info.st_mode & S_IFMT == S_IFREG else { return nil }
            return (Int(info.st_size), Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
        }
    }

    /// One output: what it was made from, what it was when written, and the summary's figures.
    struct Entry: Codable {
        var inputs: String
        var file: Stamp
        /// Captions, chapters, page: name inside the folder to stamp.
        var sidecars: [String: Stamp]
        var session: String
        var title: String?
        var language: String?
        var voice: String?
        var length: Double
        var loudness: Double
        var channels: Int
        var peak: Double
    }

    /// Entries by the output's path inside the folder (`belly-breathing.wav`, `de/sanft/x.opus`).
    var entries: [String: Entry] = [:]

    /// The manifest in `folder`; an empty one when there is none or it cannot be read (then
    /// everything renders, and a good manifest replaces it).
    static func read(folder: String) -> OutputManifest {
        guard let data = FileManager.default.contents(atPath: RenderRunner.path(fileName, in: folder)),
            let file = try? JSONDecoder().decode(Document.self, from: data), file.format == 1
        else { return OutputManifest() }
        return OutputManifest(entries: file.outputs)
    }

    static func exists(folder: String) -> Bool {
        FileManager.default.fileExists(atPath: RenderRunner.path(fileName, in: folder))
    }

    private struct Document: Codable {
        var format: Int
        var soothe: String
        var outputs: [String: Entry]
    }

    /// Whether the output `key` in `folder` can be left as it is: made from `inputs`, and it and
    /// its sidecars are on disk as they were written.
    func isCurrent(_ key: String, inputs: String, folder: String, sidecars: [String]) -> Entry? {
        guard let entry = entries[key], entry.inputs == inputs,
            entry.file.matches(RenderRunner.path(key, in: folder)),
            Set(entry.sidecars.keys) == Set(sidecars),
            sidecars.allSatisfy({ entry.sidecars[$0]?.matches(RenderRunner.path($0, in: folder)) == true })
        else { return nil }
        return entry
    }

    /// The manifest as JSON, an output a line, sorted by path.
    var text: String {
        func stamp(_ s: Stamp) -> String { "{\"size\": \(s.size), \"modified\": \(s.modified), \"content\": \(JSON.string(s.content))}" }
        func optional(_ s: String?) -> String { s.map(JSON.string) ?? "null" }
        let lines = entries.keys.sorted().map { key -> String in
            let e = entries[key]!
            let sidecars = e.sidecars.keys.sorted().map { "\(JSON.string($0)): \(stamp(e.sidecars[$0]!))" }.joined(separator: ", ")
            return "    \(JSON.string(key)): {\"inputs\": \(JSON.string(e.inputs)), \"file\": \(stamp(e.file)), \"sidecars\": {\(sidecars)}, "
                + "\"session\": \(JSON.string(e.session)), \"title\": \(optional(e.title)), \"language\": \(optional(e.language)), "
                + "\"voice\": \(optional(e.voice)), \"length\": \(JSON.number(e.length)), \"loudness\": \(JSON.number(e.loudness)), "
                + "\"channels\": \(e.channels), \"peak\": \(JSON.number(e.peak))}"
        }
        return "{\n  \"format\": 1,\n  \"soothe\": \(JSON.string(SootheInfo.version)),\n  \"outputs\": {\n"
            + lines.joined(separator: ",\n") + (lines.isEmpty ? "" : "\n") + "  }\n}\n"
    }

    /// The fingerprint of what a session's file is made from: soothe's version, the script's
    /// and the translation's bytes, every voice profile that speaks in it with what else shapes
    /// its speech (`engine`: espeak-ng's version and data, a variant file's checksum), every
    /// sound file it plays (path and bytes), and `settings` (the render options that change the
    /// file's bytes, and its place in the folder).
    static func fingerprint(
        script: String, translation: String?, timeline: Timeline, settings: String,
        engine: (VoiceProfile) -> String = { SpeechSynthesizer.shared.engineIdentity(of: $0) }
    ) -> String {
        var hash = ContentHash()
        hash.add("soothe \(SootheInfo.version)")
        hash.add(settings)
        hash.add(file: script)
        hash.add(translation ?? "no translation")
        if let translation { hash.add(file: translation) }
        var voices: [String: VoiceProfile] = [String(reflecting: timeline.voice): timeline.voice]
        for cue in timeline.cues {
            if case .speech(let speech) = cue.event { voices[String(reflecting: speech.voice)] = speech.voice }
        }
        for (described, voice) in voices.sorted(by: { $0.key < $1.key }) {
            hash.add(described)
            hash.add(engine(voice))
        }
        for sound in timeline.soundFilePaths { hash.add(file: sound) }
        return hash.hex
    }
}

/// `stat(2)` of `path` (through symbolic links) into `info`; whether it succeeded.
private func fileStatus(_ path: String, _ info: inout stat) -> Bool {
    stat(path, &info) == 0
}
