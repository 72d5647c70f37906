import ArgumentParser

/// The exit statuses of cli.md (sysexits.h values).
enum ExitStatus {
    static let usage = ExitCode(64)
    static let invalidScript = ExitCode(65)
    static let notFound = ExitCode(66)
    static let cannotCreate = ExitCode(73)
    /// EX_OSERR: the system could not give what soothe needs (a process for speech, ...).
    static let systemError = ExitCode(71)
    static let failure = ExitCode(1)
}
