import ArgumentParser
import CLVCore
import Foundation

/// Options shared by the commands that simulate: trial count, seed and threads.
struct SimulationRunOptions: ParsableArguments {
    @Option(help: "Number of trials (default: the scenario's `trials`, else 10000).")
    var trials: Int?

    @Option(help: "Seed of every random stream (default: the scenario's `seed`, else 1).")
    var seed: UInt64?

    @Option(help: "Worker threads (default: all cores). Results do not depend on it.")
    var threads: Int?

    func validate() throws {
        if let trials, !ScenarioLimits.trials.contains(trials) {
            throw ValidationError("--trials must be between 1 and \(ScenarioLimits.trials.upperBound), got \(trials).")
        }
        if let threads, !(1...1024).contains(threads) {
            throw ValidationError("--threads must be between 1 and 1024, got \(threads).")
        }
    }

    /// The simulation options for `scenario`: these options where given, else its own.
    func simulationOptions(for scenario: Scenario, extraDiscountRates: [Double] = []) -> SimulationOptions {
        SimulationOptions(trials: trials ?? scenario.trials, seed: seed ?? scenario.seed,
                          threads: threads ?? ProcessInfo.processInfo.activeProcessorCount,
                          extraDiscountRates: extraDiscountRates)
    }

    /// Checks that the run's per-trial results fit in memory.
    ///
    /// - Throws: exit 65 when the scenario's own trial count is too large, 64 when `--trials` is.
    func checkMemory(_ simulation: Simulation, _ options: SimulationOptions, file: String) throws {
        let needed = simulation.memoryEstimate(options)
        let available = Double(ProcessInfo.processInfo.physicalMemory) * 0.6
        guard needed > available else { return }
        let perTrial = needed / Double(max(1, options.trials))
        printToStandardError("\(file): \(options.trials) trials need about \(Int(needed / 1_048_576)) MiB of memory for per-trial results, more than this machine can spare — use at most \(Int(available / perTrial)) trials (--trials)")
        throw (trials == nil ? ClvsimExit.invalidInput : ClvsimExit.usage).exitCode
    }
}
