import ArgumentParser
import Foundation
import SootheCore
import SoothePOSIX

/// `--watch` (preview, render): does the command once, then again each time the session's
/// script, its translation, a voice profile it can use or a sound file it plays is written,
/// created, renamed or removed (inotify on their folders: editors save by renaming a new file
/// over the old). On a
/// terminal the screen is cleared before each run; elsewhere a line names what changed. Ends
/// with Ctrl-C (130, as any interrupted command).
struct WatchLoop {
    /// Files whose change means a new run (absolute, links resolved).
    var files: Set<String> = []
    /// Folders in which any `.yaml` file's change means a new run (voice profiles).
    var yamlFolders: Set<String> = []
    /// The sound files the session plays, as its script says after the latest run: a script
    /// edited to play a new file has that file watched from then on.
    let soundFiles: () -> [String]

    /// What `argument` (a script or built-in id) depends on, spoken in `language` if given.
    init(session argument: String, language: String?, workspace: Workspace) throws {
        let source = try workspace.source(argument)
        guard !source.isStandardInput else {
            Console.fail("--watch needs a script file or a built-in id, not standard input")
            throw ExitStatus.usage
        }
        files.insert(Self.standard(source.path))
        if let language {
            files.insert(Self.standard(SessionTranslations.path(forScript: source.path, language: language)))
        }
        for folder in workspace.voicePath.folders(besideScript: source.path) {
            if let path = folder.path { yamlFolders.insert(Self.standard(path)) }
        }
        if let beside = VoiceSearchPath.folder(besideScript: source.path) { yamlFolders.insert(Self.standard(beside)) }
        soundFiles = {
            let timeline = try? workspace.loader(for: source, timing: EstimatedSpeechTiming()).load(source).timeline
            return (timeline?.soundFilePaths ?? []).map(Self.standard)
        }
    }

    /// The folders to watch: those of the files, and the voice folders (the ones that exist).
    var folders: [String] {
        let parents = files.map { ($0 as NSString).deletingLastPathComponent }
        return Set(parents).union(yamlFolders).filter { FileManager.default.fileExists(atPath: $0) }.sorted()
    }

    /// Whether a change to `path` means a new run.
    func matters(_ path: String) -> Bool {
        if files.contains(path) { return true }
        let folder = (path as NSString).deletingLastPathComponent
        return path.hasSuffix(".yaml") && yamlFolders.contains(folder)
    }

    /// Runs `body`, then again after each change that matters, until interrupted. A run that
    /// fails has said why; the loop waits for the next change.
    func run(_ body: () throws -> Void) throws {
        var loop = self
        loop.files.formUnion(soundFiles())
        let watcher: FolderWatcher
        do {
            watcher = try FolderWatcher(folders: loop.folders)
        } catch {
            Console.fail("--watch: cannot watch for changes: \(error)")
            throw ExitStatus.systemError
        }
        Console.error("soothe: watching \(watcher.watched.joined(separator: ", ")) for changes (Ctrl-C to stop)")
        let terminal = Terminal.isTerminal(1)
        Self.attempt(body)
        while true {
            let changed: [String]
            do {
                changed = try watcher.waitForChanges().filter(loop.matters).sorted()
            } catch {
                Console.fail("--watch: \(error)")
                throw ExitStatus.systemError
            }
            guard !changed.isEmpty else { continue }
            let names = changed.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
            // Home, then erase the screen: the new run is drawn where the old one was.
            Console.out(terminal ? "\u{1B}[H\u{1B}[2J" : "\n--- \(names) changed ---\n\n")
            Self.attempt(body)
            loop.files.formUnion(soundFiles())
            watcher.watch(loop.folders)
        }
    }

    /// Runs `body`; a failure has been reported (or is reported here) and does not end the loop.
    static func attempt(_ body: () throws -> Void) {
        do {
            try body()
        } catch is ExitCode {
            // Already said on stderr.
        } catch {
            Console.fail("\(error)")
        }
    }

    static func standard(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
