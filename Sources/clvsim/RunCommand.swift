import ArgumentParser
import CLVCore
import CLVReport
import Crypto
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

    @Option(help: "Number of trials (default: the scenario's `trials`, else 10000).")
    var trials: Int?

    @Option(help: "Seed of every random stream (default: the scenario's `seed`, else 1).")
    var seed: UInt64?

    @Option(help: "Worker threads (default: all cores). Results do not depend on it.")
    var threads: Int?

    @Option(help: "Output folder (default: results/<scenario name>/).")
    var out: String?

    @Option(name: .customLong("discount-rates"), parsing: .next,
            help: "Extra annual discount rates at which to report customer equity, e.g. 0.06,0.08,0.12.")
    var discountRates: DiscountRateList?

    @Flag(help: "Print the summary JSON on stdout instead of the table.")
    var json = false

    @Flag(help: "Print nothing on stdout or stderr except errors.")
    var quiet = false

    @Flag(name: .customLong("no-trials"), help: "Do not write trials.csv (one row per trial).")
    var noTrials = false

    func validate() throws {
        if let trials, !ScenarioLimits.trials.contains(trials) {
            throw ValidationError("--trials must be between 1 and \(ScenarioLimits.trials.upperBound), got \(trials).")
        }
        if let threads, !(1...1024).contains(threads) {
            throw ValidationError("--threads must be between 1 and 1024, got \(threads).")
        }
    }

    func run() throws {
        let interrupts = InterruptHandling.shared
        interrupts.install()
        let bytes: [UInt8]
        let loaded: Scenario
        var warningLines: [String] = []
        do {
            bytes = try readInputFile(path: scenario)
            let reading = ScenarioReader.read(bytes)
            warningLines = reading.warnings.map { "warning: " + $0.formatted(file: scenario) }
            guard let valid = reading.scenario, reading.errors.isEmpty else {
                throw ScenarioLoadError(exit: .invalidInput, lines: reading.errors.map { $0.formatted(file: scenario) },
                                        warningLines: warningLines)
            }
            loaded = valid
        } catch let error as ScenarioLoadError {
            error.warningLines.forEach(printToStandardError)
            error.lines.forEach(printToStandardError)
            throw error.exit.exitCode
        }
        if !quiet { warningLines.forEach(printToStandardError) }

        let options = SimulationOptions(
            trials: trials ?? loaded.trials, seed: seed ?? loaded.seed,
            threads: threads ?? ProcessInfo.processInfo.activeProcessorCount,
            extraDiscountRates: discountRates?.rates ?? [])
        let simulation: Simulation
        do {
            simulation = try Simulation(scenario: loaded)
        } catch {
            printToStandardError("\(scenario): \(error)")
            throw ClvsimExit.invalidInput.exitCode
        }
        let needed = simulation.memoryEstimate(options)
        let available = Double(ProcessInfo.processInfo.physicalMemory) * 0.6
        if needed > available {
            let perTrial = needed / Double(options.trials)
            printToStandardError("\(scenario): \(options.trials) trials need about \(NumberFormat.grouped(needed / 1_048_576)) MiB of memory for per-trial results, more than this machine can spare — use at most \(NumberFormat.grouped((available / perTrial).rounded(.down))) trials (--trials)")
            throw (trials == nil ? ClvsimExit.invalidInput : ClvsimExit.usage).exitCode
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
        do {
            var progress: (@Sendable (Int) -> Void)? = nil
            if let bar { progress = { bar.update($0) } }
            result = try simulation.run(options, progress: progress, isCancelled: { interrupts.isCancelled })
            bar?.finish()
        } catch SimulationError.cancelled {
            bar?.finish()
            try stopInterrupted(folder)
        } catch {
            bar?.finish()
            printToStandardError("\(scenario): \(error)")
            throw ClvsimExit.invalidInput.exitCode
        }
        let summary = RunSummary(result)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let info = RunInfo(
            scenarioName: loaded.name,
            scenarioSHA256: SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined(),
            trials: options.trials, seed: options.seed, threads: options.threads,
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
                    let parsed = try? JSONParser().parse(bytes).get()
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

/// A comma-separated list of annual discount rates, each greater than −1.
struct DiscountRateList: ExpressibleByArgument, Sendable {
    let rates: [Double]

    init?(argument: String) {
        var rates: [Double] = []
        for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let rate = Double(part.trimmingCharacters(in: .whitespaces)), rate.isFinite, rate > -1, rate < 10 else {
                return nil
            }
            rates.append(rate)
        }
        guard !rates.isEmpty, rates.count <= 32 else { return nil }
        self.rates = rates
    }

    static var defaultValueDescription: String { "rates" }
}
