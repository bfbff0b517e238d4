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

            With --shard I/N the run simulates only its part of the trials and writes a shard \
            file; `clvsim merge` joins the shards into the files of the whole run, byte for byte \
            (see docs/distributed.md).

            Exit codes: 0 success, 64 usage error, 65 invalid scenario, 66 scenario missing or \
            unreadable, 70 internal error, 73 output cannot be written, 130/143 interrupted.
            """
    )

    @Argument(help: "The scenario file (JSON).", completion: .file(extensions: ["json"]))
    var scenario: String

    @OptionGroup var simulation: SimulationRunOptions

    @Option(help: "Output folder (default: results/<scenario name>/).")
    var out: String?

    @Option(name: .customLong("discount-rates"), parsing: .next,
            help: "Extra annual discount rates (fractions) at which to report customer equity, CLV and strategies, e.g. 0.06,0.08,0.12.",
            transform: DiscountRateList.parse)
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

    @OptionGroup var report: RunReportOptions

    @Option(help: ArgumentHelp(
        "Simulate only shard I of N (0-based): trials ⌊I·T/N⌋ to ⌊(I+1)·T/N⌋ − 1 of the T trials, written to the output folder as shard-I-of-N.clvshard for `clvsim merge`.",
        valueName: "I/N"))
    var shard: String?

    func validate() throws {
        if let precision {
            guard precision > 0, precision < 1 else {
                throw ValidationError("--precision must be a fraction between 0 and 1, e.g. 0.005, got \(precision).")
            }
            if simulation.trials != nil { throw ValidationError("--precision decides the number of trials; drop --trials (use --max-trials to cap it).") }
            if sampling == .lhs { throw ValidationError("--precision adds trials in batches, which Latin hypercube sampling cannot do; drop one of them.") }
            if shard != nil { throw ValidationError("--precision decides the trial count as it goes, so its run cannot be split into shards; drop --shard or give --trials.") }
        }
        if shard != nil {
            if report.json { throw ValidationError("--json prints the summary, which only `clvsim merge` can make from all the shards; drop --json.") }
            if report.noTrials { throw ValidationError("--no-trials has no effect on a shard (its file holds every trial); drop it.") }
        }
        if let maxTrials {
            guard precision != nil else { throw ValidationError("--max-trials goes with --precision.") }
            guard ScenarioLimits.trials.contains(maxTrials), maxTrials >= 1024 else {
                throw ValidationError("--max-trials must be between 1024 and \(ScenarioLimits.trials.upperBound), got \(maxTrials).")
            }
        }
    }

    func run() throws {
        InterruptHandling.shared.install()
        let file = try loadCommandScenario(path: scenario, quiet: report.quiet)
        let loaded = file.scenario

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
        let shard = try shardOption(trials: options.trials)
        var memory = options
        if let shard { memory.trials = shard.trialRange(of: options.trials).count }
        try simulation.checkMemory(model, memory, file: scenario, quiet: report.quiet)
        let layout = model.layout(extraDiscountRates: options.extraDiscountRates)
        guard let metric = layout.metric(named: sensitivityMetric) else {
            printToStandardError("--sensitivity-metric: '\(sensitivityMetric)' is not a metric of this scenario; choose one of: \(layout.names.joined(separator: ", "))")
            throw ClvsimExit.usage.exitCode
        }
        let folder: OutputFolder
        do {
            folder = try OutputFolder(path: out ?? "results/\(loaded.name)", inputs: [scenario], lock: shard == nil)
        } catch {
            printToStandardError(error.line)
            throw error.exit.exitCode
        }

        let request = RunRequest(scenario: loaded, options: options, precision: target, shard: shard,
                                 sensitivityMetric: metric, scenarioWarnings: file.warnings.map(\.summaryLine))
        let start = DispatchTime.now()
        let output = try perform(request, folder: folder, trials: shard?.trialRange(of: options.trials).count ?? options.trials)
        if let shard {
            let header = ShardHeader(version: ClvsimVersion.current, scenarioName: loaded.name, scenarioFile: scenario,
                                     scenarioSHA256: file.sha256, scenarioText: String(decoding: file.bytes, as: UTF8.self),
                                     result: output.result, shard: shard, sensitivityMetric: sensitivityMetric)
            let name = try ShardOutput.write(header: header, result: output.result, into: folder)
            if !report.quiet {
                print("Wrote shard \(shard) (trials \(header.firstTrial) to \(header.firstTrial + header.count - 1) of \(header.trials)) to \(folder.file(name))")
            }
            return
        }
        try RunFiles.requireFinite(output.result.diagnostics, scenario: scenario)
        guard let summary = output.summary else { throw ClvsimExit.internalError.exitCode }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let info = RunInfo(
            scenarioName: loaded.name,
            scenarioSHA256: file.sha256,
            trials: output.result.metrics.trials, seed: options.seed, threads: options.threads,
            elapsedSeconds: elapsed, version: ClvsimVersion.current)
        let document = SummaryJSON.document(summary, run: info).rendered() + "\n"
        let written = try RunFiles(folder: folder, writeTrials: !report.noTrials)
            .write(summary: summary, result: output.result, info: info, summaryText: document,
                   scenarioFile: scenario, scenarioBytes: file.bytes)
        report.show(document: document, summary: summary, info: info, scenario: loaded,
                    written: "Wrote \(written.map { folder.file($0) }.joined(separator: ", "))")
    }

    /// Runs the request with a progress bar on a terminal; an interrupted run exits 130/143 and
    /// writes nothing.
    private func perform(_ request: RunRequest, folder: OutputFolder, trials: Int) throws -> ScenarioRun.Output {
        let interrupts = InterruptHandling.shared
        let bar = ProgressBar(total: trials, quiet: report.quiet, precisionTarget: request.precision?.relativeHalfWidth)
        defer { bar?.finish() }
        var progress: (@Sendable (Int) -> Void)? = nil
        var reached: (@Sendable (Int, Double) -> Void)? = nil
        if let bar {
            progress = { bar.update($0) }
            reached = { bar.reached(trials: $0, halfWidth: $1) }
        }
        do {
            return try ScenarioRun.perform(request, progress: progress, isCancelled: { interrupts.isCancelled },
                                           precisionReached: reached)
        } catch SimulationError.cancelled {
            bar?.finish()
            try RunFiles.stopInterrupted(folder)
        } catch {
            printToStandardError("\(scenario): \(error)")
            throw ClvsimExit.invalidInput.exitCode
        }
    }

    /// The `--shard I/N` option, checked against the run's trial count.
    private func shardOption(trials: Int) throws -> Shard? {
        guard let shardText = shard else { return nil }
        guard let parsed = Shard(shardText) else {
            printToStandardError("--shard: '\(shardText)' is not I/N with 0 ≤ I < N, e.g. --shard 0/4 for the first of four shards")
            throw ClvsimExit.usage.exitCode
        }
        guard parsed.count <= trials else {
            printToStandardError("--shard \(parsed): \(parsed.count) shards need at least \(parsed.count) trials; the run has \(trials) — use fewer shards or more trials")
            throw ClvsimExit.usage.exitCode
        }
        return parsed
    }
}

/// The `--sampling` choices.
enum SamplingChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case mc, lhs

    var sampling: SimulationOptions.Sampling { self == .lhs ? .latinHypercube : .monteCarlo }
}
