import Foundation
import Testing

/// ffprobe and ffmpeg (Debian's `ffmpeg`, installed by `make test`): what a player reads of a file.
enum FFprobe {
    /// Runs `tool` with `arguments`; its status, standard output (bytes) and standard error.
    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, out: Data, err: String) {
        let folder = try TestFolder()
        let outPath = folder.file("out"), errPath = folder.file("err")
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return (process.terminationStatus, try Data(contentsOf: URL(fileURLWithPath: outPath)), try String(contentsOfFile: errPath, encoding: .utf8))
    }

    /// What ffprobe reads of `path`: chapters (title, start in seconds), the tags of the file and
    /// of its streams (keys lower-cased, the file's over a stream's: an MP3 stream names the encoder LAME), and each stream's codec
    /// and whether it is an attached picture.
    struct Probe {
        var chapters: [(title: String, start: Double)]
        var tags: [String: String]
        var streams: [(codec: String, attachedPicture: Bool)]
    }

    static func probe(_ path: String) throws -> Probe {
        let result = try run("ffprobe", ["-v", "error", "-of", "json", "-show_chapters", "-show_format", "-show_streams", path])
        try #require(result.status == 0, "ffprobe \(path): \(result.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: result.out) as? [String: Any])
        let chapters = (json["chapters"] as? [[String: Any]] ?? []).map { chapter in
            ((chapter["tags"] as? [String: String])?["title"] ?? "", Double(chapter["start_time"] as? String ?? "") ?? -1)
        }
        var tags: [String: String] = [:]
        func merge(_ object: [String: Any]?) {
            for (key, value) in (object?["tags"] as? [String: String]) ?? [:] { tags[key.lowercased()] = value }
        }
        let streams = json["streams"] as? [[String: Any]] ?? []
        for stream in streams where (stream["disposition"] as? [String: Any])?["attached_pic"] as? Int != 1 { merge(stream) }
        merge(json["format"] as? [String: Any])
        return Probe(
            chapters: chapters, tags: tags,
            streams: streams.map { ($0["codec_name"] as? String ?? "", ($0["disposition"] as? [String: Any])?["attached_pic"] as? Int == 1) })
    }

    /// The audio of `path` decoded by ffmpeg to 16-bit samples, and what ffmpeg complained of.
    static func decode(_ path: String) throws -> (samples: Data, complaints: String) {
        let result = try run("ffmpeg", ["-v", "error", "-i", path, "-map", "0:a", "-f", "s16le", "-"])
        try #require(result.status == 0, "ffmpeg \(path): \(result.err)")
        return (result.out, result.err)
    }
}
