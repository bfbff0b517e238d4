import Foundation
import Testing
import CLVTestSupport
@testable import clvsim

/// A valid scenario touching every part of the format; each malformed case patches it.
let baseScenario = """
{"schemaVersion": 1, "name": "base", "currency": "EUR", "horizonPeriods": 24, "annualDiscountRate": 0.1,
 "periodsPerYear": 12, "cashFlowTiming": "start", "trials": 1000, "seed": 5, "intervals": [0.9],
 "segments": [
  {"name": "a", "customers": 100, "renewals": 2,
   "retention": {"model": "constant", "rate": {"dist": "beta", "mean": 0.8, "sd": 0.05}},
   "revenue": {"dist": "uniform", "min": 10, "max": 12}, "revenueVariation": {"shape": 2}, "margin": 0.5,
   "referrals": {"coefficient": 0.2, "cyclePeriods": 2, "into": "b"}},
  {"name": "b", "retention": {"model": "sbg", "alpha": 1, "beta": 3}, "revenue": 20}
 ],
 "acquisition": [{"segment": "b", "fromPeriod": 1, "toPeriod": 12, "budgetPerPeriod": 1000, "cac": {"dist": "gamma", "mean": 50, "sd": 10}}],
 "correlations": [{"between": ["segments.a.revenue", "segments.a.retention.rate"], "rank": 0.3}],
 "strategies": [{"name": "s", "changes": [{"target": "segments.b.retention.beta", "multiply": 1.2}], "cost": {"upfront": 100}}]
}
"""

/// One malformed scenario: what to replace in `baseScenario`, and the JSON path the problem must name.
struct MalformedCase: Sendable, CustomStringConvertible {
    var old: String
    var new: String
    var path: String
    var fragment: String = ""
    var description: String { "\(path) ← \(new.prefix(60))" }
}

extension MalformedCase {
    /// Patches `base`, writes it with `write` and checks `clvsim validate`: exit 65, a problem line
    /// `FILE: <path>: …` holding the case's fragment, and every problem line of the form
    /// FILE: $.path: message — fix. Returns the report for further checks.
    func expectRefused(patching base: String, write: (String) throws -> String) throws -> ValidateCommand.Report {
        let text = base.replacingOccurrences(of: old, with: new)
        try #require(text != base, "the patch must apply")
        let file = try write(text)
        let report = ValidateCommand.check(files: [file])
        #expect(report.exit == .invalidInput)
        #expect(report.exit.rawValue == 65)
        let line = report.diagnostics.first { $0.hasPrefix("\(file): \(path): ") }
        #expect(line != nil, "expected \(path) in \(report.diagnostics)")
        if !fragment.isEmpty {
            #expect(line?.contains(fragment) == true, "expected “\(fragment)” in \(line ?? "")")
        }
        for problem in report.diagnostics where !problem.hasPrefix("warning: ") {
            #expect(problem.hasPrefix("\(file): $") && problem.contains(" — "), "\(problem)")
        }
        return report
    }
}

