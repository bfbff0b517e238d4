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
}
