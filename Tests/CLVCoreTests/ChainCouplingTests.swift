import Testing
@testable import CLVCore

/// Segments with state chains pair a strategy's world with the baseline's by common random
/// numbers in either coupling mode (docs/strategies.md "How coupling works, and what it buys"):
/// with `couplesStrategies` on, the chains are not recorded and not coupled, and the other
/// segments' coupling is undisturbed — the chain segments' values are then the same numbers in
/// both modes, and a strategy that changes nothing in a chain segment changes none of its value.
@Suite struct ChainCouplingTests {
    static let text = """
    {"schemaVersion": 1, "name": "chain-coupling", "horizonPeriods": 24, "annualDiscountRate": 0.1,
     "segments": [
      {"name": "shop", "customers": 2000, "retention": {"model": "recency", "purchaseProbability": [0.4, 0.2, 0.1]},
       "revenue": 40, "margin": 0.3, "serviceCost": 1, "revenueVariation": {"shape": 2}},
      {"name": "plain", "customers": 1500, "retention": {"model": "constant", "rate": 0.9}, "revenue": 12,
       "revenueVariation": {"shape": 3}}],
     "acquisition": [{"segment": "shop", "customersPerPeriod": 100, "fromPeriod": 1, "toPeriod": 24},
                     {"segment": "plain", "customersPerPeriod": 50, "fromPeriod": 1, "toPeriod": 24}],
     "strategies": [{"name": "win-back", "changes": [{"target": "segments.shop.retention.purchaseProbability.2", "add": 0.1}]},
                    {"name": "service", "changes": [{"target": "segments.plain.retention.rate", "add": 0.03}]}]}
    """

    @Test func chainsKeepCommonRandomNumbersWhenStrategiesAreCoupled() throws {
        let scenario = try #require(ScenarioReader.read(Self.text).scenario)
        var options = SimulationOptions(trials: 64, seed: 9, threads: 1)
        let crn = try Simulation(scenario: scenario).run(options)
        options.couplesStrategies = true
        let coupled = try Simulation(scenario: scenario).run(options)
        // The baseline is the same in both modes.
        #expect(try #require(crn.column(.customerEquity)) == (try #require(coupled.column(.customerEquity))))
        // The recency segment's strategy moves only the chain: the same numbers in both modes.
        let winBack = try #require(crn.column(.segmentIncrementalValue(strategy: 0, segment: 0)))
        #expect(winBack == (try #require(coupled.column(.segmentIncrementalValue(strategy: 0, segment: 0)))))
        #expect(winBack.reduce(0, +) > 0)
        // A strategy on the other segment changes none of the chain segment's value.
        for result in [crn, coupled] {
            let untouched = try #require(result.column(.segmentIncrementalValue(strategy: 1, segment: 0)))
            #expect(untouched.allSatisfy { $0 == 0 })
        }
    }
}
