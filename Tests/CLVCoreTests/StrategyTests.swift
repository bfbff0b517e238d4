import Foundation
import Testing
@testable import CLVCore
import CLVRandom
import CLVTestSupport

/// Strategies under common random numbers (docs/strategies.md).
@Suite struct StrategyTests {
    /// Raising a fixed constant retention r to r′ for N current customers: the mean incremental
    /// value equals N·(V(r′) − V(r)), V the finite-horizon residual value of one customer.
    @Test(arguments: [(0.85, 0.9), (0.6, 0.65)])
    func retentionRaiseMatchesClosedFormDifference(r: Double, raised: Double) throws {
        let n = 20_000, horizon = 36
        var scenario = ClosedFormTests.scenario(.constant(rate: .fixed(r)), horizon: horizon, customers: n)
        scenario.strategies = [Strategy(name: "raise", changes: [
            StrategyChange(target: "segments.s.retention.rate", operation: .add(.fixed(raised - r))),
        ])]
        // V(r) = Σ_{t=1}^{H} r^t v^(t−1) for "start" timing.
        func value(_ rate: Double) -> Double {
            (1...horizon).reduce(0) { $0 + pow(rate, Double($1)) * pow(ClosedFormTests.v, Double($1 - 1)) }
        }
        let exact = Double(n) * (value(raised) - value(r))
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 4000, seed: 31, threads: 2))
        let column = try #require(result.metrics.column("strategies.raise.incrementalValue"))
        let stat = try #require(Stat(column, levels: [0.9]))
        #expect(abs(stat.mean - exact) < 4 * stat.standardError, "\(stat.mean) vs \(exact) ± \(stat.standardError)")
        #expect(stat.standardError > 0)
    }

    static func example() throws -> Scenario {
        let url = RepositoryFiles.root().appendingPathComponent("scenarios/retention-strategies.json")
        let reading = ScenarioReader.read(Array(try Data(contentsOf: url)))
        return try #require(reading.scenario, "\(reading.errors)")
    }

    /// The standard error of a strategy's incremental value under common random numbers against
    /// that of the difference between two independently seeded runs.
    @Test func commonRandomNumbersShrinkTheStandardErrorFivefold() throws {
        let scenario = try Self.example()
        let simulation = try Simulation(scenario: scenario)
        let trials = 3000
        let paired = try simulation.run(SimulationOptions(trials: trials, seed: 1, threads: 2))
        let independent = try simulation.run(SimulationOptions(trials: trials, seed: 2, threads: 2))
        for strategy in scenario.strategies {
            let name = "strategies.\(strategy.name).incrementalValue"
            let incremental = try #require(paired.metrics.column(name))
            let crn = try #require(Stat(incremental, levels: [0.9]))
            // Independent: customer equity with the strategy from the seed-2 run, baseline from seed 1.
            let base1 = try #require(paired.column(.customerEquity))
            let base2 = try #require(independent.column(.customerEquity))
            let inc2 = try #require(independent.metrics.column(name))
            let differences = (0..<trials).map { base2[$0] + inc2[$0] - base1[$0] }
            let separate = try #require(Stat(differences, levels: [0.9]))
            #expect(separate.standardError >= 5 * crn.standardError,
                    "\(strategy.name): SE paired \(crn.standardError), independent \(separate.standardError)")
            // Both estimate the same mean.
            let tolerance = 4 * (crn.standardError * crn.standardError + separate.standardError * separate.standardError).squareRoot()
            #expect(abs(crn.mean - separate.mean) < tolerance)
        }
    }

    @Test func summaryProbabilitiesAreConsistent() throws {
        let scenario = try Self.example()
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 2000, seed: 5, threads: 2))
        let summary = RunSummary(result)
        #expect(summary.strategies.count == 2)
        let totalBest = summary.strategies.map(\.probabilityBest).reduce(0, +)
        #expect(totalBest <= 1 + 1e-12)
        for s in summary.strategies {
            let net = try #require(result.metrics.column("strategies.\(s.name).netValue"))
            let positive = Double(net.filter { $0 > 0 }.count) / Double(net.count)
            #expect(s.probabilityNetPositive == positive)
            #expect(s.probabilityNetPositiveInterval.lower <= positive && positive <= s.probabilityNetPositiveInterval.upper)
            // ROMI = net / cost in every trial where the cost is not zero.
            let romi = try #require(result.metrics.column("strategies.\(s.name).romi"))
            let cost = try #require(result.metrics.column("strategies.\(s.name).cost"))
            for i in 0..<50 where cost[i] != 0 { #expect(abs(romi[i] - net[i] / cost[i]) <= 1e-12 * abs(romi[i]) + 1e-15) }
        }
    }

    @Test func strategyCostIsDiscountedLikeCashFlows() throws {
        // Upfront 100 in period 1 and 10 per period over 12 periods with "start" timing at d = 0.1.
        var scenario = ClosedFormTests.scenario(.constant(rate: .fixed(0.9)), horizon: 12, customers: 10)
        scenario.strategies = [Strategy(name: "costly", changes: [],
                                        cost: StrategyCost(upfront: .fixed(100), perPeriod: .fixed(10)))]
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 3, seed: 1))
        let cost = try #require(result.metrics.column("strategies.costly.cost"))
        let exact = 100 + 10 * (0..<12).reduce(0) { $0 + pow(ClosedFormTests.v, Double($1)) }
        #expect(cost.allSatisfy { abs($0 - exact) < 1e-9 })
        let romi = try #require(result.metrics.column("strategies.costly.romi"))
        #expect(romi.allSatisfy { abs($0 + 1) < 1e-12 })  // nothing gained: ROMI = −1
    }

    @Test func perActiveCustomerCostCountsOnlyItsSegments() throws {
        var scenario = ReproducibilityTests.scenario()
        scenario.strategies = [
            Strategy(name: "all", changes: [], cost: StrategyCost(perActiveCustomer: .fixed(1))),
            Strategy(name: "only-b", changes: [], cost: StrategyCost(perActiveCustomer: .fixed(1), appliesTo: ["b"])),
        ]
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 20, seed: 1))
        let all = try #require(result.metrics.column("strategies.all.cost"))
        let onlyB = try #require(result.metrics.column("strategies.only-b.cost"))
        for i in all.indices { #expect(onlyB[i] > 0 && onlyB[i] < all[i]) }
    }
}

