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
            Prints a table on stdout (the summary JSON with --json) and writes summary.json to the \
            output folder, every file atomically. The same scenario, seed and trial count give \
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

    @Flag(help: "Print the summary JSON on stdout instead of the table.")
    var json = false

    @Flag(help: "Print nothing on stdout or stderr except errors.")
    var quiet = false

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

        let options = simulation.simulationOptions(for: loaded, extraDiscountRates: discountRates?.rates ?? [])
        let model: Simulation
        do {
            model = try Simulation(scenario: loaded)
        } catch {
            printToStandardError("\(scenario): \(error)")
            throw ClvsimExit.invalidInput.exitCode
        }
        try simulation.checkMemory(model, options, file: scenario)
        let folder: OutputFolder
        do {
            folder = try OutputFolder(path: out ?? "results/\(loaded.name)")
        } catch {
            printToStandardError(error.line)
            throw ClvsimExit.outputFailure.exitCode
        }

        let start = DispatchTime.now()
        let result: SimulationResult
        do {
            result = try model.run(options, isCancelled: { interrupts.isCancelled })
        } catch SimulationError.cancelled {
            TemporaryFiles.shared.removeAll()
            let number = interrupts.signal ?? SIGINT
            printToStandardError("clvsim: interrupted; nothing was written and earlier results in \(folder.path) are unchanged")
            throw ExitCode(128 + number)
        } catch {
            printToStandardError("\(scenario): \(error)")
            throw ClvsimExit.invalidInput.exitCode
        }
        let summary = RunSummary(result)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let info = RunInfo(
            scenarioName: loaded.name,
            scenarioSHA256: file.sha256,
            trials: options.trials, seed: options.seed, threads: options.threads,
            elapsedSeconds: elapsed, version: ClvsimVersion.current)
        let document = SummaryJSON.document(summary, run: info).rendered() + "\n"
        do {
            try folder.write("summary.json", text: document)
        } catch {
            printToStandardError(error.line)
            throw ClvsimExit.outputFailure.exitCode
        }
        if interrupts.isCancelled {
            throw ExitCode(128 + (interrupts.signal ?? SIGINT))
        }
        if json {
            print(document, terminator: "")
        } else if !quiet {
            SummaryTable.lines(summary, run: info, scenario: loaded).forEach { print($0) }
            print("")
            print("Wrote \(folder.file("summary.json"))")
        }
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
