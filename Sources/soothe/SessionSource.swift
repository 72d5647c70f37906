import ArgumentParser
import Foundation
import SootheCore
import SoothePOSIX

/// A session script to read: a file path or the id of a built-in session.
struct SessionSource: Sendable, Hashable {
    /// The script's path.
    var path: String
    /// The id implied by the file name.
    var defaultID: String

    /// Why a SESSION argument names nothing, or its script cannot be read.
    struct NotFound: Error, Sendable, CustomStringConvertible {
        var description: String
        /// 66, unless the system was the cause (too many open files: 71; an I/O error: 74).
        var status: ExitCode = ExitStatus.notFound

        init(description: String) {
            self.description = description
        }

        /// A file larger than a script may be, found by its size before reading (65).
        init(tooLarge path: String, size: Int) {
            description = "\(ControlCharacters.escaped(path)): the file is \(size) bytes, larger than \(ScriptParser.maximumFileSize) bytes (1 MiB), the most a session script may be"
            status = ExitStatus.invalidScript
        }

        /// A script the system would not let soothe read, with its reason.
        init(reading path: String, _ error: SoothePOSIX.POSIXError) {
            description = "cannot read \(path): \(error.reason)"
            status = ExitStatus.forSystemError(error.code).map { ExitCode($0) } ?? ExitStatus.notFound
        }
    }

    /// The name diagnostics give a script read from standard input (`-`).
    static let standardInputName = "<stdin>"

    /// Whether this is standard input.
    var isStandardInput: Bool { path == Self.standardInputName }

    /// Resolves a SESSION argument: `-` for standard input, an existing path, else a built-in id.
    static func resolve(_ argument: String, sessionsDirectory: String?) throws(NotFound) -> SessionSource {
        if argument == "-" { return SessionSource(path: standardInputName, defaultID: "stdin") }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let looksLikePath = argument.contains("/") || argument.hasSuffix(".yaml") || argument.hasSuffix(".yml")
        if fm.fileExists(atPath: argument, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                throw NotFound(description: "'\(argument)' is a folder; give a session file (.yaml) or a built-in session id")
            }
            return SessionSource(path: argument, defaultID: ScriptParser.defaultID(forFileName: argument))
        }
        if looksLikePath {
            throw NotFound(description: "no such file: \(argument)")
        }
        let ids = builtInIDs(in: sessionsDirectory)
        guard ScriptParser.isValidID(argument) else {
            throw NotFound(description: "'\(argument)' is neither a file nor a session id (ids are lower-case letters, digits and '-'); run 'soothe list' for the built-in sessions")
        }
        if let folder = sessionsDirectory {
            let path = folder + "/" + argument + ".yaml"
            if fm.fileExists(atPath: path) { return SessionSource(path: path, defaultID: argument) }
        }
        let near = Suggestions.nearest(to: argument, in: ids, limit: 3)
        let hint = near.isEmpty ? "" : " (did you mean \(near.map { "'\($0)'" }.joined(separator: ", "))?)"
        let where_ = sessionsDirectory == nil ? "; no built-in sessions were found (set SOOTHE_HOME)" : "; run 'soothe list' for the built-in sessions"
        throw NotFound(description: "unknown session '\(argument)'\(hint)\(where_)")
    }

    /// The ids of the built-in sessions, sorted.
    static func builtInIDs(in sessionsDirectory: String?) -> [String] {
        guard let folder = sessionsDirectory,
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder)
        else { return [] }
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The script's bytes, read from the file or standard input. A regular file over the size
    /// limit is refused by its size before any byte is read; from a pipe at most one byte more
    /// than a script may hold is read (the parser reports it), so an endless pipe costs nothing.
    /// A pipe or process substitution reads like a file.
    func read() throws(NotFound) -> [UInt8] {
        let fd: Int32
        if isStandardInput {
            fd = 0
        } else {
            do {
                fd = try retryingEINTR("open") { open(path, O_RDONLY | O_CLOEXEC) }
            } catch {
                throw NotFound(reading: path, error)
            }
        }
        defer { if fd != 0 { FileDescriptorIO.closeQuietly(fd) } }
        var info = stat()
        if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) > ScriptParser.maximumFileSize {
            throw NotFound(tooLarge: path, size: Int(info.st_size))
        }
        let limit = ScriptParser.maximumFileSize + 1
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: limit, alignment: 16)
        defer { buffer.deallocate() }
        var count = 0
        while count < limit {
            let got: Int
            do {
                got = try FileDescriptorIO.readOnce(fd, into: buffer + count, limit - count)
            } catch {
                throw NotFound(reading: path, error)
            }
            if got == 0 { break }
            count += got
        }
        return Array(UnsafeRawBufferPointer(start: buffer, count: count))
    }
}

extension SessionLoader {
    /// Reads and loads a resolved source.
    func load(_ source: SessionSource) throws(SessionSource.NotFound) -> Result {
        load(bytes: try source.read(), file: source.path, defaultID: source.defaultID)
    }
}
