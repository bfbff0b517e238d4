import Testing
@testable import CLVCore

/// CLV and strategies at extra discount rates (docs/results.md): at the scenario's own rate they
/// reproduce `clv`, `netValue` and `romi`; a higher rate lowers every positive value.
@Suite struct ExtraRateTests {
    @Test func theScenariosOwnRateReproducesClvAndStrategies() throws {
        let scenario = try StrategyTests.example()
        #expect(scenario.annualDiscountRate == .fixed(0.09))
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 128, seed: 4, threads: 2,
                                                                            extraDiscountRates: [0.09, 0.3]))
        func close(_ a: [Double], _ b: [Double], _ what: String) {
            for (x, y) in zip(a, b) where x.isFinite || y.isFinite {
                #expect(abs(x - y) <= 1e-9 * max(1, abs(y)), "\(what): \(x) vs \(y)")
            }
        }
        for s in scenario.segments.indices {
            let clv = try #require(result.column(.clv(segment: s)))
            close(try #require(result.column(.clvAtRate(segment: s, rate: 0))), clv, "clv")
            let higher = try #require(result.column(.clvAtRate(segment: s, rate: 1)))
            #expect(zip(higher, clv).allSatisfy { $0 < $1 })
        }
        for j in scenario.strategies.indices {
            close(try #require(result.column(.netValueAtRate(strategy: j, rate: 0))),
                  try #require(result.column(.netValue(strategy: j))), "net value")
            close(try #require(result.column(.romiAtRate(strategy: j, rate: 0))),
                  try #require(result.column(.romi(strategy: j))), "romi")
        }
        let summary = RunSummary(result)
        #expect(summary.discountRates.count == 2)
        #expect(summary.discountRates[1].clv.count == scenario.segments.count)
        #expect(summary.discountRates[1].netValue.count == scenario.strategies.count)
        #expect(result.layout.names.contains("strategies.loyalty-program.netValueAtRate.0.3"))
        #expect(result.layout.names.contains("segments.standard.clvAtRate.0.09"))
    }

    /// Segments with state chains (recency, billing cycles, migration) discount the same expected
    /// cash by tenure at every rate: at the scenario's own rate `clvAtRate` is `clv`.
    @Test func chainSegmentsReproduceClvAtTheirOwnRate() throws {
        let text = """
        {"schemaVersion": 1, "name": "chains", "horizonPeriods": 30, "annualDiscountRate": 0.1,
         "segments": [
          {"name": "shop", "customers": 500, "retention": {"model": "recency", "purchaseProbability": [0.4, 0.2, 0.1]},
           "revenue": 40, "margin": 0.3, "serviceCost": 1, "revenueGrowth": 0.05},
          {"name": "monthly", "customers": 800, "retention": {"model": "constant", "rate": 0.93}, "revenue": 10,
           "migration": [{"to": "annual", "probability": 0.05}]},
          {"name": "annual", "customers": 300, "billingPeriods": 12, "retention": {"model": "constant", "rate": 0.8},
           "revenue": 8, "serviceCost": 0.5}]}
        """
        let scenario = try #require(ScenarioReader.read(text).scenario)
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 16, seed: 2, threads: 1,
                                                                            extraDiscountRates: [0.1, 0.25]))
        for s in scenario.segments.indices {
            let clv = try #require(result.column(.clv(segment: s)))
            let atRate = try #require(result.column(.clvAtRate(segment: s, rate: 0)))
            for (x, y) in zip(atRate, clv) { #expect(abs(x - y) <= 1e-9 * max(1, abs(y)), "\(x) vs \(y)") }
            let higher = try #require(result.column(.clvAtRate(segment: s, rate: 1)))
            #expect(zip(higher, clv).allSatisfy { $0 < $1 })
        }
    }
}
