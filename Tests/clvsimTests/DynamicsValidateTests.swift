import Foundation
import Testing
import CLVTestSupport
@testable import clvsim

/// A valid scenario with every kind of customer dynamics: migration both ways between a monthly
/// and an annually billed segment (and into a paused segment), recency retention with current
/// customers at recency 2, an sBG segment apart, and a strategy on the new input paths. Each case
/// of `dynamicsMalformedCases` patches it.
let dynamicsScenario = """
{"schemaVersion": 1, "name": "dynamics", "horizonPeriods": 24, "annualDiscountRate": 0.1, "periodsPerYear": 12,
 "segments": [
  {"name": "monthly", "customers": 100, "retention": {"model": "constant", "rate": 0.9}, "revenue": 20,
   "migration": [{"to": "annual", "probability": 0.1}, {"to": "paused", "probability": 0.05}]},
  {"name": "annual", "customers": 50, "billingPeriods": 12, "retention": {"model": "constant", "rate": 0.8}, "revenue": 17,
   "migration": [{"to": "monthly", "probability": 0.2}]},
  {"name": "shop", "customers": 80, "recency": 2, "retention": {"model": "recency", "purchaseProbability": [0.5, 0.3, 0.2, 0.1]}, "revenue": 30},
  {"name": "loyal", "retention": {"model": "sbg", "alpha": 1, "beta": 3}, "revenue": 10},
  {"name": "paused", "retention": {"model": "constant", "rate": 0.95}, "revenue": 0}
 ],
 "strategies": [{"name": "s", "changes": [{"target": "segments.shop.retention.purchaseProbability.1", "multiply": 1.2},
                                         {"target": "segments.monthly.migration.0.probability", "add": 0.05}],
                 "cost": {"upfront": 100}}]
}
"""

/// Malformed dynamics, each with the JSON path its problem must name and a fragment of the message.
let dynamicsMalformedCases: [MalformedCase] = [
    // Migration.
    .init(old: #"[{"to": "annual", "probability": 0.1}, {"to": "paused", "probability": 0.05}]"#,
          new: #"[{"to": "annual", "probability": {"dist": "uniform", "min": 0, "max": 0.6}}, {"to": "paused", "probability": {"dist": "uniform", "min": 0, "max": 0.6}}]"#,
          path: "$.segments[0].migration", fragment: "above 1"),
    .init(old: #"{"to": "annual", "probability": 0.1}"#, new: #"{"to": "anual", "probability": 0.1}"#,
          path: "$.segments[0].migration[0].to", fragment: "did you mean \"annual\""),
    .init(old: #"{"to": "annual", "probability": 0.1}"#, new: #"{"to": "monthly", "probability": 0.1}"#,
          path: "$.segments[0].migration[0].to", fragment: "itself"),
    .init(old: #"{"to": "paused", "probability": 0.05}"#, new: #"{"to": "annual", "probability": 0.05}"#,
          path: "$.segments[0].migration[1].to", fragment: "twice"),
    .init(old: #"{"to": "annual", "probability": 0.1}"#, new: #"{"to": "annual", "probability": 1.5}"#,
          path: "$.segments[0].migration[0].probability"),
    .init(old: #"{"to": "annual", "probability": 0.1}"#, new: #"{"probability": 0.1}"#, path: "$.segments[0].migration[0].to"),
    .init(old: #""name": "loyal", "retention""#, new: #""name": "loyal", "migration": [{"to": "monthly", "probability": 0.1}], "retention""#,
          path: "$.segments[3].retention", fragment: "sBG"),
    .init(old: #"{"to": "paused", "probability": 0.05}"#, new: #"{"to": "loyal", "probability": 0.05}"#,
          path: "$.segments[3].retention", fragment: "migrate into it"),
    .init(old: #""name": "shop", "#, new: #""name": "shop", "migration": [{"to": "monthly", "probability": 0.1}], "#,
          path: "$.segments[2].retention", fragment: "recency"),
    .init(old: #"{"to": "paused", "probability": 0.05}"#, new: #"{"to": "shop", "probability": 0.05}"#,
          path: "$.segments[2].retention", fragment: "recency"),
    .init(old: #"{"model": "constant", "rate": 0.9}"#, new: #"{"model": "curve", "rates": [0.8, 0.9]}"#,
          path: "$.segments[0].retention", fragment: "same length"),
    // Billing cycles.
    .init(old: #""billingPeriods": 12"#, new: #""billingPeriods": 0"#, path: "$.segments[1].billingPeriods"),
    .init(old: #""billingPeriods": 12"#, new: #""billingPeriods": 1.5"#, path: "$.segments[1].billingPeriods", fragment: "whole number"),
    .init(old: #""billingPeriods": 12"#, new: #""billingPeriods": 241"#, path: "$.segments[1]", fragment: "the limit is 240"),
    // Recency.
    .init(old: #"[0.5, 0.3, 0.2, 0.1]"#, new: #"[0.5, 1.3, 0.2, 0.1]"#, path: "$.segments[2].retention.purchaseProbability[1]"),
    .init(old: #"[0.5, 0.3, 0.2, 0.1]"#, new: #"[0.5, {"dist": "uniform", "min": -0.1, "max": 0.3}, 0.2, 0.1]"#,
          path: "$.segments[2].retention.purchaseProbability[1]"),
    .init(old: #"[0.5, 0.3, 0.2, 0.1]"#, new: #"[]"#, path: "$.segments[2].retention.purchaseProbability"),
    .init(old: #", "purchaseProbability": [0.5, 0.3, 0.2, 0.1]"#, new: "", path: "$.segments[2].retention.purchaseProbability"),
    .init(old: #""name": "shop", "#, new: #""name": "shop", "billingPeriods": 3, "#, path: "$.segments[2].billingPeriods", fragment: "billing cycles"),
    .init(old: #""name": "loyal", "#, new: #""name": "loyal", "recency": 1, "#, path: "$.segments[3].recency", fragment: "recency retention"),
    .init(old: #""recency": 2"#, new: #""recency": 5"#, path: "$.segments[2].recency"),
    .init(old: #""recency": 2"#, new: #""recency": 0"#, path: "$.segments[2].recency"),
    // The new input paths in strategies.
    .init(old: #""segments.shop.retention.purchaseProbability.1""#, new: #""segments.shop.retention.purchaseProbability.4""#,
          path: "$.strategies[0].changes[0].target"),
    .init(old: #""segments.monthly.migration.0.probability""#, new: #""segments.monthly.migration.2.probability""#,
          path: "$.strategies[0].changes[1].target"),
]

/// Scenario validation of customer dynamics through the command (`clvsim validate`): each
/// malformed case exits 65 and names the JSON path of the problem, with the fix.
@Suite struct DynamicsValidateTests {
    /// This test's files; removed after the test.
    let temporary = TemporaryFolder(prefix: "clvsim-dynamics")
    var folder: URL { temporary.url }

    func write(_ text: String) throws -> String {
        let url = folder.appendingPathComponent("case-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// The base scenario is valid, so each case below fails for its own patch alone.
    @Test func dynamicsScenarioIsValid() throws {
        let report = ValidateCommand.check(files: [try write(dynamicsScenario)])
        #expect(report.exit == .success, "\(report.diagnostics)")
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
    }

    @Test(arguments: dynamicsMalformedCases)
    func malformedDynamicsExit65NamingThePath(_ malformed: MalformedCase) throws {
        _ = try malformed.expectRefused(patching: dynamicsScenario) { try write($0) }
    }
}
