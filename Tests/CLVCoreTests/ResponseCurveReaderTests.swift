import Foundation
import Testing
@testable import CLVCore
import CLVRandom

/// docs/scenario-format.md "Response curves and decisions": reading decisions, response-curve
/// retention and prospect plans, and every mistake reported with its path and a fix.
@Suite struct ResponseCurveReaderTests {
    /// A valid scenario with both uses of a response curve; `retention` and `conversion` and
    /// `decisions` replace its parts.
    static func text(retention: String = #"{"response": "exponential", "floor": 0.5, "ceiling": {"dist": "uniform", "min": 0.8, "max": 0.9}, "k": 0.3, "spend": "care"}"#,
                     conversion: String = #"{"response": "exponential", "ceiling": 0.2, "k": 0.5, "spend": "ads"}"#,
                     decisions: String = #"[{"name": "care", "min": 0, "max": 10, "value": 2}, {"name": "ads", "min": 0, "max": 5}]"#,
                     plan: String? = nil) -> String {
        let acquisition = plan ?? #"{"segment": "s", "fromPeriod": 1, "toPeriod": 3, "prospectsPerPeriod": 1000, "conversion": \#(conversion)}"#
        return """
            {"schemaVersion": 1, "name": "r", "horizonPeriods": 12, "annualDiscountRate": 0.1,
             "decisions": \(decisions),
             "segments": [{"name": "s", "customers": 10, "retention": {"model": "constant", "rate": \(retention)}, "revenue": 10}],
             "acquisition": [\(acquisition)]}
            """
    }

