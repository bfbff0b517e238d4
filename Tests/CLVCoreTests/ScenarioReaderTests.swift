import Foundation
import Testing
import CLVRandom
import CLVTestSupport
@testable import CLVCore

/// A minimal valid scenario; tests patch it.
let minimalScenario = """
{"schemaVersion": 1, "name": "minimal", "horizonPeriods": 12, "annualDiscountRate": 0.1,
 "segments": [{"name": "s", "customers": 100, "retention": {"model": "constant", "rate": 0.9}, "revenue": 10}]}
"""

func read(_ text: String) -> ScenarioReading { ScenarioReader.read(text) }

@Suite struct ScenarioReaderTests {
    @Test func everyScenarioFileIsValid() throws {
        let files = RepositoryFiles.scenarioFiles()
        #expect(files.count >= 12)
        #expect(files.contains { $0.lastPathComponent == "subscription-box.json" })
        for file in files {
            let reading = ScenarioReader.read(Array(try Data(contentsOf: file)))
            #expect(reading.errors.isEmpty, "\(file.lastPathComponent): \(reading.errors.map(\.description))")
            #expect(reading.scenario != nil)
            #expect(reading.scenario?.description?.isEmpty == false, "\(file.lastPathComponent) needs a description")
        }
    }

    @Test func subscriptionBoxRunsFast() throws {
        let url = RepositoryFiles.root().appendingPathComponent("scenarios/subscription-box.json")
        let scenario = try #require(ScenarioReader.read(Array(try Data(contentsOf: url))).scenario)
        #expect(scenario.trials == 20_000)
        #expect((1...3).contains(scenario.segments.count))
    }

    @Test func defaultsAreFilledIn() throws {
        let scenario = try #require(read(minimalScenario).scenario)
        #expect(scenario.periodsPerYear == 12)
        #expect(scenario.cashFlowTiming == .start)
        #expect(scenario.trials == 10_000)
        #expect(scenario.seed == 1)
        #expect(scenario.intervals == [0.9])
        #expect(scenario.acquisition.isEmpty && scenario.correlations.isEmpty && scenario.strategies.isEmpty)
        let segment = scenario.segments[0]
        #expect(segment.renewals == 0)
        #expect(segment.margin == .fixed(1))
        #expect(segment.serviceCost == .fixed(0))
        #expect(segment.revenueGrowth == .fixed(0))
        #expect(segment.revenueVariation == nil && segment.referrals == nil)
    }

    @Test func referenceScenarioReadsAsBuiltByHand() throws {
        let url = RepositoryFiles.root().appendingPathComponent("scenarios/reference/referrals-fixed-k.json")
        let scenario = try #require(ScenarioReader.read(Array(try Data(contentsOf: url))).scenario)
        var segment = Segment(name: "cohort", retention: .constant(rate: .fixed(0)), revenue: .fixed(1))
        segment.referrals = Referrals(coefficient: .fixed(0.5), cyclePeriods: 1)
        var expected = Scenario(name: "referrals-fixed-k", horizonPeriods: 6, annualDiscountRate: .fixed(0.1), segments: [segment])
        expected.description = scenario.description
        expected.currency = "EUR"
        expected.periodsPerYear = 1
        expected.trials = 1000
        expected.acquisition = [AcquisitionPlan(segment: "cohort", fromPeriod: 1, toPeriod: 1, volume: .customers(perPeriod: .fixed(1000)))]
        #expect(scenario == expected)
    }

