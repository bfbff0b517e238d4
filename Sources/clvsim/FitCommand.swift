import ArgumentParser
import CLVFit
import Foundation

/// `clvsim fit`: estimate retention, spend and referral parameters from data.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Estimate model parameters from data (retention, spend, referrals).",
        discussion: """
            Each subcommand reads a company's own data, fits a model by maximum likelihood (or \
            a conjugate posterior), prints the estimates with their standard errors, and writes \
            a scenario fragment in which the fitted parameters carry their uncertainty. With \
            --into SCENARIO --segment NAME the scenario file is updated in place (validated \
            first, written atomically). Bad data exit with 65 and name the offending line.
            """,
        subcommands: [FitRetentionCommand.self, FitSpendCommand.self, FitReferralsCommand.self]
    )
}

/// Options every `clvsim fit` subcommand shares: where the result goes.
struct FitOutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print estimates, standard errors, covariance and log-likelihood as JSON.")
    var json = false

    @Option(name: .long, help: "Scenario file to update in place with the fitted parameters.")
    var into: String?

    @Option(name: .long, help: "Segment of the scenario the fitted parameters belong to.")
    var segment: String?

    func validate() throws {
        if into != nil, segment == nil {
            throw ValidationError("--into needs --segment NAME: say which segment of the scenario the fit describes")
        }
        if let segment, segment.isEmpty {
            throw ValidationError("--segment needs a non-empty segment name")
        }
    }

    /// The segment name the fragment carries.
    var segmentName: String { segment ?? "segment" }
}

/// What a command produced: its exit code and the text for standard output and error.
struct CommandOutcome: Equatable {
    var exitCode: Int32
    var standardOutput: String
    var standardError: String

    static let dataError = ClvsimExit.invalidInput.rawValue
    static let missingInput = ClvsimExit.inputUnreadable.rawValue
    static let cannotCreateOutput = ClvsimExit.outputFailure.rawValue
    static let internalError = ClvsimExit.internalError.rawValue

    /// Success with the given output.
    static func success(_ text: String) -> CommandOutcome {
        CommandOutcome(exitCode: 0, standardOutput: text, standardError: "")
    }

    /// Failure with the given exit code and message (a line is added).
    static func failure(_ code: Int32, _ message: String) -> CommandOutcome {
        CommandOutcome(exitCode: code, standardOutput: "", standardError: message.hasSuffix("\n") ? message : message + "\n")
    }

    /// Prints the outcome and ends the command with its exit code.
    func finish() throws {
        if !standardOutput.isEmpty { print(standardOutput, terminator: standardOutput.hasSuffix("\n") ? "" : "\n") }
        if !standardError.isEmpty {
            printToStandardError(standardError.hasSuffix("\n") ? String(standardError.dropLast()) : standardError)
        }
        if exitCode != 0 { throw ExitCode(exitCode) }
    }
}

/// A failure that ends a fit command with an exit code.
struct FitFailure: Error {
    var outcome: CommandOutcome

    init(_ code: Int32, _ message: String) { outcome = .failure(code, message) }

    /// Bad data: exit 65 with `SOURCE:LINE: message`.
    init(_ error: FitError, source: String) {
        outcome = .failure(CommandOutcome.dataError, error.described(source: source))
    }
}

/// Reading inputs and writing scenarios for the fit commands.
enum FitFiles {
    /// The bytes of `path`, or a failure with exit 66 (missing or unreadable) or 65 (too large).
    static func read(_ path: String) throws -> [UInt8] {
        do {
            return try readInputFile(path: path, limit: maximumDataBytes)
        } catch {
            throw FitFailure(error.exit.rawValue, error.lines.joined(separator: "\n"))
        }
    }

    /// The largest data file read, 256 MiB: many millions of transactions.
    static let maximumDataBytes = 256 << 20

    /// The text of `path` as CSV, or a failure (66 unreadable, 65 malformed CSV).
    static func csv(_ path: String) throws -> CSVTable {
        let bytes = try read(path)
        do {
            return try CSVTable(parsing: String(decoding: bytes, as: UTF8.self))
        } catch let error as FitError {
            throw FitFailure(error, source: path)
        }
    }

    /// Applies `fragment` to the scenario at `path`, validates the result, and replaces the file
    /// atomically (a temporary file in the same folder, then a rename). Returns a summary line.
    static func update(scenario path: String, with fragment: ScenarioFragment) throws -> String {
        let bytes = try read(path)
        let text: String
        do {
            text = try ScenarioUpdate.apply(fragment, toScenario: bytes)
        } catch let error as FitError {
            throw FitFailure(error, source: path)
        }
        let problems = ScenarioCheck.problems(in: Array(text.utf8), source: path)
        guard problems.isEmpty else {
            throw FitFailure(CommandOutcome.dataError,
                             "the updated scenario would be invalid, so \(path) was left unchanged:\n" + problems.joined(separator: "\n"))
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).fit-\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
        } catch {
            throw FitFailure(CommandOutcome.cannotCreateOutput, "\(temporary.path): cannot be written: \(error.localizedDescription)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw FitFailure(CommandOutcome.cannotCreateOutput, "\(path): cannot be replaced")
        }
        return "updated \(path): segment \(fragment.segment)"
    }
}

/// Formatting of numbers for the fit tables.
enum FitFormat {
    /// `x` with 4 significant digits.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "n/a" : (x > 0 ? "inf" : "-inf") }
        return String(format: "%.4g", x)
    }

    /// `x` with 2 decimals.
    static func fixed(_ x: Double) -> String { String(format: "%.2f", x) }

    /// A table with left-aligned first column and right-aligned others.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { $0.indices.contains(i) ? $0[i].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                return i == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// An estimate as JSON: estimates, standard errors, covariance, log-likelihood and AIC.
    static func json(_ e: MaximumLikelihoodEstimate) -> JSONTree {
        let se = e.standardErrors
        var estimates: [String: JSONTree] = [:]
        var errors: [String: JSONTree] = [:]
        for (i, name) in e.names.enumerated() {
            estimates[name] = .number(e.values[i])
            errors[name] = .number(se[i])
        }
        let covariance = JSONTree.array((0..<e.values.count).map { i in
            .array((0..<e.values.count).map { j in .number(e.covariance[i, j]) })
        })
        return .object(["parameters": .array(e.names.map { .string($0) }), "estimates": .object(estimates),
                        "standardErrors": .object(errors), "covariance": covariance,
                        "logLikelihood": .number(e.logLikelihood), "aic": .number(e.aic),
                        "observations": .number(Double(e.observations))])
    }

    /// The estimate table rows of one model.
    static func rows(_ e: MaximumLikelihoodEstimate) -> [[String]] {
        let se = e.standardErrors
        return e.names.indices.map { i in [e.names[i], number(e.values[i]), number(se[i])] }
    }
}
