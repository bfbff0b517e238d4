import ArgumentParser
import CLVCore
import CLVReport
import Crypto
import Dispatch
import Foundation

/// `clvsim merge`: joins the shards of a run into the files of the whole run.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the shards of a run (clvsim run --shard I/N) into the whole run's files.",
        discussion: """
            Checks that the shards belong together — same clvsim version, scenario, seed, trial \
            count, number of shards and options, every shard once — then writes summary.json, \
            trials.csv, report.html and manifest.json exactly as one process running every \
            trial would have (byte for byte, run timing and thread count aside). Shards are read \
            a column at a time, so merging needs memory for one column of the run, not for \
            every trial's values. See docs/distributed.md.

            Exit codes: 0 success, 64 usage error, 65 shards that do not belong together or are \
            damaged (each named), 66 a shard or folder missing or unreadable, 73 output cannot \
            be written, 130/143 interrupted.
            """
    )

    @Argument(help: ArgumentHelp("Shard files, or folders holding them (every *.clvshard file in a folder is taken).",
                                 valueName: "shards"),
              completion: .file(extensions: [ShardFile.fileExtension]))
    var shards: [String]

    @Option(help: "Output folder (default: results/<scenario name>/).")
    var out: String?

    @Option(help: "Threads for the summary (default: all cores). Results do not depend on it.")
    var threads: Int?

    @OptionGroup var report: RunReportOptions

    func validate() throws {
        if shards.isEmpty { throw ValidationError("Give the shard files, or the folders that hold them.") }
        if let threads, !(1...1024).contains(threads) {
            throw ValidationError("--threads must be between 1 and 1024, got \(threads).")
        }
    }

    func run() throws {
        InterruptHandling.shared.install()
        let start = DispatchTime.now()
        let set: ShardSet
        do {
            set = try ShardSet.open(shards, version: ClvsimVersion.current)
        } catch {
            error.lines.forEach(printToStandardError)
            throw error.exit.exitCode
        }
        let header = set.shards[0].header
        let bytes = Array(header.scenarioText.utf8)
        let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        let reading = ScenarioReader.read(bytes)
        guard digest == header.scenarioSHA256, let scenario = reading.scenario, reading.errors.isEmpty else {
            printToStandardError("\(set.shards[0].path): the scenario stored in the shard is damaged or no longer valid — run the shards again")
            throw ClvsimExit.invalidInput.exitCode
        }
        let simulation: Simulation
        do {
            simulation = try Simulation(scenario: scenario)
        } catch {
            printToStandardError("\(header.scenarioFile): \(error)")
            throw ClvsimExit.invalidInput.exitCode
        }
        let layout = simulation.layout(extraDiscountRates: header.extraDiscountRates)
        guard layout.names == header.metricNames, simulation.uncertainInputPaths == header.inputNames,
              set.shards.allSatisfy({ $0.header.seriesStates == simulation.states.groups.count }),
              let metric = layout.metric(named: header.sensitivityMetric) else {
            printToStandardError("\(set.shards[0].path): the shard's columns do not match its scenario — run the shards again")
            throw ClvsimExit.invalidInput.exitCode
        }
        var options = SimulationOptions(trials: header.trials, seed: header.seed,
                                        threads: threads ?? ProcessInfo.processInfo.activeProcessorCount,
                                        extraDiscountRates: header.extraDiscountRates)
        options.sampling = header.sampling
        let series: PeriodSeries
        do {
            series = try mergedSeries(set)
        } catch {
            printToStandardError(error.line)
            throw ClvsimExit.inputUnreadable.exitCode
        }
        let metrics = ShardColumns(set.shards, inputs: false), inputs = ShardColumns(set.shards, inputs: true)
        let diagnostics = set.shards.dropFirst().reduce(header.diagnostics) { $0 + $1.header.diagnostics }
        try RunFiles.requireFinite(diagnostics, scenario: header.scenarioFile)
        let result = SimulationResult(scenario: scenario, options: options, layout: layout, metrics: metrics,
                                      inputs: inputs, series: series, diagnostics: diagnostics)
        let request = RunRequest(scenario: scenario, options: options, sensitivityMetric: metric,
                                 scenarioWarnings: reading.warnings.map(\.summaryLine))
        let folder: OutputFolder
        do {
            folder = try OutputFolder(path: out ?? "results/\(scenario.name)")
        } catch {
            printToStandardError(error.line)
            throw error.exit.exitCode
        }
        let summary = ScenarioRun.summarise(result, request, precision: nil)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let info = RunInfo(scenarioName: scenario.name, scenarioSHA256: header.scenarioSHA256, trials: header.trials,
                           seed: header.seed, threads: options.threads, elapsedSeconds: elapsed,
                           version: ClvsimVersion.current)
        let document = SummaryJSON.document(summary, run: info).rendered() + "\n"
        if let failure = metrics.failure ?? inputs.failure {
            printToStandardError(failure)
            throw ClvsimExit.inputUnreadable.exitCode
        }
        let written = try RunFiles(folder: folder, writeTrials: !report.noTrials)
            .write(summary: summary, result: result, info: info, summaryText: document,
                   scenarioFile: header.scenarioFile, scenarioBytes: bytes, check: {
                       metrics.failure ?? inputs.failure
                   })
        report.show(document: document, summary: summary, info: info, scenario: scenario,
                    written: "Merged \(set.shards.count) shards; wrote \(written.map { folder.file($0) }.joined(separator: ", "))")
    }

    /// The period series of the shards, joined in trial order.
    private func mergedSeries(_ set: ShardSet) throws(OutputError) -> PeriodSeries {
        var active: [Double] = [], cash: [Double] = []
        var rows = 0
        let periods = set.shards[0].header.periods
        var byState: [Double] = []
        let states = set.shards[0].header.seriesStates
        for shard in set.shards {
            let header = shard.header
            let count = header.seriesTrials * periods
            var block = [Double](repeating: 0, count: (2 + header.seriesStates) * count)
            let ok = block.withUnsafeMutableBytes { shard.read(into: $0, dataOffset: ShardFile.seriesOffset(header)) }
            guard ok else {
                throw OutputError(line: "\(shard.path): cannot read the shard file: \(String(cString: strerror(errno)))")
            }
            block = block.map { Double(bitPattern: UInt64(littleEndian: $0.bitPattern)) }
            active += block[0..<count]
            cash += block[count..<2 * count]
            byState += block[(2 * count)...]
            rows += header.seriesTrials
        }
        guard let series = PeriodSeries(trials: rows, periods: periods, activeCustomers: active, netCashFlow: cash,
                                        states: states, customersByState: byState) else {
            throw OutputError(line: "\(set.shards[0].path): the shards' period series do not fit together — run the shards again")
        }
        return series
    }
}
