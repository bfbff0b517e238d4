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
            overridden. Strategies are compared by name: a strategy both files have gets the \
            difference of its net value; one only a file has is listed, its values are in that \
            file's own run files (--out). A file identical to the base in every trial is said to \
            be so. With --out, writes comparison.json and each file's run files (summary.json, \
            trials.csv, report.html, manifest.json) in <position>-<scenario name>/.

            Exit codes as for run; files that cannot be paired exit 65.
            """
    )

    @Argument(help: "The base scenario file.", completion: .file(extensions: ["json"]))
    var base: String

    @Argument(help: "One or more alternative scenario files.", completion: .file(extensions: ["json"]))
    var alternatives: [String]

    @OptionGroup var simulation: SimulationRunOptions

    @Option(help: "Output folder: comparison.json, and each file's run files (summary.json, report.html, …) in <position>-<scenario name>/.")
    var out: String?

    @Option(name: .customLong("discount-rates"), parsing: .next,
            help: "Extra annual discount rates, as for `clvsim run`: their customer equity is compared too.",
            transform: DiscountRateList.parse)
    var discountRates: DiscountRateList?

    @Flag(help: "Print the comparison as JSON instead of a table.")
    var json = false

    @Flag(help: "Print nothing on stdout or stderr except errors.")
    var quiet = false

    @Flag(name: .customLong("no-trials"), help: "With --out: do not write each file's trials.csv.")
    var noTrials = false

    func validate() throws {
        if alternatives.isEmpty { throw ValidationError("Give at least one alternative scenario file after the base.") }
        if noTrials && out == nil { throw ValidationError("--no-trials goes with --out.") }
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
        if !quiet { files.forEach { $0.warningLines.forEach(printToStandardError) } }
        var pairingFailed = false
        for file in files.dropFirst() {
            for problem in ScenarioComparison.pairingProblems(base: files[0].scenario, alternative: file.scenario) {
                printToStandardError("\(file.path): cannot be compared with \(base): \(problem)")
                pairingFailed = true
            }
        }
        if pairingFailed { throw ClvsimExit.invalidInput.exitCode }

        let options = simulation.simulationOptions(for: files[0].scenario, extraDiscountRates: discountRates?.rates ?? [])
        var folder: OutputFolder?
        if let out {
            do {
                folder = try OutputFolder(path: out)
            } catch {
                printToStandardError(error.line)
                throw error.exit.exitCode
            }
        }
        let start = DispatchTime.now()
        let bar = ProgressBar(total: options.trials * files.count, quiet: quiet || json)
        defer { bar?.finish() }
        var outputs: [ScenarioRun.Output] = []
        for (k, file) in files.enumerated() {
            do {
                var scenario = file.scenario
                scenario.intervals = files[0].scenario.intervals
                try simulation.checkMemory(try Simulation(scenario: scenario), options, file: file.path)
                let request = RunRequest(scenario: scenario, options: options,
                                         scenarioWarnings: file.warnings.map(\.summaryLine))
                let done = k * options.trials
                var progress: (@Sendable (Int) -> Void)?
                if let bar { progress = { bar.update(done + $0) } }
                let output = try ScenarioRun.perform(request, progress: progress, isCancelled: { interrupts.isCancelled })
                try RunFiles.requireFinite(output.result.diagnostics, scenario: file.path)
                outputs.append(output)
            } catch SimulationError.cancelled {
                bar?.finish()
                TemporaryFiles.shared.removeAll()
                printToStandardError("clvsim: interrupted; nothing was written")
                throw ExitCode(128 + (interrupts.signal ?? 2))
            } catch let error as SimulationError {
                printToStandardError("\(file.path): \(error)")
                throw ClvsimExit.invalidInput.exitCode
            }
        }
        bar?.finish()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let results = outputs.map(\.result)
        let comparisons = results.dropFirst().map { ScenarioComparison(base: results[0], alternative: $0) }
        let document = ComparisonReport.document(files: files.map(\.path), names: files.map(\.scenario.name),
                                                 digests: files.map(\.sha256), comparisons: comparisons,
                                                 options: options, elapsedSeconds: elapsed,
                                                 version: ClvsimVersion.current).rendered() + "\n"
        var written: [String] = []
        if let folder {
            for (k, (file, output)) in zip(files, outputs).enumerated() {
                guard let summary = output.summary else { continue }
                let name = "\(k)-\(file.scenario.name)"
                let runFolder: OutputFolder
                do {
                    runFolder = try OutputFolder(path: folder.file(name))
                } catch {
                    printToStandardError(error.line)
                    throw error.exit.exitCode
                }
                let info = RunInfo(scenarioName: file.scenario.name, scenarioSHA256: file.sha256, trials: options.trials,
                                   seed: options.seed, threads: options.threads, elapsedSeconds: elapsed,
                                   version: ClvsimVersion.current)
                _ = try RunFiles(folder: runFolder, writeTrials: !noTrials)
                    .write(summary: summary, result: output.result, info: info,
                           summaryText: SummaryJSON.document(summary, run: info).rendered() + "\n",
                           scenarioFile: file.path, scenarioBytes: file.bytes)
                written.append(runFolder.path)
            }
            do {
                try folder.write("comparison.json", text: document)
            } catch {
                printToStandardError(error.line)
                throw error.exit.exitCode
            }
            written.insert(folder.file("comparison.json"), at: 0)
        }
        if json {
            print(document, terminator: "")
        } else if !quiet {
            ComparisonReport.lines(files: files.map(\.path), comparisons: comparisons, levels: files[0].scenario.intervals,
                                   currency: files[0].scenario.currency, options: options)
                .forEach { print($0) }
            if !written.isEmpty { print("Wrote \(written.joined(separator: ", "))") }
        }
    }
}
