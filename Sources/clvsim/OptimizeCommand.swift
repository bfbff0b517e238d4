import ArgumentParser
import CLVCore
import CLVReport
import Dispatch
import Foundation

/// `clvsim optimize`: finds the decisions (spends) that maximise customer equity.
struct OptimizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Find the spends (the scenario's decisions) that maximise customer equity.",
        discussion: """
            Searches the box of the scenario's "decisions" for the values that maximise the mean \
            of customer equity (or, with --objective pNN, its NN-th percentile), evaluating every \
            candidate on the same trials (common random numbers), so the answer is reproducible for \
            any --threads. With --budget the expected total discounted spend (acquisition + \
            retention) stays at or below B, and the marginal value of budget is reported.

            Prints the optimum, its tolerance and its spread over independent replications, \
            customer equity at the optimum and the response of the objective to each decision \
            (optimization.json with --json), and writes optimization.json, summary.json, \
            trials.csv, report.html and manifest.json of the run at the optimum to the output \
            folder. See docs/optimization.md.

            Example:
              clvsim optimize scenarios/retention-vs-acquisition.json --objective p10 --budget 2000000 --trials 2000

            Exit codes: 0 success, 64 usage error, 65 invalid scenario (or one without decisions), \
            66 scenario missing or unreadable, 70 internal error, 73 output cannot be written, \
            130/143 interrupted.
            """
    )

    @Argument(help: "The scenario file (JSON), with a top-level \"decisions\" list.", completion: .file(extensions: ["json"]))
    var scenario: String

    @Option(help: ArgumentHelp("What to maximise: mean (expected customer equity) or pNN, its NN-th percentile (e.g. p10).",
                               valueName: "mean|pNN"))
    var objective = "mean"

    @Option(parsing: .unconditional, help: "Upper bound on the expected total discounted spend (acquisition + retention).")
    var budget: Double?

    @Option(parsing: .unconditional, help: "Independent repetitions of the search with other seeds, for the optimum's Monte Carlo spread (default 3).")
    var replications = 3

    @OptionGroup var simulation: SimulationRunOptions

    @Option(help: "Output folder (default: results/<scenario name>-optimize/).")
    var out: String?

    @Flag(help: "Print optimization.json on stdout instead of the table.")
    var json = false

    @Flag(help: "Print nothing on stdout or stderr except errors.")
    var quiet = false

    func validate() throws {
        guard OptimizationObjective(objective) != nil else {
            throw ValidationError("--objective must be mean or pNN with 0 < NN < 100 (e.g. p10), got \(objective).")
        }
        if let budget, !(budget >= 0 && budget.isFinite) {
            throw ValidationError("--budget must be a number of at least 0, got \(budget).")
        }
        guard (0...20).contains(replications) else {
            throw ValidationError("--replications must be between 0 and 20, got \(replications).")
        }
    }

    func run() throws {
        InterruptHandling.shared.install()
        let file = try loadCommandScenario(path: scenario, quiet: quiet)
        let loaded = file.scenario
        guard !loaded.decisions.isEmpty else {
            printToStandardError("\(scenario): $: the scenario declares no decisions, so there is nothing to optimise (fix: add \"decisions\": [{\"name\": \"retentionSpend\", \"min\": 0, \"max\": 10}] and spend a decision in a response curve, see docs/optimization.md)")
            throw ClvsimExit.invalidInput.exitCode
        }
        let options = simulation.simulationOptions(for: loaded)
        let model: Simulation
        do {
            model = try Simulation(scenario: loaded)
        } catch {
            printToStandardError("\(scenario): \(error)")
            throw ClvsimExit.invalidInput.exitCode
        }
        try simulation.checkMemory(model, options, file: scenario, quiet: quiet)
        let folder: OutputFolder
        do {
            folder = try OutputFolder(path: out ?? "results/\(loaded.name)-optimize", inputs: [scenario], lock: true)
        } catch {
            printToStandardError(error.line)
            throw error.exit.exitCode
        }
        let request = OptimizationRequest(scenario: loaded, options: options, objective: OptimizationObjective(objective) ?? .mean,
                                          budget: budget, replications: replications,
                                          scenarioWarnings: file.warnings.map(\.summaryLine))
        let interrupts = InterruptHandling.shared
        let start = DispatchTime.now()
        let outcome: OptimizationOutcome
        do {
            outcome = try Optimization.perform(request, isCancelled: { interrupts.isCancelled })
        } catch SimulationError.cancelled {
            try RunFiles.stopInterrupted(folder)
        } catch {
            printToStandardError("\(scenario): \(error)")
            throw ClvsimExit.invalidInput.exitCode
        }
        try RunFiles.requireFinite(outcome.run.result.diagnostics, scenario: scenario)
        guard let summary = outcome.run.summary else { throw ClvsimExit.internalError.exitCode }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let info = RunInfo(scenarioName: loaded.name, scenarioSHA256: file.sha256, trials: options.trials, seed: options.seed,
                           threads: options.threads, elapsedSeconds: elapsed, version: ClvsimVersion.current)
        let document = OptimizationReport.document(outcome, run: info, replications: replications).rendered() + "\n"
        let summaryText = SummaryJSON.document(summary, run: info).rendered() + "\n"
        let written = try RunFiles(folder: folder, writeTrials: true)
            .write(summary: summary, result: outcome.run.result, info: info, summaryText: summaryText,
                   scenarioFile: scenario, scenarioBytes: file.bytes,
                   leadingFiles: [("optimization.json", document)],
                   reportSections: [OptimizationReport.section(outcome, currency: loaded.currency)])
        if json {
            print(document, terminator: "")
        } else if !quiet {
            OptimizationReport.lines(outcome, run: info, currency: loaded.currency).forEach { print($0) }
            print("")
            print("Wrote \(written.map { folder.file($0) }.joined(separator: ", "))")
        }
    }
}
