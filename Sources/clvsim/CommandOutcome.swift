import ArgumentParser
import CLVFit

/// What a command produced: its exit code and the text for standard output and error.
struct CommandOutcome: Equatable {
    var exitCode: Int32
    var standardOutput: String
    var standardError: String

    static let dataError = ClvsimExit.invalidInput.rawValue
    static let missingInput = ClvsimExit.inputUnreadable.rawValue
    static let cannotCreateOutput = ClvsimExit.outputFailure.rawValue
    static let internalError = ClvsimExit.internalError.rawValue

    /// Success with the given output.
    static func success(_ text: String) -> CommandOutcome {
        CommandOutcome(exitCode: 0, standardOutput: text, standardError: "")
    }

    /// Failure with the given exit code and message (a line is added).
    static func failure(_ code: Int32, _ message: String) -> CommandOutcome {
        CommandOutcome(exitCode: code, standardOutput: "", standardError: message.hasSuffix("\n") ? message : message + "\n")
    }

    /// Prints the outcome and ends the command with its exit code.
    func finish() throws {
        if !standardOutput.isEmpty { print(standardOutput, terminator: standardOutput.hasSuffix("\n") ? "" : "\n") }
        if !standardError.isEmpty {
            printToStandardError(standardError.hasSuffix("\n") ? String(standardError.dropLast()) : standardError)
        }
        if exitCode != 0 { throw ExitCode(exitCode) }
    }
}

/// A failure that ends a fit command with an exit code.
struct FitFailure: Error {
    var outcome: CommandOutcome

    init(_ code: Int32, _ message: String) { outcome = .failure(code, message) }

    /// Bad data: exit 65 with `SOURCE:LINE: message`.
    init(_ error: FitError, source: String) {
        outcome = .failure(CommandOutcome.dataError, error.described(source: source))
    }
}
