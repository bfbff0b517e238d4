import ArgumentParser

/// A `clvsim fit` subcommand: it builds its report, and this protocol turns the report, or the
/// failure that stopped it, into output and an exit code.
protocol FitSubcommand: ParsableCommand {
    /// The text to print on success.
    ///
    /// - Throws: `FitFailure` for bad data or files (with its exit code and message).
    func report() throws -> String
}

extension FitSubcommand {
    func run() throws {
        try execute().finish()
    }

    /// Runs the command and returns what it prints and its exit code.
    func execute() -> CommandOutcome {
        do {
            return .success(try report())
        } catch let failure as FitFailure {
            return failure.outcome
        } catch {
            return .failure(CommandOutcome.internalError, "internal error: \(error)")
        }
    }
}
