import Foundation
import Testing
@testable import CLVCore
import CLVRandom

/// docs/model.md, "How the simulation works, and why it is exact": simulated customer equity of N current customers.
@Suite struct CustomerEquityTests {
    /// Exact mean and sd of one current customer's discounted value with constant retention r,
    /// "start" timing, per-period rate d, horizon H: the customer is active in periods 1…L where
    /// P(L ≥ t) = r^t, and is worth Σ_{t ≤ L} v^(t−1).
    static func oneCustomer(r: Double, d: Double, horizon: Int) -> (mean: Double, sd: Double) {
        let v = 1 / (1 + d)
        var mean = 0.0, second = 0.0, value = 0.0
        for l in 0...horizon {
            if l > 0 { value += pow(v, Double(l - 1)) }
            // P(L = l): renew l times then churn; L = H when all H renewals succeed.
            let p = l < horizon ? pow(r, Double(l)) * (1 - r) : pow(r, Double(horizon))
            mean += p * value
            second += p * value * value
        }
        return (mean, (second - mean * mean).squareRoot())
    }

    static func scenario(customers: Int, rate: Distribution, horizon: Int = 24) -> Scenario {
        var scenario = ClosedFormTests.scenario(.constant(rate: rate), horizon: horizon, customers: customers)
        scenario.intervals = [0.9]
        return scenario
    }

    @Test(arguments: [100, 10_000, 1_000_000])
    func meanAndSpreadOfNCurrentCustomers(n: Int) throws {
        let r = 0.85, horizon = 24
        let one = Self.oneCustomer(r: r, d: 0.1, horizon: horizon)
        let result = try Simulation(scenario: Self.scenario(customers: n, rate: .fixed(r), horizon: horizon))
            .run(SimulationOptions(trials: 4000, seed: 11, threads: 2))
        let column = try #require(result.column(.customerEquity))
            let stat = try #require(Stat(column, levels: [0.9]))
        let exactMean = Double(n) * one.mean
        let exactSD = Double(n).squareRoot() * one.sd
        #expect(abs(stat.mean - exactMean) < 4 * stat.standardError, "mean \(stat.mean) vs exact \(exactMean)")
        // The sample sd of 4000 near-normal values has a relative standard error of about 1/√8000.
        #expect(abs(stat.sd / exactSD - 1) < 4 / 8000.0.squareRoot(), "sd \(stat.sd) vs exact \(exactSD)")
    }

    @Test func intervalShrinksAsOneOverRootNWithFixedParameters() throws {
        func relativeWidth(_ n: Int) throws -> Double {
            let result = try Simulation(scenario: Self.scenario(customers: n, rate: .fixed(0.85)))
                .run(SimulationOptions(trials: 4000, seed: 3, threads: 2))
            let column = try #require(result.column(.customerEquity))
            let stat = try #require(Stat(column, levels: [0.9]))
            return (stat.intervals[0].upper - stat.intervals[0].lower) / stat.mean
        }
        let ratio = try relativeWidth(10_000) / relativeWidth(1_000_000)
        // Expected √100 = 10; each width has a few percent of sampling error.
        #expect(abs(ratio - 10) < 1.0, "relative width ratio \(ratio)")
    }

    @Test func intervalDoesNotShrinkWithUncertainParameters() throws {
        func relativeWidth(_ n: Int) throws -> Double {
            let result = try Simulation(scenario: Self.scenario(customers: n, rate: .uniform(min: 0.8, max: 0.9)))
                .run(SimulationOptions(trials: 4000, seed: 3, threads: 2))
            let column = try #require(result.column(.customerEquity))
            let stat = try #require(Stat(column, levels: [0.9]))
            return (stat.intervals[0].upper - stat.intervals[0].lower) / stat.mean
        }
        let small = try relativeWidth(10_000), large = try relativeWidth(1_000_000)
        // Parameter uncertainty dominates: the relative width barely moves with 100× the customers.
        #expect(large / small > 0.9, "relative widths \(small) → \(large)")
        #expect(large > 0.05)
    }
}