    @Test func readsDecisionsAndBothCurves() throws {
        let reading = ScenarioReader.read(Self.text())
        let scenario = try #require(reading.scenario, "\(reading.errors)")
        #expect(scenario.decisions == [Decision(name: "care", min: 0, max: 10, value: 2), Decision(name: "ads", min: 0, max: 5, value: 0)])
        #expect(scenario.segments[0].retention == .constantResponse(ResponseCurve(floor: .fixed(0.5), ceiling: .uniform(min: 0.8, max: 0.9),
                                                                                  k: .fixed(0.3), spend: .decision("care"))))
        guard case .prospects(let prospects, let conversion) = scenario.acquisition[0].volume else {
            Issue.record("not a prospect plan")
            return
        }
        #expect(prospects == .fixed(1000))
        #expect(conversion.floor == .fixed(0))
        #expect(conversion.spend == .decision("ads"))
        let paths = scenario.inputs.map(\.path)
        for path in ["segments.s.retention.rate.floor", "segments.s.retention.rate.ceiling", "segments.s.retention.rate.k",
                     "acquisition.0.prospectsPerPeriod", "acquisition.0.conversion.ceiling", "acquisition.0.conversion.k"] {
            #expect(paths.contains(path), "\(path)")
        }
        #expect(!paths.contains("segments.s.retention.rate"))
    }

    @Test func responseParametersCanBeCorrelated() throws {
        var text = Self.text(conversion: #"{"response": "exponential", "ceiling": {"dist": "uniform", "min": 0.1, "max": 0.3}, "k": 0.5, "spend": 1}"#)
        text.removeLast()
        text += #", "correlations": [{"between": ["segments.s.retention.rate.ceiling", "acquisition.0.conversion.ceiling"], "rank": 0.5}]}"#
        let reading = ScenarioReader.read(text)
        #expect(reading.scenario?.correlations.count == 1, "\(reading.errors)")
    }

    static func errors(_ text: String) -> [ScenarioIssue] { ScenarioReader.read(text).errors }

    @Test func everyMistakeHasItsPathAndFix() {
        let cases: [(String, String, String)] = [
            (Self.text(retention: #"{"response": "exponential", "ceiling": 1.2, "k": 0.3, "spend": 1}"#), "$.segments[0].retention.rate.ceiling", "between 0 and 1"),
            (Self.text(retention: #"{"response": "exponential", "ceiling": 0.9, "k": -1, "spend": 1}"#), "$.segments[0].retention.rate.k", "at least 0"),
            (Self.text(retention: #"{"response": "exponential", "ceiling": 0.9, "k": 1, "spend": -2}"#), "$.segments[0].retention.rate.spend", "at least 0"),
            (Self.text(retention: #"{"response": "exponential", "floor": {"dist": "uniform", "min": 0.5, "max": 0.85}, "ceiling": {"dist": "uniform", "min": 0.8, "max": 0.9}, "k": 1, "spend": 1}"#),
             "$.segments[0].retention.rate.ceiling", "below its floor"),
            (Self.text(retention: #"{"response": "exponentail", "ceiling": 0.9, "k": 1, "spend": 1}"#), "$.segments[0].retention.rate.response", "did you mean \"exponential\""),
            (Self.text(retention: #"{"response": "exponential", "ceiling": 0.9, "k": 1, "spend": 1, "slope": 2}"#), "$.segments[0].retention.rate.slope", "unknown key"),
            (Self.text(conversion: #"{"response": "exponential", "ceiling": 0.2, "k": 0.5, "spend": "adds"}"#), "$.acquisition[0].conversion.spend", "did you mean \"ads\""),
            (Self.text(decisions: #"[{"name": "care", "min": 0, "max": 10, "value": 12}, {"name": "ads", "min": 0, "max": 5}]"#), "$.decisions[0].value", "outside the decision's bounds"),
            (Self.text(decisions: #"[{"name": "care", "min": 3, "max": 1}, {"name": "ads", "min": 0, "max": 5}]"#), "$.decisions[0].max", "below min"),
            (Self.text(decisions: #"[{"name": "care", "min": -1, "max": 1}, {"name": "ads", "min": 0, "max": 5}]"#), "$.decisions[0].min", "at least 0"),
            (Self.text(decisions: #"[{"name": "care", "min": 0, "max": 1, "vale": 1}, {"name": "ads", "min": 0, "max": 5}]"#), "$.decisions[0].vale", "did you mean \"value\""),
            (Self.text(plan: #"{"segment": "s", "fromPeriod": 1, "toPeriod": 3, "prospectsPerPeriod": 1000}"#), "$.acquisition[0].conversion", "needs \"conversion\""),
            (Self.text(plan: #"{"segment": "s", "fromPeriod": 1, "toPeriod": 3, "prospectsPerPeriod": 10, "customersPerPeriod": 5, "conversion": {"response": "exponential", "ceiling": 0.2, "k": 0.5, "spend": 1}}"#),
             "$.acquisition[0]", "one form only"),
        ]
        for (text, path, words) in cases {
            let errors = Self.errors(text)
            #expect(errors.contains { $0.path == path && ($0.message.contains(words) || $0.fix.contains(words)) && !$0.fix.isEmpty },
                    "\(path) \(words): \(errors)")
        }
    }

    /// `clvsim run` uses each decision's value: the retention rate at the spend, and the spend.
    @Test func runUsesTheDecisionValues() throws {
        var scenario = try #require(ScenarioReader.read(Self.text(retention: #"{"response": "exponential", "floor": 0.5, "ceiling": 0.9, "k": 0.3, "spend": "care"}"#)).scenario)
        scenario.acquisition = []
        scenario.horizonPeriods = 1
        scenario.segments[0].customers = 1000
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 4, seed: 1))
        let expectedRate = 0.5 + 0.4 * (1 - exp(-0.3 * 2))
        // One period: current customers renew once, each active one costs 2.
        let active = try #require(result.column(.currentCustomerValue)).map { $0 / 10 }
        let spend = try #require(result.column(.retentionSpend))
        for t in 0..<4 { #expect(abs(spend[t] - 2 * active[t]) < 1e-9) }
        let mean = active.reduce(0, +) / 4 / 1000
        #expect(abs(mean - expectedRate) < 4 * (expectedRate * (1 - expectedRate) / 4000).squareRoot())
    }
}
