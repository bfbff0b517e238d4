import ArgumentParser
import CLVLinearAlgebra

/// The `clvsim` command: Monte Carlo customer-lifetime-value simulation.
@main
struct CLVSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clvsim",
        abstract: "Monte Carlo customer-lifetime-value simulator.",
        discussion: """
            clvsim reads a JSON scenario (customer segments, retention, spend, referrals, \
            acquisition plans, strategies) and reports confidence intervals for CLV per segment, \
            customer equity, and the incremental value and ROMI of each strategy.
            """,
        version: ClvsimVersion.current,
        subcommands: [RunCommand.self, OptimizeCommand.self, BreakevenCommand.self, MergeCommand.self, ClusterCommand.self, CompareCommand.self, ValidateCommand.self, SchemaCommand.self, FitCommand.self]
    )

    /// Parses the command line and runs the command, removing temporary files on every exit.
    /// OpenBLAS's worker threads are stopped first, so that they do not spin on the cores the
    /// command's own workers need (`BLAS.useSingleThread()`).
    static func main() {
        BLAS.useSingleThread()
        ExitCleanup.install()
        main(nil)
    }
}
