import Foundation
import SootheTestSupport
import Testing

/// Runs the built `soothe` executable and captures what it prints.
enum SootheCLI {
    /// The package root, from this file's path (`Tests/SootheCLITests/SootheCLI.swift`).
    static let packageRoot: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }()

    /// `$SOOTHE_BIN`, else `soothe` beside the test executable (the products folder), else
    /// `.build/debug/soothe` in the package.
    static let binary: String? = {
        let fm = FileManager.default
        if let path = ProcessInfo.processInfo.environment["SOOTHE_BIN"], !path.isEmpty {
            return fm.isExecutableFile(atPath: path) ? path : nil
        }
        var candidates: [String] = []
        let testExecutable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        // Linux: the test bundle is an executable file in the products folder; macOS: a bundle.
        var folder = testExecutable.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent("soothe").path)
            folder = folder.deletingLastPathComponent()
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("soothe").path)
        candidates.append(packageRoot + "/.build/debug/soothe")
        return candidates.first { path in
            var isDirectory: ObjCBool = false
            return fm.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && fm.isExecutableFile(atPath: path)
        }
    }()

    /// What one run printed and how it ended.
    struct Result: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String
        var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
    }

    /// Runs `soothe ARGUMENTS` with `SOOTHE_HOME` set to `home` (default: the package root; nil:
    /// unset), `SOOTHE_CACHE` to `cache` (default: an empty folder of this run's own) and
    /// `SOOTHE_VOICES` empty (no user voice folders), and `environment` on top; through `wrapper` (a command and its arguments, e.g. `prlimit
    /// --nofile=8`) if given. `executable` runs another path to the binary (a symlink, a name on `PATH`).
    static func run(
        _ arguments: [String], home: String? = packageRoot, in directory: String? = nil, cache: String? = nil,
        environment extra: [String: String] = [:], wrapper: [String] = [], executable: String? = nil
    ) throws -> Result {
        let binary = try #require(executable ?? binary, "the soothe executable was not found; build it first or set SOOTHE_BIN")
        let folder = try TemporaryFolder()
        var environment = ProcessInfo.processInfo.environment
        environment["SOOTHE_HOME"] = home
        environment["SOOTHE_CACHE"] = cache ?? folder.file("speech-cache")
        // No voice folders of the machine's user: a test names its own (SOOTHE_VOICES in `environment`).
        environment["SOOTHE_VOICES"] = ""
        // No width from the runner's terminal: the preview table takes its default (a test sets COLUMNS to change it).
        environment["COLUMNS"] = ""
        environment.merge(extra) { $1 }
        let run = try CapturedRun.run(
            wrapper.first ?? binary, wrapper.isEmpty ? arguments : Array(wrapper.dropFirst()) + [binary] + arguments,
            environment: environment, directory: directory ?? folder.path)
        return Result(status: run.status, stdout: String(decoding: run.out, as: UTF8.self), stderr: String(decoding: run.err, as: UTF8.self))
    }
}
