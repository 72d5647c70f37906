import Foundation

/// ffprobe and ffmpeg (Debian's `ffmpeg`, installed by `make test`): what a player reads of a
/// file, for the tests of the metadata soothe writes.
public enum FFprobe {
    /// ffprobe or ffmpeg failed; its standard error.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `tool` with `arguments`; its status, standard output (bytes) and standard error.
    public static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, out: Data, err: String) {
        let result = try CapturedRun.run("/usr/bin/env", [tool] + arguments)
        return (result.status, result.out, String(decoding: result.err, as: UTF8.self))
    }

    /// What ffprobe reads of a file.
    public struct Probe {
        /// Each chapter's title and start in seconds.
        public var chapters: [(title: String, start: Double)]
        /// The tags of the file and of its audio streams, keys lower-cased, the file's over a
        /// stream's (an MP3 stream names its encoder, LAME).
        public var tags: [String: String]
        /// Each stream's codec, and whether it is an attached picture (a cover).
        public var streams: [(codec: String, attachedPicture: Bool)]
    }

    public static func probe(_ path: String) throws -> Probe {
        let result = try run("ffprobe", ["-v", "error", "-of", "json", "-show_chapters", "-show_format", "-show_streams", path])
        guard result.status == 0, let json = try JSONSerialization.jsonObject(with: result.out) as? [String: Any] else {
            throw Failure(description: "ffprobe \(path): \(result.err)")
        }
        let chapters = (json["chapters"] as? [[String: Any]] ?? []).map { chapter in
            ((chapter["tags"] as? [String: String])?["title"] ?? "", Double(chapter["start_time"] as? String ?? "") ?? -1)
        }
        var tags: [String: String] = [:]
        func merge(_ object: [String: Any]?) {
            for (key, value) in (object?["tags"] as? [String: String]) ?? [:] { tags[key.lowercased()] = value }
        }
        let streams = json["streams"] as? [[String: Any]] ?? []
        func attached(_ stream: [String: Any]) -> Bool { (stream["disposition"] as? [String: Any])?["attached_pic"] as? Int == 1 }
        for stream in streams where !attached(stream) { merge(stream) }
        merge(json["format"] as? [String: Any])
        return Probe(chapters: chapters, tags: tags, streams: streams.map { ($0["codec_name"] as? String ?? "", attached($0)) })
    }

    /// The audio of `path` decoded by ffmpeg to 16-bit samples, and what ffmpeg complained of.
    public static func decode(_ path: String) throws -> (samples: Data, complaints: String) {
        let result = try run("ffmpeg", ["-v", "error", "-i", path, "-map", "0:a", "-f", "s16le", "-"])
        guard result.status == 0 else { throw Failure(description: "ffmpeg \(path): \(result.err)") }
        return (result.out, result.err)
    }

    /// An 8×4 RGB PNG image (made with Python's zlib): a valid cover.
    public static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x08,
        0x00, 0x00, 0x00, 0x04, 0x08, 0x02, 0x00, 0x00, 0x00, 0x3C, 0xAF, 0xE9, 0xA7, 0x00, 0x00, 0x00, 0x11, 0x49, 0x44, 0x41,
        0x54, 0x78, 0x9C, 0x63, 0x38, 0x51, 0x11, 0x80, 0x15, 0x31, 0x50, 0x4F, 0x02, 0x00, 0xD3, 0xEB, 0x32, 0x01, 0x48, 0x25,
        0xD4, 0xCD, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]
}
