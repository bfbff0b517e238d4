import ArgumentParser
import CLVCore
import CLVReport
import Dispatch

/// `clvsim compare`: whole scenario files compared trial by trial with common random numbers.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare scenario files trial by trial with common random numbers.",
        discussion: """
            Runs BASE and every ALT with the same seed and trials; each trial of every file draws \
            the same random numbers for the same role (an input's scenario path, a segment's \
            renewals in a period, ...), so the per-trial differences measure the change between \
            the files, not noise. Reports the difference of every metric (ALT − BASE) with \
            intervals and the probability that ALT's customer equity beats BASE's.

            The files must have the same segments in the same order, the same horizonPeriods and \
            the same periodsPerYear. The base file's trials, seed and intervals apply unless \
            overridden. Exit codes as for run; files that cannot be paired exit 65.
            """
    )

    @Argument(help: "The base scenario file.")
    var base: String

    @Argument(help: "One or more alternative scenario files.")
    var alternatives: [String]

    @OptionGroup var simulation: SimulationRunOptions

    @Flag(help: "Print the comparison as JSON instead of a table.")
    var json = false

    func validate() throws {
        if alternatives.isEmpty { throw ValidationError("Give at least one alternative scenario file after the base.") }
    }

    func run() throws {
        let interrupts = InterruptHandling.shared
        interrupts.install()
        var files: [LoadedScenario] = []
        var failure: ExitCode?
        for path in [base] + alternatives {
            do {
                files.append(try loadScenarioFile(path: path))
            } catch {
                let code = error.report()
                if failure == nil || code.rawValue == ClvsimExit.inputUnreadable.rawValue { failure = code }
            }
        }
        if let failure { throw failure }
        files.forEach { $0.warningLines.forEach(printToStandardError) }
        var pairingFailed = false
        for file in files.dropFirst() {
            for problem in ScenarioComparison.pairingProblems(base: files[0].scenario, alternative: file.scenario) {
                printToStandardError("\(file.path): cannot be compared with \(base): \(problem)")
                pairingFailed = true
            }
        }
        if pairingFailed { throw ClvsimExit.invalidInput.exitCode }

        let options = simulation.simulationOptions(for: files[0].scenario)
        let start = DispatchTime.now()
        var results: [SimulationResult] = []
        for file in files {
            do {
                var scenario = file.scenario
                scenario.intervals = files[0].scenario.intervals
                try simulation.checkMemory(try Simulation(scenario: scenario), options, file: file.path)
                let request = RunRequest(scenario: scenario, options: options)
                results.append(try ScenarioRun.perform(request, isCancelled: { interrupts.isCancelled }).result)
            } catch SimulationError.cancelled {
                printToStandardError("clvsim: interrupted")
                throw ExitCode(128 + (interrupts.signal ?? 2))
            } catch let error as SimulationError {
                printToStandardError("\(file.path): \(error)")
                throw ClvsimExit.invalidInput.exitCode
            }
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let comparisons = results.dropFirst().map { ScenarioComparison(base: results[0], alternative: $0) }
        if json {
            print(ComparisonReport.document(files: files.map(\.path), names: files.map(\.scenario.name),
                                            digests: files.map(\.sha256), comparisons: comparisons,
                                            options: options, elapsedSeconds: elapsed,
                                            version: ClvsimVersion.current).rendered())
        } else {
            ComparisonReport.lines(files: files.map(\.path), comparisons: comparisons, levels: files[0].scenario.intervals,
                                   currency: files[0].scenario.currency, options: options)
                .forEach { print($0) }
        }
    }
}