let malformedCases: [MalformedCase] = [
    // Top level.
    .init(old: #""schemaVersion": 1, "#, new: "", path: "$.schemaVersion", fragment: "missing"),
    .init(old: #""schemaVersion": 1"#, new: #""schemaVersion": 2"#, path: "$.schemaVersion", fragment: "unsupported"),
    .init(old: #""schemaVersion": 1"#, new: #""schemaVersion": "1""#, path: "$.schemaVersion"),
    .init(old: #""name": "base", "#, new: "", path: "$.name", fragment: "missing"),
    .init(old: #""name": "base""#, new: #""name": """#, path: "$.name", fragment: "empty"),
    .init(old: #""name": "base""#, new: #""name": "a/b""#, path: "$.name", fragment: "slash"),
    .init(old: #""horizonPeriods": 24"#, new: #""horizonPeriods": 0"#, path: "$.horizonPeriods", fragment: "at least 1"),
    .init(old: #""horizonPeriods": 24"#, new: #""horizonPeriods": 6001"#, path: "$.horizonPeriods", fragment: "6000"),
    .init(old: #""horizonPeriods": 24"#, new: #""horizonPeriods": 12.5"#, path: "$.horizonPeriods", fragment: "whole number"),
    .init(old: #""trials": 1000"#, new: #""trials": 0"#, path: "$.trials"),
    .init(old: #""trials": 1000"#, new: #""trials": 100000001"#, path: "$.trials", fragment: "100000000"),
    .init(old: #""trials": 1000"#, new: #""trials": 1e400"#, path: "$.trials", fragment: "too large"),
    .init(old: #""seed": 5"#, new: #""seed": -1"#, path: "$.seed"),
    .init(old: #""seed": 5"#, new: #""seed": 1.5"#, path: "$.seed", fragment: "whole number"),
    .init(old: #""intervals": [0.9]"#, new: #""intervals": []"#, path: "$.intervals"),
    .init(old: #""intervals": [0.9]"#, new: #""intervals": [90]"#, path: "$.intervals[0]", fragment: "0.9"),
    .init(old: #""cashFlowTiming": "start""#, new: #""cashFlowTiming": "middle""#, path: "$.cashFlowTiming"),
    .init(old: #""periodsPerYear": 12"#, new: #""periodsPerYear": 0"#, path: "$.periodsPerYear"),
    .init(old: #""horizonPeriods": 24"#, new: #""horizonPeriods": 24, "horizon": 3"#, path: "$.horizon", fragment: "did you mean \"horizonPeriods\""),
    .init(old: #""annualDiscountRate": 0.1"#, new: #""annualDiscountRate": -1"#, path: "$.annualDiscountRate"),
    .init(old: #""annualDiscountRate": 0.1"#, new: #""annualDiscountRate": {"dist": "normal", "mean": 0.1, "sd": 0.02}"#, path: "$.annualDiscountRate", fragment: "unbounded"),
    .init(old: #""seed": 5"#, new: #""seed": 5, "seed": 6"#, path: "$.seed", fragment: "appears twice"),
    // Segments.
    .init(old: #"}},\#n  {"name": "b", "retention": {"model": "sbg", "alpha": 1, "beta": 3}, "revenue": 20}"#, new: "}}", path: "$.segments[0].referrals.into"),
    .init(old: #""name": "b""#, new: #""name": "a""#, path: "$.segments[1].name", fragment: "already used"),
    .init(old: #""customers": 100"#, new: #""customers": -5"#, path: "$.segments[0].customers"),
    .init(old: #""customers": 100"#, new: #""customers": 9223372036854775808"#, path: "$.segments[0].customers", fragment: "too large"),
    .init(old: #""renewals": 2"#, new: #""renewals": 1.5"#, path: "$.segments[0].renewals"),
    .init(old: #""model": "sbg", "#, new: "", path: "$.segments[1].retention.model"),
    .init(old: #""model": "sbg""#, new: #""model": "sbgg""#, path: "$.segments[1].retention.model", fragment: "did you mean \"sbg\""),
    .init(old: #"{"dist": "beta", "mean": 0.8, "sd": 0.05}"#, new: #"{"dist": "normal", "mean": 0.8, "sd": 0.05}"#, path: "$.segments[0].retention.rate", fragment: "\"max\": 1"),
    .init(old: #""mean": 0.8, "sd": 0.05"#, new: #""mean": 0.8, "sd": 0.5"#, path: "$.segments[0].retention.rate.sd", fragment: "too large"),
    .init(old: #""alpha": 1, "beta": 3"#, new: #""alpha": -1, "beta": 3"#, path: "$.segments[1].retention.alpha"),
    .init(old: #""revenue": 20"#, new: #""revenue": -20"#, path: "$.segments[1].revenue"),
    .init(old: #""min": 10, "max": 12"#, new: #""min": 12, "max": 10"#, path: "$.segments[0].revenue.max"),
    .init(old: #""revenue": 20"#, new: #""revenue": {"dist": "triangular", "min": 5, "mode": 1, "max": 9}"#, path: "$.segments[1].revenue.mode"),
    .init(old: #""revenue": 20"#, new: #""revenue": {"dist": "gama", "mean": 1, "sd": 1}"#, path: "$.segments[1].revenue.dist", fragment: "did you mean \"gamma\""),
    .init(old: #""revenue": 20"#, new: #""revenue": {"mean": 20, "sd": 2}"#, path: "$.segments[1].revenue", fragment: "\"dist\""),
    .init(old: #""revenue": 20"#, new: #""revenue": {"dist": "gamma", "shape": 2, "scale": 3, "mean": 6}"#, path: "$.segments[1].revenue", fragment: "not both"),
    .init(old: #""revenue": 20"#, new: #""revenue": "20""#, path: "$.segments[1].revenue", fragment: "quotes"),
    .init(old: #""revenue": 20"#, new: #""revenue": {"dist": "normal", "mean": 20, "sd": 2, "max": 30}"#, path: "$.segments[1].revenue", fragment: "unbounded below"),
    .init(old: #""revenue": 20"#, new: #""revenue": {"dist": "discrete", "values": [1, 2], "weights": [1]}"#, path: "$.segments[1].revenue.weights"),
    .init(old: #""revenue": 20"#, new: #""revenue": {"dist": "poisson", "mean": -3}"#, path: "$.segments[1].revenue.mean"),
    .init(old: #""revenue": 20"#, new: #""revenue": {"dist": "empirical", "samples": [1, "x"]}"#, path: "$.segments[1].revenue.samples[1]"),
    .init(old: #""margin": 0.5"#, new: #""margin": 1.5"#, path: "$.segments[0].margin", fragment: "between 0 and 1"),
    .init(old: #""margin": 0.5"#, new: #""margin": {"dist": "gamma", "mean": 0.5, "sd": 0.1}"#, path: "$.segments[0].margin"),
    .init(old: #""revenue": 20"#, new: #""revenue": 20, "revnue": 3"#, path: "$.segments[1].revnue", fragment: "did you mean \"revenue\""),
    .init(old: #""into": "b""#, new: #""into": "c""#, path: "$.segments[0].referrals.into"),
    .init(old: #""cyclePeriods": 2"#, new: #""cyclePeriods": 0"#, path: "$.segments[0].referrals.cyclePeriods"),
    .init(old: #""coefficient": 0.2"#, new: #""coefficient": -0.2"#, path: "$.segments[0].referrals.coefficient"),
    .init(old: #""revenueVariation": {"shape": 2}"#, new: #""revenueVariation": {"shape": 0}"#, path: "$.segments[0].revenueVariation.shape"),
    .init(old: #""model": "sbg", "alpha": 1, "beta": 3"#, new: #""model": "curve", "rates": []"#, path: "$.segments[1].retention.rates"),
    .init(old: #""segments": ["#, new: #""segments": {}, "unused": ["#, path: "$.segments", fragment: "must be an array"),
    // Acquisition.
    .init(old: #""segment": "b""#, new: #""segment": "bb""#, path: "$.acquisition[0].segment", fragment: "did you mean \"b\""),
    .init(old: #""fromPeriod": 1, "toPeriod": 12"#, new: #""fromPeriod": 13, "toPeriod": 12"#, path: "$.acquisition[0].toPeriod", fragment: "before"),
    .init(old: #""toPeriod": 12"#, new: #""toPeriod": 25"#, path: "$.acquisition[0].toPeriod", fragment: "horizon is 24"),
    .init(old: #""budgetPerPeriod": 1000, "#, new: "", path: "$.acquisition[0].budgetPerPeriod"),
    .init(old: #", "cac": {"dist": "gamma", "mean": 50, "sd": 10}"#, new: "", path: "$.acquisition[0].cac"),
    .init(old: #""cac": {"dist": "gamma", "mean": 50, "sd": 10}"#, new: #""cac": {"dist": "uniform", "min": 0, "max": 10}"#, path: "$.acquisition[0].cac", fragment: "greater than 0"),
    .init(old: #""budgetPerPeriod": 1000"#, new: #""customersPerPeriod": 10, "budgetPerPeriod": 1000"#, path: "$.acquisition[0]", fragment: "not both"),
    // Correlations.
    .init(old: #""segments.a.revenue", "segments.a.retention.rate""#, new: #""segments.a.revenu", "segments.a.retention.rate""#, path: "$.correlations[0].between[0]", fragment: "did you mean \"segments.a.revenue\""),
    .init(old: #""rank": 0.3"#, new: #""rank": 1"#, path: "$.correlations[0].rank"),
    .init(old: #""segments.a.revenue", "segments.a.retention.rate""#, new: #""segments.a.revenue", "segments.a.revenue""#, path: "$.correlations[0].between", fragment: "twice"),
    .init(old: #""segments.a.revenue", "segments.a.retention.rate""#, new: #""segments.a.revenue""#, path: "$.correlations[0].between", fragment: "at least 2"),
    .init(old: #""segments.a.revenue", "segments.a.retention.rate""#, new: #""segments.a.revenue", "segments.a.margin""#, path: "$.correlations[0].between[1]", fragment: "fixed number"),
    .init(old: #""rank": 0.3}]"#, new: #""rank": 0.3}, {"between": ["segments.a.retention.rate", "segments.a.revenue"], "rank": 0.1}]"#, path: "$.correlations[1].between", fragment: "already correlated"),
    .init(old: #""rank": 0.3}]"#, new: #""rank": 0.9}, {"between": ["segments.a.revenue", "acquisition.0.cac"], "rank": 0.9}, {"between": ["segments.a.retention.rate", "acquisition.0.cac"], "rank": -0.9}]"#, path: "$.correlations", fragment: "not positive definite"),
    // Strategies.
    .init(old: #""target": "segments.b.retention.beta""#, new: #""target": "segments.b.retention.bta""#, path: "$.strategies[0].changes[0].target", fragment: "did you mean"),
    .init(old: #""multiply": 1.2"#, new: #""multiply": 1.2, "add": 1"#, path: "$.strategies[0].changes[0]", fragment: "exactly one"),
    .init(old: #", "multiply": 1.2"#, new: "", path: "$.strategies[0].changes[0]", fragment: "needs one of"),
    .init(old: #""multiply": 1.2"#, new: #""set": -1"#, path: "$.strategies[0].changes[0].set", fragment: "greater than 0"),
    .init(old: #""upfront": 100"#, new: #""upfront": 100, "appliesTo": ["z"], "perActiveCustomer": 1"#, path: "$.strategies[0].cost.appliesTo[0]"),
    .init(old: #""upfront": 100}}]"#, new: #""upfront": 100}}, {"name": "s", "changes": [{"target": "segments.a.margin", "add": 0.1}]}]"#, path: "$.strategies[1].name", fragment: "already used"),
    .init(old: #""changes": [{"target": "segments.b.retention.beta", "multiply": 1.2}]"#, new: #""changes": []"#, path: "$.strategies[0].changes"),
    .init(old: #""multiply": 1.2"#, new: #""multiply": {"dist": "normal", "mean": 1.2, "sd": 0.1}"#, path: "$.strategies[0].changes[0].multiply", fragment: "unbounded"),
    .init(old: #""multiply": 1.2"#, new: #""multiply": 1.2, "fromPeriod": 5, "toPeriod": 3"#, path: "$.strategies[0].changes[0].toPeriod", fragment: "comes before"),
    .init(old: #""multiply": 1.2"#, new: #""multiply": 1.2, "toPeriod": 99"#, path: "$.strategies[0].changes[0].toPeriod", fragment: "at most"),
    .init(old: #""multiply": 1.2"#, new: #""multiply": 1.2, "fromPeriod": 0"#, path: "$.strategies[0].changes[0].fromPeriod", fragment: "at least 1"),
    .init(old: #""multiply": 1.2"#, new: #""multiply": 1.2, "fromPeriod": 2, "frmPeriod": 3"#, path: "$.strategies[0].changes[0].frmPeriod", fragment: "did you mean"),
    .init(old: #""target": "segments.b.retention.beta", "multiply": 1.2"#, new: #""target": "annualDiscountRate", "add": 0.01, "fromPeriod": 2"#, path: "$.strategies[0].changes[0].fromPeriod", fragment: "whole run"),
    .init(old: #""upfront": 100"#, new: #""upfront": 100, "perPeriod": 5, "fromPeriod": 7, "toPeriod": 2"#, path: "$.strategies[0].cost.toPeriod", fragment: "comes before"),
    .init(old: #""multiply": 1.2"#, new: #""add": {"dist": "uniform", "min": 0.2, "max": 0.1}"#, path: "$.strategies[0].changes[0].add.max", fragment: "min < max"),
    .init(old: #"["segments.a.revenue", "segments.a.retention.rate"]"#, new: #"["segments.a.revenue", "strategies.s.changes.0.add"]"#, path: "$.correlations[0].between[1]", fragment: "did you mean"),
]

@Suite struct ValidateCommandTests {
    /// This test's files; removed after the test.
    let temporary = TemporaryFolder(prefix: "clvsim-validate")
    var folder: URL { temporary.url }

    func write(_ text: String, name: String = "scenario.json") throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func baseScenarioIsValid() throws {
        let file = try write(baseScenario)
        let report = ValidateCommand.check(files: [file])
        #expect(report.exit == .success, "\(report.diagnostics)")
        #expect(report.summary == "1 file valid")
        #expect(report.diagnostics.isEmpty)
    }

    @Test func thereAreAtLeastFortyMalformedCases() {
        #expect(malformedCases.count >= 40)
    }

    @Test(arguments: malformedCases)
    func malformedScenarioExits65NamingThePath(_ malformed: MalformedCase) throws {
        let report = try malformed.expectRefused(patching: baseScenario) { try write($0, name: "case-\(UUID().uuidString).json") }
        #expect(report.summary.contains("1 invalid"))
    }

    @Test func syntaxErrorsExit65WithLineAndColumn() throws {
        let file = try write("{\n  \"schemaVersion\": 1,\n  \"name\": \"x\" \"horizonPeriods\": 3\n}")
        let report = ValidateCommand.check(files: [file])
        #expect(report.exit == .invalidInput)
        #expect(report.diagnostics == ["\(file):3:15: expected ',' or '}' after the value of \"name\", found '\"' — add a comma between members or close the object with '}'"])
    }

    @Test func missingFileExits66WithTheReason() {
        let report = ValidateCommand.check(files: [folder.appendingPathComponent("nope.json").path])
        #expect(report.exit == .inputUnreadable)
        #expect(report.exit.rawValue == 66)
        #expect(report.diagnostics.first?.contains("No such file or directory") == true)
    }

    @Test func directoryIsUnreadable() {
        let report = ValidateCommand.check(files: [folder.path])
        #expect(report.exit == .inputUnreadable)
        #expect(report.diagnostics.first?.contains("directory") == true)
    }

    @Test func everyFileIsReportedAndTheWorstExitWins() throws {
        let good = try write(baseScenario, name: "good.json")
        let bad = try write(baseScenario.replacingOccurrences(of: #""trials": 1000"#, with: #""trials": -1"#), name: "bad.json")
        var report = ValidateCommand.check(files: [good, bad])
        #expect(report.exit == .invalidInput)
        #expect(report.summary == "1 of 2 files valid, 1 invalid")
        report = ValidateCommand.check(files: [good, bad, folder.appendingPathComponent("missing.json").path])
        #expect(report.exit == .inputUnreadable)
        #expect(report.summary == "1 of 3 files valid, 1 invalid, 1 unreadable")
    }

    @Test func warningsArePrefixedAndDoNotFail() throws {
        let file = try write(baseScenario.replacingOccurrences(of: #""coefficient": 0.2"#, with: #""coefficient": 1.5"#))
        let report = ValidateCommand.check(files: [file])
        #expect(report.exit == .success)
        #expect(report.diagnostics.count == 1)
        #expect(report.diagnostics.first?.hasPrefix("warning: \(file): $.segments[0].referrals.coefficient: ") == true)
    }

    @Test func everyExampleValidatesThroughTheCommand() {
        let files = RepositoryFiles.scenarioFiles().map(\.path)
        let report = ValidateCommand.check(files: files)
        #expect(report.exit == .success, "\(report.diagnostics)")
        #expect(report.summary == "\(files.count) files valid")
    }

    @Test func oversizedFileIsRejectedBeforeReading() throws {
        let file = try write(baseScenario)
        #expect(throws: ScenarioLoadError.self) { try readInputFile(path: file, limit: 100) }
        do {
            _ = try readInputFile(path: file, limit: 100)
        } catch {
            #expect(error.exit == .invalidInput)
            #expect(error.lines.first?.contains("the limit is 100 bytes") == true)
        }
    }

    @Test func loadScenarioReturnsTheScenario() throws {
        let loaded = try loadScenarioFile(path: try write(baseScenario))
        #expect(loaded.scenario.name == "base" && loaded.scenario.segments.count == 2 && loaded.warnings.isEmpty)
    }

    @Test func commandLineParsing() throws {
        #expect(throws: (any Error).self) { try ValidateCommand.parse([]) }
        let command = try ValidateCommand.parse(["a.json", "b.json"])
        #expect(command.files == ["a.json", "b.json"])
        let parsed = try CLVSim.parseAsRoot(["validate", "x.json"])
        #expect(parsed is ValidateCommand)
        #expect(try CLVSim.parseAsRoot(["schema"]) is SchemaCommand)
        #expect(ValidateCommand.helpMessage().contains("65"))
    }

    @Test func exitCodesFollowTheSpecification() {
        #expect([ClvsimExit.success, .usage, .invalidInput, .inputUnreadable, .internalError, .outputFailure].map(\.rawValue)
                == [0, 64, 65, 66, 70, 73])
    }
}
