import ArgumentParser
import CLVCore
import CLVReport
import Dispatch
import Foundation

/// `clvsim run`: simulates a scenario and reports customer equity, CLV and strategies.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate a scenario and report CLV, customer equity and strategies with intervals.",
        discussion: """
            Prints a table on stdout (the summary JSON with --json) and writes summary.json, \
            trials.csv, report.html and manifest.json to the output folder, every file atomically \
            and only once the run is complete. The same scenario, seed and trial count give \
            identical results for any --threads.

            Exit codes: 0 success, 64 usage error, 65 invalid scenario, 66 scenario missing or \
            unreadable, 70 internal error, 73 output cannot be written, 130/143 interrupted.
            """
    )

    @Argument(help: "The scenario file (JSON).")
    var scenario: String

    @OptionGroup var simulation: SimulationRunOptions

    @Option(help: "Output folder (default: results/<scenario name>/).")
    var out: String?

    @Option(name: .customLong("discount-rates"), parsing: .next,
            help: "Extra annual discount rates at which to report customer equity, e.g. 0.06,0.08,0.12.")
    var discountRates: DiscountRateList?

    @Option(name: .customLong("sensitivity-metric"),
            help: "The metric whose sensitivity to the inputs is analysed, e.g. segments.monthly.clv.")
    var sensitivityMetric = "customerEquity"

    @Option(help: ArgumentHelp(
        "Run batches of trials until the 95% half-widths of the mean customer equity and of its 5th and 95th percentiles are below this fraction of the mean, e.g. 0.005.",
        valueName: "fraction"))
    var precision: Double?

    @Option(name: .customLong("max-trials"), help: "With --precision: the most trials to run (default 1000000).")
    var maxTrials: Int?

    @Option(help: "How inputs are sampled: mc (Monte Carlo) or lhs (Latin hypercube).")
    var sampling: SamplingChoice = .mc

    @Flag(help: "Print the summary JSON on stdout instead of the table.")
    var json = false

    @Flag(help: "Print nothing on stdout or stderr except errors.")
    var quiet = false

    @Flag(name: .customLong("no-trials"), help: "Do not write trials.csv (one row per trial).")
    var noTrials = false

    func validate() throws {
        if let precision {
            guard precision > 0, precision < 1 else {
                throw ValidationError("--precision must be a fraction between 0 and 1, e.g. 0.005, got \(precision).")
            }
            if simulation.trials != nil { throw ValidationError("--precision decides the number of trials; drop --trials (use --max-trials to cap it).") }
            if sampling == .lhs { throw ValidationError("--precision adds trials in batches, which Latin hypercube sampling cannot do; drop one of them.") }
        }
        if let maxTrials {
            guard precision != nil else { throw ValidationError("--max-trials goes with --precision.") }
            guard ScenarioLimits.trials.contains(maxTrials), maxTrials >= 1024 else {
                throw ValidationError("--max-trials must be between 1024 and \(ScenarioLimits.trials.upperBound), got \(maxTrials).")
            }
        }
    }

    func run() throws {
        let interrupts = InterruptHandling.shared
        interrupts.install()
        let file: LoadedScenario
        do {
            file = try loadScenarioFile(path: scenario)
        } catch {
            throw error.report()
        }
        let loaded = file.scenario
        if !quiet { file.warningLines.forEach(printToStandardError) }

        var options = simulation.simulationOptions(for: loaded, extraDiscountRates: discountRates?.rates ?? [])
        options.sampling = sampling.sampling
        let target = precision.map { PrecisionTarget(relativeHalfWidth: $0, maximumTrials: maxTrials ?? 1_000_000) }
        if let target { options.trials = target.maximumTrials }
        let model: Simulation
        do {
            model = try Simulation(scenario: loaded)
        } catch {
            printToStandardError("\(scenario): \(error)")
            throw ClvsimExit.invalidInput.exitCode
        }
        try simulation.checkMemory(model, options, file: scenario)
        let metricNames = model.metricNames(extraDiscountRates: options.extraDiscountRates)
        guard metricNames.contains(sensitivityMetric) else {
            printToStandardError("--sensitivity-metric: '\(sensitivityMetric)' is not a metric of this scenario; choose one of: \(metricNames.joined(separator: ", "))")
            throw ClvsimExit.usage.exitCode
        }
        let folder: OutputFolder
        do {
            folder = try OutputFolder(path: out ?? "results/\(loaded.name)")
        } catch {
            printToStandardError(error.line)
            throw ClvsimExit.outputFailure.exitCode
        }

        let start = DispatchTime.now()
        let bar = ProgressBar(total: options.trials, quiet: quiet)
        let result: SimulationResult
        var outcome: PrecisionOutcome?
        do {
            var progress: (@Sendable (Int) -> Void)? = nil
            if let bar { progress = { bar.update($0) } }
            if let target {
                (result, outcome) = try model.run(options, precision: target, progress: progress,
                                                  isCancelled: { interrupts.isCancelled })
            } else {
                result = try model.run(options, progress: progress, isCancelled: { interrupts.isCancelled })
            }
            bar?.finish()
        } catch SimulationError.cancelled {
            bar?.finish()
            try stopInterrupted(folder)
        } catch {
            bar?.finish()
            printToStandardError("\(scenario): \(error)")
            throw ClvsimExit.invalidInput.exitCode
        }
        let summary = RunSummary(result, sensitivityMetric: sensitivityMetric, precision: outcome)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let info = RunInfo(
            scenarioName: loaded.name,
            scenarioSHA256: file.sha256,
            trials: result.metrics.trials, seed: options.seed, threads: options.threads,
            elapsedSeconds: elapsed, version: ClvsimVersion.current)
        let document = SummaryJSON.document(summary, run: info).rendered() + "\n"
        var written: [String] = []
        do {
            var staged: [OutputFolder.StagedFile] = []
            do {
                staged.append(try folder.stage("summary.json", text: document))
                written.append("summary.json")
                if !noTrials && !interrupts.isCancelled {
                    if let file = try stageTrials(result, in: folder, isCancelled: { interrupts.isCancelled }) {
                        staged.append(file)
                        written.append("trials.csv")
                    }
                }
                if !interrupts.isCancelled {
                    staged.append(try folder.stage("report.html", text: HTMLReport.render(summary: summary, result: result, run: info)))
                    written.append("report.html")
                }
                if !interrupts.isCancelled {
                    let parsed = try? JSONParser().parse(file.bytes).get()
                    let manifest = Manifest.document(run: info, scenarioFile: scenario, scenarioDocument: parsed,
                                                     cores: ProcessInfo.processInfo.activeProcessorCount, files: written)
                    staged.append(try folder.stage("manifest.json", text: manifest.rendered() + "\n"))
                    written.append("manifest.json")
                }
            } catch {
                folder.discard(staged)
                throw error
            }
            if interrupts.isCancelled {
                folder.discard(staged)
                try stopInterrupted(folder)
            }
            try folder.commit(staged)
            if noTrials { folder.remove("trials.csv") }
        } catch let error as OutputError {
            printToStandardError(error.line)
            throw ClvsimExit.outputFailure.exitCode
        }
        if json {
            print(document, terminator: "")
        } else if !quiet {
            SummaryTable.lines(summary, run: info, scenario: loaded).forEach { print($0) }
            print("")
            print("Wrote \(written.map { folder.file($0) }.joined(separator: ", "))")
        }
    }

    /// Writes trials.csv to a temporary file piece by piece, stopping early when the run is
    /// interrupted: then it removes the temporary file and returns nil.
    ///
    /// - Throws: `OutputError` when the file cannot be written.
    func stageTrials(_ result: SimulationResult, in folder: OutputFolder,
                     isCancelled: () -> Bool) throws(OutputError) -> OutputFolder.StagedFile? {
        let writer = try StagingWriter(folder: folder, name: "trials.csv")
        do {
            try TrialsCSV.write(result) { piece in
                if isCancelled() { throw CancellationError() }
                try writer.append(piece)
            }
        } catch let error as OutputError {
            throw error
        } catch {
            writer.abandon()
            return nil
        }
        return try writer.finish()
    }

    /// Ends an interrupted run: removes temporary files, says that nothing was written, and
    /// exits with 128 + the signal number.
    func stopInterrupted(_ folder: OutputFolder) throws -> Never {
        TemporaryFiles.shared.removeAll()
        let number = InterruptHandling.shared.signal ?? SIGINT
        printToStandardError("clvsim: interrupted; nothing was written and earlier results in \(folder.path) are unchanged")
        throw ExitCode(128 + number)
    }
}

/// The `--sampling` choices.
enum SamplingChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case mc, lhs

    var sampling: SimulationOptions.Sampling { self == .lhs ? .latinHypercube : .monteCarlo }
}