@Suite struct ReproducibilityTests {
    static func scenario() -> Scenario {
        var a = Segment(name: "a", customers: 5000, renewals: 2,
                        retention: .sbg(alpha: .gamma(shape: 25, scale: 0.04), beta: .fixed(1.5)),
                        revenue: .uniform(min: 20, max: 30))
        a.revenueVariation = RevenueVariation(shape: 3)
        a.referrals = Referrals(coefficient: .uniform(min: 0.1, max: 0.4), cyclePeriods: 2, into: "b")
        var b = Segment(name: "b", customers: 1000, retention: .curve(rates: [0.6, 0.8, 0.9], scale: .uniform(min: 0.9, max: 1)),
                        revenue: .fixed(10))
        b.revenueGrowth = .fixed(0.05)
        var scenario = Scenario(name: "repro", horizonPeriods: 36, annualDiscountRate: .uniform(min: 0.05, max: 0.15),
                                segments: [a, b])
        scenario.acquisition = [
            AcquisitionPlan(segment: "a", fromPeriod: 1, toPeriod: 12,
                            volume: .budget(perPeriod: .fixed(10_000), cac: .uniform(min: 40, max: 60))),
            AcquisitionPlan(segment: "b", fromPeriod: 6, toPeriod: 18, volume: .customers(perPeriod: .fixed(150))),
        ]
        scenario.strategies = [
            Strategy(name: "loyalty", changes: [StrategyChange(target: "segments.a.retention.beta", operation: .multiply(.fixed(1.2)))],
                     cost: StrategyCost(upfront: .fixed(1000), perActiveCustomer: .fixed(0.1), appliesTo: ["a"])),
        ]
        return scenario
    }

    @Test func identicalForAnyThreadCount() throws {
        let simulation = try Simulation(scenario: Self.scenario())
        let base = SimulationOptions(trials: 300, seed: 42, threads: 1, extraDiscountRates: [0.08])
        let one = try simulation.run(base)
        for threads in [2, 5] {
            var options = base
            options.threads = threads
            let other = try simulation.run(options)
            #expect(one.metrics.rowMajorValues.elementsEqual(other.metrics.rowMajorValues) { $0.bitPattern == $1.bitPattern })
            #expect(one.inputs.isBitwiseEqual(to: other.inputs))
            #expect(one.series == other.series)
        }
    }

    @Test func trialsDoNotDependOnHowTheRunIsSplit() throws {
        let simulation = try Simulation(scenario: Self.scenario())
        let long = try simulation.run(SimulationOptions(trials: 200, seed: 5, threads: 2, extraDiscountRates: [0.08]))
        let short = try simulation.run(SimulationOptions(trials: 70, seed: 5, threads: 1, extraDiscountRates: [0.08]))
        let width = long.metrics.names.count
        #expect(Array(long.metrics.rowMajorValues[0..<(70 * width)]).elementsEqual(short.metrics.rowMajorValues) { $0.bitPattern == $1.bitPattern })
    }

    @Test func differentSeedGivesDifferentResults() throws {
        let simulation = try Simulation(scenario: Self.scenario())
        let a = try simulation.run(SimulationOptions(trials: 50, seed: 1))
        let b = try simulation.run(SimulationOptions(trials: 50, seed: 2))
        #expect(a.column(.customerEquity) != b.column(.customerEquity))
    }

    @Test func extraRateAtTheTrialsOwnRateMatchesCustomerEquity() throws {
        // With a fixed discount rate, the BLAS-discounted extra rate equal to it reproduces customer equity.
        var scenario = Self.scenario()
        scenario.annualDiscountRate = .fixed(0.1)
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 100, seed: 9, threads: 2, extraDiscountRates: [0.1, 0.2]))
        let ce = try #require(result.column(.customerEquity))
        let same = try #require(result.column(.customerEquityAtRate(rate: 0)))
        let higher = try #require(result.column(.customerEquityAtRate(rate: 1)))
        for i in ce.indices {
            #expect(abs(same[i] - ce[i]) <= 1e-9 * abs(ce[i]))
            #expect(higher[i] < ce[i])
        }
    }

    @Test func scenariosBuiltInCodeAreCheckedNotTrapped() {
        var scenario = Self.scenario()
        scenario.horizonPeriods = 0
        #expect(throws: SimulationError.self) { try Simulation(scenario: scenario) }
        scenario = Self.scenario()
        scenario.segments = []
        #expect(throws: SimulationError.self) { try Simulation(scenario: scenario) }
        scenario = Self.scenario()
        scenario.acquisition.append(AcquisitionPlan(segment: "nobody", fromPeriod: 1, toPeriod: 2,
                                                    volume: .customers(perPeriod: .fixed(1))))
        #expect(throws: SimulationError.self) { try Simulation(scenario: scenario) }
    }

    @Test func emptyStrategyHasExactlyZeroIncrementalValue() throws {
        var scenario = Self.scenario()
        scenario.strategies.append(Strategy(name: "nothing", changes: []))
        scenario.strategies.append(Strategy(name: "times-one", changes: [
            StrategyChange(target: "segments.b.revenue", operation: .multiply(.fixed(1))),
        ]))
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 200, seed: 4, threads: 2))
        for name in ["nothing", "times-one"] {
            let incremental = try #require(result.metrics.column("strategies.\(name).incrementalValue"))
            #expect(incremental.allSatisfy { $0 == 0 })
        }
        let romi = try #require(result.metrics.column("strategies.nothing.romi"))
        #expect(romi.allSatisfy { $0.isNaN })
    }
}
