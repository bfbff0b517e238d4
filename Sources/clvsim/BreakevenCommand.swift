import ArgumentParser
import Foundation
import CLVCore
import CLVReport

/// `clvsim breakeven`: how big must one change of a strategy be for the strategy to pay?
struct BreakevenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "breakeven",
        abstract: "Find the size of a strategy's change at which its expected net value is 0 (and P(net > 0) reaches a target).",
        discussion: """
            Scales change I of the strategy — its `add` amount, or for `multiply` the size factor − 1; \
            an uncertain amount starts from its mean — \
            and runs the scenario with only that strategy at each size searched, on the same trials \
            (same seed: common random numbers), so the search is deterministic. Reports the size at \
            which the expected net value is 0 (breakEvenMean) and, with --probability P, the size at \
            which the share of trials with net value > 0 reaches P (breakEvenProbability), each with \
            a 95% Monte Carlo interval; the second interval is approximate (see docs/strategies.md).

            When the net value does not cross 0 between size 0 and 4096 times the change's own size \
            (or stops changing because the input reaches the edge of its domain), no break-even \
            exists there: the output says why, the JSON holds null, and the exit code is 0.

            With --out DIR writes breakeven.json and report.html (the net value curve over the sizes \
            evaluated).

            Exit codes: 0 success (with or without a break-even), 64 usage error (an unknown \
            strategy, a change index out of range, a `set` change or one of size 0, a probability \
            outside (0, 1)), 65 invalid scenario, 66 scenario missing or unreadable, 73 output cannot \
            be written, 130/143 interrupted.
            """
    )

    @Argument(help: "The scenario file (JSON).", completion: .file(extensions: ["json"]))
    var scenario: String

    @Option(help: "The strategy whose change is scaled.")
    var strategy: String

    @Option(parsing: .unconditional, help: "The change to scale: its 0-based index in the strategy's changes.")
    var change = 0

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Also find the size at which P(net > 0) reaches this probability, e.g. 0.9.", valueName: "P"))
    var probability: Double?

    @OptionGroup var simulation: SimulationRunOptions

    @Flag(help: "Print the result as JSON on stdout instead of the table.")
    var json = false

    @Option(help: "Output folder for breakeven.json and report.html (nothing is written without it).")
    var out: String?

    func validate() throws {
        if let probability, !(probability > 0 && probability < 1) {
            throw ValidationError("--probability must be a probability between 0 and 1 (exclusive), e.g. 0.9, got \(probability).")
        }
        if change < 0 { throw ValidationError("--change must be a change index, 0 or more, got \(change).") }
    }

    func run() throws {
        let interrupts = InterruptHandling.shared
        interrupts.install()
        let file = try loadCommandScenario(path: scenario, quiet: json)
        let loaded = file.scenario
        let options = simulation.simulationOptions(for: loaded)
        do {
            try simulation.checkMemory(try Simulation(scenario: loaded), options, file: scenario, quiet: true)
        } catch let error as SimulationError {
            printToStandardError("\(scenario): \(error)")
            throw ClvsimExit.invalidInput.exitCode
        }
        var folder: OutputFolder?
        if let out {
            do {
                folder = try OutputFolder(path: out, inputs: [scenario])
            } catch {
                printToStandardError(error.line)
                throw error.exit.exitCode
            }
        }
        let result: BreakEven
        do {
            // On a terminal, one status line counts the sizes run so far (each a run of --trials trials).
            let onTerminal = isatty(2) == 1
            result = try BreakEven.search(scenario: loaded, strategy: strategy, change: change, probability: probability,
                                          options: options, isCancelled: { interrupts.isCancelled },
                                          evaluated: onTerminal ? { count in
                                              let line = "\rclvsim: \(count) size\(count == 1 ? "" : "s") evaluated"
                                              _ = line.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
                                          } : nil)
            if onTerminal { printToStandardError("") }
        } catch {
            switch error {
            case .simulation(.cancelled):
                TemporaryFiles.shared.removeAll()
                printToStandardError("clvsim: interrupted; nothing was written")
                throw ExitCode(128 + (interrupts.signal ?? 2))
            case .simulation(let failure):
                printToStandardError("\(scenario): \(failure)")
                throw ClvsimExit.invalidInput.exitCode
            case .unknownStrategy:
                printToStandardError("--strategy: \(error)")
            case .changeOutOfRange, .notScalable, .zeroSize:
                printToStandardError("--change: \(error)")
            case .probabilityOutOfRange:
                printToStandardError("--probability: \(error)")
            }
            throw ClvsimExit.usage.exitCode
        }
        let document = BreakEvenReport.document(result, scenarioName: loaded.name, version: ClvsimVersion.current).rendered() + "\n"
        var written: [String] = []
        if let folder {
            // Both files are staged, then moved into place together: never one without the other.
            var staged: [OutputFolder.StagedFile] = []
            do {
                staged.append(try folder.stage("breakeven.json", text: document))
                staged.append(try folder.stage("report.html", text: BreakEvenReport.html(result, scenarioName: loaded.name,
                                                                                         currency: loaded.currency, version: ClvsimVersion.current)))
                try folder.commit(staged)
                written = ["breakeven.json", "report.html"].map { folder.file($0) }
            } catch {
                folder.discard(staged)
                printToStandardError(error.line)
                throw error.exit.exitCode
            }
        }
        if json {
            print(document, terminator: "")
        } else {
            BreakEvenReport.lines(result, currency: loaded.currency).forEach { print($0) }
            if !written.isEmpty {
                print("")
                print("Wrote \(written.joined(separator: ", "))")
            }
        }
    }
}
