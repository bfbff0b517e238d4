import CLVLinearAlgebra
import Foundation
import Testing
@testable import CLVFit

@Suite struct ScenarioFragmentTests {
    let scenario = """
        {"schemaVersion": 1, "name": "box", "horizonPeriods": 24, "annualDiscountRate": 0.1,
         "description": "kept as is",
         "segments": [
           {"name": "monthly", "customers": 100, "revenue": 30,
            "retention": {"model": "constant", "rate": 0.8},
            "referrals": {"coefficient": 0.2, "cyclePeriods": 3}},
           {"name": "annual", "customers": 50, "revenue": 300, "retention": {"model": "sbg", "alpha": 1, "beta": 3}}
         ],
         "correlations": [
           {"between": ["segments.monthly.retention.rate", "segments.monthly.revenue"], "rank": 0.3},
           {"between": ["segments.annual.retention.alpha", "segments.annual.revenue"], "rank": 0.2}
         ],
         "strategies": [{"name": "s", "changes": [{"target": "segments.monthly.revenue", "multiply": 1.1}]}]
        }
        """

    func sbgFit() throws -> RetentionFit {
        try RetentionFit(cohorts: [SurvivalTable.Cohort(name: "1", active: regularSurvivors)])
    }

    @Test func rankCorrelationOfTheGaussianCopula() {
        #expect(ScenarioFragment.rankCorrelation(fromLinear: 0) == 0)
        #expect(abs(ScenarioFragment.rankCorrelation(fromLinear: 1) - 1) < 1e-15)
        #expect(abs(ScenarioFragment.rankCorrelation(fromLinear: 0.5) - 6 / Double.pi * asin(0.25)) < 1e-15)
        #expect(ScenarioFragment.rankCorrelation(fromLinear: -0.5) < -0.48)
    }

    @Test func roundingKeepsSixSignificantDigits() {
        #expect(ScenarioFragment.rounded(0.123456789) == 0.123457)
        #expect(ScenarioFragment.rounded(123456.789) == 123457)
        #expect(ScenarioFragment.rounded(0) == 0)
    }

    @Test func sbgFragmentCarriesEstimatesStandardErrorsAndCorrelation() throws {
        let fit = try sbgFit()
        let sbg = try #require(fit.sbg)
        let fragment = try ScenarioFragment.retention(fit, model: .sbg, segment: "monthly")
        let retention = try #require(fragment.fields["retention"])
        #expect(retention["model"] == .string("sbg"))
        #expect(retention["alpha"]?["dist"] == .string("gamma"))
        #expect(retention["alpha"]?["mean"] == .number(ScenarioFragment.rounded(sbg.values[0])))
        #expect(retention["beta"]?["sd"] == .number(ScenarioFragment.rounded(sbg.standardErrors[1])))
        #expect(fragment.correlations.count == 1)
        #expect(fragment.correlations[0].between == ("segments.monthly.retention.alpha", "segments.monthly.retention.beta"))
        #expect(abs(fragment.correlations[0].rank - ScenarioFragment.rankCorrelation(fromLinear: sbg.correlation(0, 1))) < 1e-15)
    }

    @Test func updateReplacesTheSegmentsModelAndKeepsEverythingElse() throws {
        let fragment = try ScenarioFragment.retention(try sbgFit(), model: .sbg, segment: "monthly")
        let text = try ScenarioUpdate.apply(fragment, toScenario: Array(scenario.utf8))
        let updated = try JSONTree(parsing: Array(text.utf8))
        let original = try JSONTree(parsing: Array(scenario.utf8))
        #expect(updated["description"] == .string("kept as is"))
        #expect(updated["strategies"] == original["strategies"])
        guard case .array(let segments)? = updated["segments"], case .array(let before)? = original["segments"] else {
            Issue.record("segments missing"); return
        }
        #expect(segments[1] == before[1])
        #expect(segments[0]["retention"] == fragment.fields["retention"])
        #expect(segments[0]["referrals"] == before[0]["referrals"])
        #expect(segments[0]["customers"] == .number(100))
        guard case .array(let correlations)? = updated["correlations"] else { Issue.record("no correlations"); return }
        // The old monthly retention correlation is gone, the annual one stays, the new one is appended.
        #expect(correlations.count == 2)
        #expect(correlations[0]["rank"] == .number(0.2))
        #expect(correlations[1]["between"] == .array([.string("segments.monthly.retention.alpha"),
                                                      .string("segments.monthly.retention.beta")]))
    }

    @Test func referralUpdateKeepsCyclePeriodsUnlessGiven() throws {
        let fit = try ReferralFit(records: [.init(customer: "a", invitations: 4, conversions: 1),
                                            .init(customer: "b", invitations: 2, conversions: 0)])
        let kept = try JSONTree(parsing: Array(try ScenarioUpdate.apply(
            ScenarioFragment.referrals(fit, segment: "monthly"), toScenario: Array(scenario.utf8)).utf8))
        guard case .array(let segments)? = kept["segments"] else { Issue.record("segments missing"); return }
        #expect(segments[0]["referrals"]?["cyclePeriods"] == .number(3))
        #expect(segments[0]["referrals"]?["coefficient"]?["shape"] == .number(1.5))
        #expect(segments[0]["referrals"]?["coefficient"]?["scale"] == .number(0.5))
        let annual = try JSONTree(parsing: Array(try ScenarioUpdate.apply(
            ScenarioFragment.referrals(fit, segment: "annual"), toScenario: Array(scenario.utf8)).utf8))
        guard case .array(let segments2)? = annual["segments"] else { Issue.record("segments missing"); return }
        #expect(segments2[1]["referrals"]?["cyclePeriods"] == .number(1))
        let set = try JSONTree(parsing: Array(try ScenarioUpdate.apply(
            ScenarioFragment.referrals(fit, segment: "monthly", cyclePeriods: 2), toScenario: Array(scenario.utf8)).utf8))
        guard case .array(let segments3)? = set["segments"] else { Issue.record("segments missing"); return }
        #expect(segments3[0]["referrals"]?["cyclePeriods"] == .number(2))
    }

    @Test func unknownSegmentAndNonScenarioTextAreErrors() throws {
        let fragment = try ScenarioFragment.retention(try sbgFit(), model: .constant, segment: "weekly")
        #expect(throws: FitError("the scenario has no segment named \"weekly\"; its segments are: monthly, annual")) {
            try ScenarioUpdate.apply(fragment, toScenario: Array(scenario.utf8))
        }
        #expect(throws: FitError.self) { try ScenarioUpdate.apply(fragment, toScenario: Array("[1, 2]".utf8)) }
        #expect(throws: FitError.self) { try ScenarioUpdate.apply(fragment, toScenario: Array("{\"segments\": ".utf8)) }
    }

    @Test func constantFragmentIsABetaRate() throws {
        let fit = try sbgFit()
        let fragment = try ScenarioFragment.retention(fit, model: .constant, segment: "s")
        let rate = try #require(fragment.fields["retention"]?["rate"])
        #expect(rate["dist"] == .string("beta"))
        #expect(rate["mean"] == .number(ScenarioFragment.rounded(fit.constant.values[0])))
        #expect(fragment.correlations.isEmpty)
    }
}