    @Test func alternativeParameterisationsResolve() throws {
        let text = minimalScenario.replacingOccurrences(of: #""revenue": 10"#, with: """
            "revenue": {"dist": "gamma", "mean": 0.7, "sd": 0.1},
            "margin": {"dist": "beta", "mean": 0.25, "sd": 0.05},
            "serviceCost": {"dist": "gamma", "shape": 2, "scale": 3},
            "revenueGrowth": {"dist": "fixed", "value": 0.02}
            """)
        let segment = try #require(read(text).scenario?.segments.first)
        guard case .gamma(let shape, let scale) = segment.revenue else { Issue.record("not gamma"); return }
        // shape = m²/s² = 49, scale = s²/m = 0.01/0.7.
        #expect(abs(shape - 49) < 1e-12)
        #expect(abs(scale - 0.01 / 0.7) < 1e-15)
        guard case .beta(let a, let b) = segment.margin else { Issue.record("not beta"); return }
        // ν = m(1−m)/s² − 1 = 0.1875/0.0025 − 1 = 74; α = 18.5, β = 55.5.
        #expect(abs(a - 18.5) < 1e-10 && abs(b - 55.5) < 1e-10)
        #expect(segment.serviceCost == .gamma(shape: 2, scale: 3))
        #expect(segment.revenueGrowth == .fixed(0.02))
    }

    @Test func everyDistributionFormReads() throws {
        let forms: [(String, Distribution)] = [
            ("5", .fixed(5)),
            (#"{"dist": "uniform", "min": 1, "max": 2}"#, .uniform(min: 1, max: 2)),
            (#"{"dist": "triangular", "min": 1, "mode": 2, "max": 4}"#, .triangular(min: 1, mode: 2, max: 4)),
            (#"{"dist": "pert", "min": 1, "mode": 2, "max": 4}"#, .pert(min: 1, mode: 2, max: 4)),
            (#"{"dist": "normal", "mean": 5, "sd": 1, "min": 0}"#, .normal(mean: 5, sd: 1, min: 0, max: nil)),
            (#"{"dist": "lognormal", "mean": 5, "sd": 1}"#, .lognormal(mean: 5, sd: 1)),
            (#"{"dist": "poisson", "mean": 5}"#, .poisson(mean: 5)),
            (#"{"dist": "discrete", "values": [1, 2], "weights": [3, 1]}"#, .discrete(values: [1, 2], weights: [3, 1])),
            (#"{"dist": "empirical", "samples": [1, 2, 2.5]}"#, .empirical(samples: [1, 2, 2.5])),
        ]
        for (json, expected) in forms {
            let text = minimalScenario.replacingOccurrences(of: #""revenue": 10"#, with: #""revenue": \#(json)"#)
            let reading = read(text)
            #expect(reading.scenario?.segments.first?.revenue == expected, "\(json): \(reading.errors)")
        }
    }

    @Test func collectsEveryProblemInOnePass() {
        let text = """
            {"schemaVersion": 1, "name": "x", "horizonPeriods": 0, "annualDiscountRate": -2, "trials": 0,
             "segments": [{"name": "s", "retention": {"model": "sbg", "alpha": -1, "beta": 0}, "revenue": -5, "margn": 1}]}
            """
        let paths = Set(read(text).errors.map(\.path))
        #expect(paths == ["$.horizonPeriods", "$.annualDiscountRate", "$.trials", "$.segments[0].retention.alpha",
                          "$.segments[0].retention.beta", "$.segments[0].revenue", "$.segments[0].margn"])
        #expect(read(text).scenario == nil)
    }

    @Test func unknownKeysSuggestTheClosest() {
        let errors = read(minimalScenario.replacingOccurrences(of: "horizonPeriods", with: "horizonPeriod")).errors
        #expect(errors.contains { $0.path == "$.horizonPeriod" && $0.fix.contains("did you mean \"horizonPeriods\"") })
        #expect(errors.contains { $0.path == "$.horizonPeriods" && $0.message.contains("missing") })
    }

    @Test func integerFieldsRejectFractionsAndHugeValuesWithTheirPath() {
        let cases: [(String, String, String)] = [
            (#""horizonPeriods": 12"#, #""horizonPeriods": 3.5"#, "whole number"),
            (#""customers": 100"#, #""customers": 1e400"#, "too large"),
            (#""customers": 100"#, #""customers": 9223372036854775808"#, "too large"),
            (#""customers": 100"#, #""customers": 1000000000001"#, "at most 1000000000000"),
            (#""horizonPeriods": 12"#, #""horizonPeriods": 99999999999999999999999"#, "too large"),
        ]
        for (old, new, fragment) in cases {
            let errors = read(minimalScenario.replacingOccurrences(of: old, with: new)).errors
            let field = new.split(separator: "\"")[0]
            #expect(errors.count == 1 && errors[0].path.hasSuffix(String(field)) && errors[0].message.contains(fragment), "\(new): \(errors)")
        }
        let whole = read(minimalScenario.replacingOccurrences(of: #""horizonPeriods": 12"#, with: #""horizonPeriods": 1.2e1"#))
        #expect(whole.scenario?.horizonPeriods == 12)
    }

    @Test func seedTakesEveryUInt64() {
        let text = minimalScenario.replacingOccurrences(of: #""horizonPeriods": 12"#,
                                                        with: #""horizonPeriods": 12, "seed": 18446744073709551615"#)
        #expect(read(text).scenario?.seed == UInt64.max)
        let tooBig = text.replacingOccurrences(of: "18446744073709551615", with: "18446744073709551616")
        #expect(read(tooBig).errors.first?.path == "$.seed")
    }

    @Test func viralCoefficientAtLeastOneWarnsButIsValid() throws {
        let text = minimalScenario.replacingOccurrences(of: #""revenue": 10"#,
                                                        with: #""revenue": 10, "referrals": {"coefficient": {"dist": "uniform", "min": 0.8, "max": 1.4}}"#)
        let reading = read(text)
        #expect(reading.scenario != nil)
        #expect(reading.warnings.map(\.path) == ["$.segments[0].referrals.coefficient"])
        #expect(reading.warnings.first?.fix.contains("K ≥ 1 is allowed") == true)
        #expect(reading.scenario?.segments[0].referrals?.cyclePeriods == 1)
    }

    @Test func discountRateWrittenAsPercentWarns() throws {
        let reading = read(minimalScenario.replacingOccurrences(of: #""annualDiscountRate": 0.1"#, with: #""annualDiscountRate": 10"#))
        #expect(reading.scenario != nil)
        #expect(reading.warnings.map(\.path) == ["$.annualDiscountRate"])
        #expect(read(minimalScenario).warnings.isEmpty)
    }

    @Test func correlationsThatCannotHoldTogetherNameThePairs() {
        let text = minimalScenario.replacingOccurrences(of: #""revenue": 10}]"#, with: """
            "revenue": {"dist": "uniform", "min": 1, "max": 2}, "margin": {"dist": "uniform", "min": 0.2, "max": 0.3},
             "serviceCost": {"dist": "uniform", "min": 1, "max": 2}, "revenueGrowth": {"dist": "uniform", "min": 0, "max": 0.1}}],
            "correlations": [
              {"between": ["segments.s.revenueGrowth", "segments.s.revenue"], "rank": 0.1},
              {"between": ["segments.s.revenue", "segments.s.margin"], "rank": 0.9},
              {"between": ["segments.s.margin", "segments.s.serviceCost"], "rank": 0.9},
              {"between": ["segments.s.revenue", "segments.s.serviceCost"], "rank": -0.9}]
            """)
        let errors = read(text).errors
        #expect(errors.count == 1)
        #expect(errors.first?.path == "$.correlations")
        let message = errors.first?.message ?? ""
        #expect(message.contains("not positive definite"))
        // A minimal conflicting set: with ranks 0.9 and -0.9 through serviceCost, revenue and margin
        // cannot even be uncorrelated (the 3×3 determinant is 0.19 − 0.81 < 0); pair [0] is innocent.
        #expect(message.contains("$.correlations[2]") && message.contains("$.correlations[3]"), "\(message)")
        #expect(!message.contains("$.correlations[0]"))
    }

    @Test func positiveDefiniteCorrelationsAreAccepted() throws {
        let text = minimalScenario.replacingOccurrences(of: #""revenue": 10}]"#, with: """
            "revenue": {"dist": "uniform", "min": 1, "max": 2}, "margin": {"dist": "uniform", "min": 0.2, "max": 0.3}}],
            "correlations": [{"between": ["segments.s.revenue", "segments.s.margin"], "rank": -0.95},
                             {"between": ["annualDiscountRate", "segments.s.margin"], "rank": 0.2}]
            """).replacingOccurrences(of: #""annualDiscountRate": 0.1"#, with: #""annualDiscountRate": {"dist": "uniform", "min": 0.05, "max": 0.15}"#)
        let scenario = try #require(read(text).scenario)
        #expect(scenario.correlations == [Correlation(between: ["segments.s.revenue", "segments.s.margin"], rank: -0.95),
                                          Correlation(between: ["annualDiscountRate", "segments.s.margin"], rank: 0.2)])
    }

    @Test func correlatingAFixedNumberIsAnError() {
        let text = minimalScenario.replacingOccurrences(of: #""revenue": 10}]"#, with: """
            "revenue": 10, "margin": {"dist": "uniform", "min": 0.2, "max": 0.3}}],
            "correlations": [{"between": ["segments.s.revenue", "segments.s.margin"], "rank": 0.5}]
            """)
        let errors = read(text).errors
        #expect(errors.map(\.path) == ["$.correlations[0].between[0]"])
        #expect(errors.first?.message.contains("fixed number") == true)
    }

    @Test func strategiesResolveTargetsAndCosts() throws {
        let text = minimalScenario.replacingOccurrences(of: #""revenue": 10}]"#, with: """
            "revenue": 10}],
            "strategies": [{"name": "boost", "changes": [{"target": "segments.s.retention.rate", "set": {"dist": "uniform", "min": 0.9, "max": 0.95}},
                                                         {"target": "segments.s.revenue", "multiply": 1.1}],
                            "cost": {"upfront": 100, "perActiveCustomer": 0.5, "appliesTo": ["s"]}}]
            """)
        let strategy = try #require(read(text).scenario?.strategies.first)
        #expect(strategy.changes == [StrategyChange(target: "segments.s.retention.rate", operation: .set(.uniform(min: 0.9, max: 0.95))),
                                     StrategyChange(target: "segments.s.revenue", operation: .multiply(.fixed(1.1)))])
        #expect(strategy.cost == StrategyCost(upfront: .fixed(100), perActiveCustomer: .fixed(0.5), appliesTo: ["s"]))
        let outOfDomain = text.replacingOccurrences(of: #""max": 0.95"#, with: #""max": 1.5"#)
        #expect(read(outOfDomain).errors.map(\.path) == ["$.strategies[0].changes[0].set"])
    }

    @Test func issuesFormatAsFilePathMessageFix() {
        let issue = ScenarioIssue(path: "$.segments[0].revenue", message: "revenue must be at least 0, found -5", fix: "use a value at least 0")
        #expect(issue.formatted(file: "a.json") == "a.json: $.segments[0].revenue: revenue must be at least 0, found -5 — use a value at least 0")
        let syntax = ScenarioIssue(line: 3, column: 7, message: "expected a value", fix: "remove the comma")
        #expect(syntax.formatted(file: "a.json") == "a.json:3:7: expected a value — remove the comma")
    }

    @Test func syntaxErrorsCarryLineAndColumn() {
        let reading = read("{\n  \"schemaVersion\": 1,\n  \"name\": \"x\",,\n}")
        #expect(reading.errors.count == 1)
        #expect(reading.errors.first?.line == 3 && reading.errors.first?.column == 15)
    }

    @Test func duplicateKeysNameBothPositions() {
        let reading = read("{\"schemaVersion\": 1,\n \"schemaVersion\": 1, \"name\": \"x\", \"horizonPeriods\": 1, \"annualDiscountRate\": 0, \"segments\": [{\"name\": \"s\", \"retention\": {\"model\": \"constant\", \"rate\": 1}, \"revenue\": 1}]}")
        #expect(reading.errors.map(\.path) == ["$.schemaVersion"])
        #expect(reading.errors.first?.message.contains("line 1, column 2 and line 2, column 2") == true)
    }

    @Test func tooManyErrorsAreCountedNotListed() {
        let samples = Array(repeating: "\"x\"", count: 3000).joined(separator: ",")
        let segments = (0..<600).map { #"{"name": "s\#($0)", "retention": {"model": "constant", "rate": 2}, "revenue": -1}"# }.joined(separator: ",")
        let text = minimalScenario.replacingOccurrences(of: #""revenue": 10}]"#, with: #""revenue": {"dist": "empirical", "samples": [\#(samples)]}}, \#(segments)]"#)
        let errors = read(text).errors
        #expect(errors.count == ScenarioLimits.maximumReportedErrors + 1)
        #expect(errors.last?.message.contains("more problems not listed") == true)
    }
}
