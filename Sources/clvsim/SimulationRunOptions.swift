import ArgumentParser
import CLVCore
import Foundation

/// Options shared by the commands that simulate: trial count, seed and threads.
struct SimulationRunOptions: ParsableArguments {
    // `.unconditional` takes the next word as the value even when it starts with "-", so that
    // a negative number is rejected with its reason rather than reported as a missing value.
    @Option(parsing: .unconditional, help: "Number of trials (default: the scenario's `trials`, else 10000).")
    var trials: Int?

    @Option(parsing: .unconditional, help: "Seed of every random stream (default: the scenario's `seed`, else 1).",
            transform: SimulationRunOptions.seed(from:))
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Worker threads (default: all cores). Results do not depend on it.")
    var threads: Int?

    /// The `--seed` value: a whole number from 0 to 2⁶⁴ − 1.
    ///
    /// - Throws: `ValidationError` saying so for anything else (a negative number, say).
    static func seed(from text: String) throws -> UInt64 {
        guard let value = UInt64(text) else {
            throw ValidationError("--seed must be a whole number from 0 to \(UInt64.max), got \(text)")
        }
        return value
    }

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

    /// Checks that the run's per-trial results fit in the memory this process may use
    /// (`MemoryLimit`: physical memory, `ulimit -v`/`-d`, the control group's limit), and says
    /// on standard error how much a run of 1 GiB or more needs, unless `quiet`.
    ///
    /// - Throws: exit 65 when the scenario's own trial count is too large, 64 when `--trials` is;
    ///   the message states the estimate and the limit.
    func checkMemory(_ simulation: Simulation, _ options: SimulationOptions, file: String, quiet: Bool = false,
                     limit: MemoryLimit = .current()) throws {
        let (note, refusal) = memoryMessages(needed: simulation.memoryEstimate(options), trials: options.trials,
                                             file: file, quiet: quiet, limit: limit)
        if let note { printToStandardError(note) }
        if let refusal {
            printToStandardError(refusal)
            throw (trials == nil ? ClvsimExit.invalidInput : ClvsimExit.usage).exitCode
        }
    }

    /// What `checkMemory` prints: a note when the run needs 1 GiB or more and fits (nil when
    /// `quiet`), or the refusal when it does not fit.
    ///
    /// - Complexity: O(1).
    func memoryMessages(needed: Double, trials count: Int, file: String, quiet: Bool,
                        limit: MemoryLimit) -> (note: String?, refusal: String?) {
        guard needed > limit.usableBytes else {
            return (!quiet && needed >= 1_073_741_824 ? "clvsim: this run needs about \(MemoryLimit.gibibytes(needed)) of memory" : nil, nil)
        }
        let perTrial = needed / Double(max(1, count))
        let most = max(0, Int(min(Double(ScenarioLimits.trials.upperBound), (limit.usableBytes / perTrial).rounded(.down))))
        let option = trials == nil ? "\"trials\" in the scenario, or --trials" : "--trials"
        return (nil, "\(file): \(count) trials need about \(MemoryLimit.gibibytes(needed)) of memory for per-trial results, more than the \(MemoryLimit.gibibytes(limit.usableBytes)) this process may use (\(limit.source)) — use at most \(most) trials (\(option))")
    }
}
