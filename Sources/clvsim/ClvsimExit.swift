import ArgumentParser

/// The exit codes of clvsim (README.md, "Using clvsim").
enum ClvsimExit: Int32, Sendable {
    /// Success.
    case success = 0
    /// The command line is wrong.
    case usage = 64
    /// A scenario or data file is invalid; every problem is listed.
    case invalidInput = 65
    /// An input file is missing or unreadable.
    case inputUnreadable = 66
    /// An internal error.
    case internalError = 70
    /// An output file or folder cannot be created.
    case outputFailure = 73

    /// The ArgumentParser exit code to throw.
    var exitCode: ExitCode { ExitCode(rawValue) }
}