/// Whole-file comparison under common random numbers.
@Suite struct ScenarioComparisonTests {
    @Test func identicalFilesDifferByExactlyZero() throws {
        let scenario = ReproducibilityTests.scenario()
        let simulation = try Simulation(scenario: scenario)
        let a = try simulation.run(SimulationOptions(trials: 100, seed: 3, threads: 2))
        let comparison = ScenarioComparison(base: a, alternative: try simulation.run(SimulationOptions(trials: 100, seed: 3, threads: 1)))
        for difference in comparison.differences { #expect(difference.stat?.mean == 0 && difference.stat?.sd == 0) }
        #expect(comparison.probabilityBetter == 0.5)
    }

    @Test func addingAnInputKeepsTheOtherDrawsInStep() throws {
        // The alternative has one more uncertain input; every input the two share is drawn the same.
        let base = ReproducibilityTests.scenario()
        var alternative = base
        alternative.segments[1].serviceCost = .uniform(min: 0, max: 1)
        let a = try Simulation(scenario: base).run(SimulationOptions(trials: 50, seed: 4))
        let b = try Simulation(scenario: alternative).run(SimulationOptions(trials: 50, seed: 4))
        for name in a.inputs.names { #expect(a.inputs.column(name) == b.inputs.column(name), "\(name)") }
    }

    @Test func pairingProblemsNameWhatDiffers() {
        let base = ReproducibilityTests.scenario()
        var other = base
        other.horizonPeriods += 1
        other.periodsPerYear = 4
        other.segments.reverse()
        let problems = ScenarioComparison.pairingProblems(base: base, alternative: other)
        #expect(problems.count == 3)
        #expect(problems.contains { $0.contains("segments differ") })
        #expect(problems.contains { $0.contains("horizonPeriods") })
        #expect(problems.contains { $0.contains("periodsPerYear") })
        #expect(ScenarioComparison.pairingProblems(base: base, alternative: base).isEmpty)
    }
}
