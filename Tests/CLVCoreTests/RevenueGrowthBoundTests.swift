import Testing
@testable import CLVCore

/// `revenueGrowth` that would make revenue overflow by the horizon is rejected at its path
/// (docs/scenario-format.md, "Limits").
@Suite struct RevenueGrowthBoundTests {
    func scenario(growth: String, revenue: String = "10", horizon: Int, periodsPerYear: Int) -> String {
        """
        {"schemaVersion": 1, "name": "g", "periodsPerYear": \(periodsPerYear), "horizonPeriods": \(horizon), "annualDiscountRate": 0.1,
         "segments": [{"name": "s", "customers": 1000, "retention": {"model": "constant", "rate": 0.9},
                       "revenue": \(revenue), "revenueGrowth": \(growth)}]}
        """
    }

    @Test func growthThatOverflowsIsRejectedWithAFix() throws {
        for (growth, horizon, perYear) in [("3", 1000, 1), ("1.797e308", 60, 12), ("{\"dist\": \"uniform\", \"min\": 0, \"max\": 3}", 1000, 1),
                                           ("{\"dist\": \"lognormal\", \"mean\": 3, \"sd\": 1}", 1000, 1)] {
            let reading = read(scenario(growth: growth, horizon: horizon, periodsPerYear: perYear))
            #expect(reading.scenario == nil, "\(growth)")
            let issue = try #require(reading.errors.first)
            #expect(issue.path == "$.segments[0].revenueGrowth")
            #expect(issue.message.contains("overflow"), "\(issue.message)")
            #expect(issue.fix.contains("at most"), "\(issue.fix)")
        }
    }

    @Test func ordinaryGrowthIsAccepted() {
        for (growth, horizon, perYear) in [("0.05", 6000, 1), ("3", 400, 1), ("-0.5", 6000, 1), ("0.2", 6000, 12)] {
            let reading = read(scenario(growth: growth, horizon: horizon, periodsPerYear: perYear))
            #expect(reading.errors.isEmpty, "\(growth): \(reading.errors.map(\.description))")
        }
        // Huge revenue without growth is the report's business, not the reader's.
        #expect(read(scenario(growth: "0", revenue: "1e306", horizon: 60, periodsPerYear: 12)).errors.isEmpty)
    }

    @Test func theStatedLargestGrowthIsAccepted() throws {
        let issue = try #require(read(scenario(growth: "3", horizon: 1000, periodsPerYear: 1)).errors.first)
        let stated = try #require(issue.fix.split(separator: " ").drop { $0 != "most" }.dropFirst().first)
        let largest = try #require(Double(stated.trimmingCharacters(in: .punctuationCharacters)))
        #expect(read(scenario(growth: "\(largest * 0.999)", horizon: 1000, periodsPerYear: 1)).errors.isEmpty)
    }
}
