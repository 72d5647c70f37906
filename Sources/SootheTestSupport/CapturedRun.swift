import Foundation

/// Runs a program to its end and returns what it printed. Its standard output and error go to
/// files, not pipes (a full pipe cannot block the child while the caller waits); its standard
/// input is empty.
public enum CapturedRun {
    /// How the program ended, and its standard output and error.
    public struct Result: Sendable {
        public var status: Int32
        public var out: Data
        public var err: Data
    }

    /// Runs `executable` with `arguments`, in `environment` (default: this process's) and
    /// `directory` (default: this process's).
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, directory: String? = nil
    ) throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("soothe-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(status: process.terminationStatus, out: try Data(contentsOf: outURL), err: try Data(contentsOf: errURL))
    }
}
