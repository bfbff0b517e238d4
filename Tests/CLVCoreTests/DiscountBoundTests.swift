import Testing
@testable import CLVCore

/// A negative discount rate that would weigh late cash flows beyond the range of numbers is
/// rejected at its path with the rate that would do (docs/scenario-format.md, "Limits").
@Suite struct DiscountBoundTests {
    func scenario(rate: String, horizon: Int, periodsPerYear: Int) -> String {
        """
        {"schemaVersion": 1, "name": "d", "periodsPerYear": \(periodsPerYear), "horizonPeriods": \(horizon), "annualDiscountRate": \(rate),
         "segments": [{"name": "s", "customers": 1000, "retention": {"model": "constant", "rate": 0.9}, "revenue": 10}]}
        """
    }

    @Test func ratesThatOverflowAreRejectedWithAFix() throws {
        for (rate, horizon, perYear) in [("-0.5", 6000, 1), ("{\"dist\": \"uniform\", \"min\": -0.95, \"max\": 0.1}", 1200, 12),
                                         ("{\"dist\": \"normal\", \"mean\": -0.2, \"sd\": 0.05, \"min\": -0.9}", 3000, 1)] {
            let reading = read(scenario(rate: rate, horizon: horizon, periodsPerYear: perYear))
            #expect(reading.scenario == nil, "\(rate)")
            let issue = try #require(reading.errors.first)
            #expect(issue.path == "$.annualDiscountRate")
            #expect(issue.message.contains("overflow"), "\(issue.message)")
            #expect(issue.fix.contains("keep the rate above"), "\(issue.fix)")
        }
    }

    @Test func ordinaryRatesAreAccepted() {
        for (rate, horizon, perYear) in [("0.1", 6000, 1), ("-0.02", 6000, 12), ("-0.5", 60, 12), ("-0.03", 6000, 1)] {
            let reading = read(scenario(rate: rate, horizon: horizon, periodsPerYear: perYear))
            #expect(reading.errors.isEmpty, "\(rate): \(reading.errors.map(\.description))")
        }
    }
}
