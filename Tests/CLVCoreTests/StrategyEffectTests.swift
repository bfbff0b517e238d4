import Foundation
import Testing
@testable import CLVCore
import CLVRandom
import CLVTestSupport

/// Uncertain and time-bound strategy effects, the per-segment breakdown and the payback period
/// (docs/strategies.md "Effects that are uncertain or time-bound", "Where the value comes from",
/// "Payback").
@Suite struct StrategyEffectTests {
    static let horizon = 36
    static let v = ClosedFormTests.v

    /// The discounted value of N current customers of a fixed constant retention whose renewal
    /// at the start of period t succeeds with `rate(t)`: N · Σ_{t=1}^{H} S_t v^(t−1), with
    /// S_t = Π_{u ≤ t} rate(u) ("start" timing, revenue and margin 1).
    static func currentValue(customers n: Int, horizon: Int = horizon, rate: (Int) -> Double) -> Double {
        var survival = 1.0, total = 0.0
        for t in 1...horizon {
            survival *= rate(t)
            total += survival * pow(v, Double(t - 1))
        }
        return Double(n) * total
    }

    static func column(_ result: SimulationResult, _ name: String) throws -> [Double] {
        try #require(result.metrics.column(name), "no column \(name)")
    }

    /// An uncertain lift `add: uniform(a, b)` on a fixed constant retention r: the mean incremental
    /// value is N · (1/(b − a)) ∫_a^b (V(r + x) − V(r)) dx, integrated here by 20-point
    /// Gauss–Legendre quadrature on 8 panels.
    @Test func uncertainLiftMatchesTheClosedFormIntegratedOverTheLift() throws {
        let n = 5000, r = 0.8, a = 0.0, b = 0.1
        var scenario = ClosedFormTests.scenario(.constant(rate: .fixed(r)), horizon: Self.horizon, customers: n)
        scenario.strategies = [Strategy(name: "lift", changes: [
            StrategyChange(target: "segments.s.retention.rate", operation: .add(.uniform(min: a, max: b))),
        ])]
        let base = Self.currentValue(customers: n) { _ in r }
        let exact = Quadrature.gaussLegendre(from: a, to: b, panels: 8) { x in
            Self.currentValue(customers: n) { _ in r + x } - base
        } / (b - a)
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 4000, seed: 11, threads: 2))
        let stat = try #require(Stat(try Self.column(result, "strategies.lift.incrementalValue"), levels: [0.9]))
        #expect(abs(stat.mean - exact) < 4 * stat.standardError, "\(stat.mean) vs \(exact) ± \(stat.standardError)")
        // The lift is an input of the run: drawn per trial, in the inputs table and in sensitivity.
        let lift = try #require(result.inputs.names.firstIndex(of: "strategies.lift.changes.0.add"))
        let drawn = result.inputs.column(at: lift)
        #expect(drawn.allSatisfy { $0 >= a && $0 <= b })
        let sensitivity = try #require(Sensitivity(result, metric: .incrementalValue(strategy: 0)))
        #expect(sensitivity.inputs.first?.path == "strategies.lift.changes.0.add")
        // Customer equity does not depend on a strategy's amounts; they are left out of its analysis.
        // Here the lift is the only uncertain input, so customer equity has no analysis at all.
        #expect(Sensitivity(result, metric: .customerEquity)?.inputs == nil)
    }

    /// A change to renewals in periods a…b only, and a recurring cost paid in that window only.
    @Test func windowedChangeAndCostMatchTheirClosedForms() throws {
        let n = 20_000, r = 0.85, lift = 0.06, from = 4, to = 9, perPeriod = 1000.0, perActive = 0.5
        var scenario = ClosedFormTests.scenario(.constant(rate: .fixed(r)), horizon: Self.horizon, customers: n)
        scenario.strategies = [Strategy(
            name: "campaign",
            changes: [StrategyChange(target: "segments.s.retention.rate", operation: .add(.fixed(lift)),
                                     window: PeriodWindow(fromPeriod: from, toPeriod: to))],
            cost: StrategyCost(perPeriod: .fixed(perPeriod), perActiveCustomer: .fixed(perActive),
                               window: PeriodWindow(fromPeriod: from, toPeriod: to)))]
        let window = from...to
        let rate: (Int) -> Double = { window.contains($0) ? r + lift : r }
        let exact = Self.currentValue(customers: n, rate: rate) - Self.currentValue(customers: n) { _ in r }
        // Expected cost: the per-period amount and the active customers of the window's periods.
        var expectedCost = 0.0, survival = 1.0
        for t in 1...Self.horizon {
            survival *= rate(t)
            if window.contains(t) { expectedCost += pow(Self.v, Double(t - 1)) * (perPeriod + perActive * Double(n) * survival) }
        }
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 3000, seed: 12, threads: 2, extraDiscountRates: [0.1]))
        let incremental = try #require(Stat(try Self.column(result, "strategies.campaign.incrementalValue"), levels: [0.9]))
        #expect(abs(incremental.mean - exact) < 4 * incremental.standardError, "\(incremental.mean) vs \(exact) ± \(incremental.standardError)")
        let cost = try #require(Stat(try Self.column(result, "strategies.campaign.cost"), levels: [0.9]))
        #expect(abs(cost.mean - expectedCost) < 4 * cost.standardError + 1e-9 * expectedCost, "\(cost.mean) vs \(expectedCost)")
        // Costs outside the window are zero: at an extra rate equal to the scenario's, the net
        // value (from per-period flows) equals the net value, so no cost leaks outside the window.
        let net = try Self.column(result, "strategies.campaign.netValue")
        let netAtRate = try Self.column(result, "strategies.campaign.netValueAtRate.0.1")
        for i in 0..<100 { #expect(abs(net[i] - netAtRate[i]) <= 1e-9 * max(1, abs(net[i]))) }
        // Without the window the same lift is worth more.
        let always = Self.currentValue(customers: n) { _ in r + lift } - Self.currentValue(customers: n) { _ in r }
        #expect(exact < always)
    }

    /// A change of a plan's customers in a window: only the plan's periods inside it buy more.
    @Test func windowedAcquisitionChangeMatchesItsClosedForm() throws {
        let r = 0.7, base = 100.0, extra = 50.0
        var scenario = ClosedFormTests.scenario(.constant(rate: .fixed(r)), horizon: 24, customers: 0)
        scenario.acquisition = [AcquisitionPlan(segment: "s", fromPeriod: 1, toPeriod: 12, volume: .customers(perPeriod: .fixed(base)))]
        scenario.strategies = [Strategy(name: "push", changes: [
            StrategyChange(target: "acquisition.0.customersPerPeriod", operation: .add(.fixed(extra)),
                           window: PeriodWindow(fromPeriod: 10, toPeriod: 20)),
        ])]
        // A new customer acquired in t0 is worth Σ_{k=0}^{H−t0} r^k v^(t0−1+k).
        func newValue(_ t0: Int) -> Double {
            (0...(24 - t0)).reduce(0) { $0 + pow(r, Double($1)) * pow(Self.v, Double(t0 - 1 + $1)) }
        }
        let exact = (10...12).reduce(0) { $0 + extra * newValue($1) }
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 3000, seed: 13, threads: 2))
        let stat = try #require(Stat(try Self.column(result, "strategies.push.incrementalValue"), levels: [0.9]))
        #expect(abs(stat.mean - exact) < 4 * stat.standardError, "\(stat.mean) vs \(exact) ± \(stat.standardError)")
    }

    /// A change of the viral coefficient in a window: only customers acquired in the window's
    /// periods bring more referrals. Plan customers arrive in periods 5…8 and refer `cycle` = 10
    /// periods later, so the referred customers (periods 15…18) would refer beyond the horizon:
    /// the expected extra value is Σ_{t in window} ΔK · N · V(t + 10), V(t0) the value of a new
    /// customer acquired in t0.
    @Test func windowedReferralChangeMatchesItsClosedForm() throws {
        let r = 0.8, n = 400.0, k = 0.3, lift = 0.5, horizon = 24
        var segment = Segment(name: "s", customers: 0, retention: .constant(rate: .fixed(r)), revenue: .fixed(1))
        segment.referrals = Referrals(coefficient: .fixed(k), cyclePeriods: 10)
        var scenario = Scenario(name: "referral-window", horizonPeriods: horizon, annualDiscountRate: .fixed(0.1), segments: [segment])
        scenario.periodsPerYear = 1
        scenario.acquisition = [AcquisitionPlan(segment: "s", fromPeriod: 5, toPeriod: 8, volume: .customers(perPeriod: .fixed(n)))]
        scenario.strategies = [Strategy(name: "bonus", changes: [
            StrategyChange(target: "segments.s.referrals.coefficient", operation: .add(.fixed(lift)),
                           window: PeriodWindow(fromPeriod: 6, toPeriod: 7)),
        ])]
        func newValue(_ t0: Int) -> Double {
            (0...(horizon - t0)).reduce(0) { $0 + pow(r, Double($1)) * pow(Self.v, Double(t0 - 1 + $1)) }
        }
        let exact = (6...7).reduce(0) { $0 + lift * n * newValue($1 + 10) }
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 3000, seed: 18, threads: 2))
        let stat = try #require(Stat(try Self.column(result, "strategies.bonus.incrementalValue"), levels: [0.9]))
        #expect(abs(stat.mean - exact) < 4 * stat.standardError, "\(stat.mean) vs \(exact) ± \(stat.standardError)")
        // The baseline's referral value is that of K = 0.3 for all four periods.
        let base = try #require(Stat(try Self.column(result, "referralValue"), levels: [0.9]))
        let baseExact = (5...8).reduce(0) { $0 + k * n * newValue($1 + 10) }
        #expect(abs(base.mean - baseExact) < 4 * base.standardError, "\(base.mean) vs \(baseExact)")
    }

    /// `set` takes the new distribution at the trial's quantile of the target: setting an input
    /// to its own distribution changes nothing, in any trial.
    @Test func setToTheOwnDistributionChangesNothing() throws {
        let rate = Distribution.uniform(min: 0.7, max: 0.9)
        var scenario = ClosedFormTests.scenario(.constant(rate: rate), horizon: 24, customers: 1000)
        scenario.strategies = [Strategy(name: "same", changes: [
            StrategyChange(target: "segments.s.retention.rate", operation: .set(rate)),
        ])]
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 500, seed: 14, threads: 2))
        let incremental = try Self.column(result, "strategies.same.incrementalValue")
        #expect(incremental.allSatisfy { $0 == 0 })
    }

    /// The per-segment parts add up to the incremental value in every trial.
    @Test func bySegmentSumsToIncrementalValue() throws {
        let url = RepositoryFiles.root().appendingPathComponent("scenarios/multichannel-growth.json")
        let reading = ScenarioReader.read(Array(try Data(contentsOf: url)))
        let scenario = try #require(reading.scenario, "\(reading.errors)")
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 400, seed: 15, threads: 2))
        for strategy in scenario.strategies {
            let total = try Self.column(result, "strategies.\(strategy.name).incrementalValue")
            let parts = try scenario.segments.map {
                try Self.column(result, "strategies.\(strategy.name).bySegment.\($0.name).incrementalValue")
            }
            var nonZero = 0
            for i in 0..<total.count {
                let sum = parts.reduce(0) { $0 + $1[i] }
                let scale = max(1, parts.reduce(0) { $0 + abs($1[i]) })
                #expect(abs(sum - total[i]) <= 1e-9 * scale, "\(strategy.name) trial \(i): \(sum) vs \(total[i])")
                if total[i] != 0 { nonZero += 1 }
            }
            #expect(nonZero > 0)
        }
        let summary = RunSummary(result)
        #expect(summary.strategies.allSatisfy { $0.bySegment.count == scenario.segments.count })
    }

    /// Deterministic cash flows: every customer stays (retention 1), the strategy adds x to the
    /// revenue of N customers at an upfront cost C, so the cumulative discounted net cash flow is
    /// N·x·Σ_{u ≤ t} v^(u−1) − C, and the payback period is the first t where it is ≥ 0.
    @Test(arguments: [(0.5, 20_000.0), (2.0, 1000.0), (0.01, 1_000_000.0)])
    func paybackPeriodIsExactForDeterministicCashFlows(x: Double, upfront: Double) throws {
        let n = 1000, horizon = 24
        var scenario = ClosedFormTests.scenario(.constant(rate: .fixed(1)), horizon: horizon, customers: n)
        scenario.strategies = [Strategy(name: "price", changes: [
            StrategyChange(target: "segments.s.revenue", operation: .add(.fixed(x))),
        ], cost: StrategyCost(upfront: .fixed(upfront)))]
        var cumulative = -upfront
        var exact: Int?
        for t in 1...horizon {
            cumulative += Double(n) * x * pow(Self.v, Double(t - 1))
            if cumulative >= 0 { exact = t; break }
        }
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 20, seed: 16, threads: 2))
        let payback = try Self.column(result, "strategies.price.paybackPeriod")
        let summary = RunSummary(result).strategies[0]
        if let exact {
            #expect(payback.allSatisfy { $0 == Double(exact) }, "\(payback.prefix(3)) vs \(exact)")
            #expect(summary.shareWithoutPayback == 0)
            #expect(summary.paybackPeriod?.mean == Double(exact))
        } else {
            #expect(payback.allSatisfy { $0.isNaN })
            #expect(summary.shareWithoutPayback == 1)
            #expect(summary.paybackPeriod == nil)
        }
    }

    /// A strategy that is negative early and positive late pays back when it turns and stays
    /// non-negative; the helper sees through a temporary recovery.
    @Test func paybackIsWhenTheCumulativeFlowTurnsAndStaysNonNegative() {
        let discount = [Double](repeating: 1, count: 6)
        let cost = [Double](repeating: 0, count: 6)
        #expect(StrategyEvaluator.paybackPeriod(incremental: [-1, 2, -3, 1, 1, 1], cost: cost, discount: discount) == 5)
        #expect(StrategyEvaluator.paybackPeriod(incremental: [1, 1, 1, 1, 1, 1], cost: cost, discount: discount) == 1)
        #expect(StrategyEvaluator.paybackPeriod(incremental: [1, 1, 1, 1, 1, -6], cost: cost, discount: discount).isNaN)
    }

    /// Reordering strategies (whose amounts and costs are uncertain) changes no number.
    @Test func reorderingStrategiesChangesNoNumber() throws {
        var scenario = ClosedFormTests.scenario(.constant(rate: .uniform(min: 0.8, max: 0.9)), horizon: 24, customers: 2000)
        let a = Strategy(name: "a", changes: [
            StrategyChange(target: "segments.s.retention.rate", operation: .add(.uniform(min: 0, max: 0.05)),
                           window: PeriodWindow(fromPeriod: 2, toPeriod: 8)),
        ], cost: StrategyCost(upfront: .uniform(min: 100, max: 200), perActiveCustomer: .fixed(0.1)))
        let b = Strategy(name: "b", changes: [
            StrategyChange(target: "segments.s.revenue", operation: .multiply(.triangular(min: 1, mode: 1.05, max: 1.1))),
            StrategyChange(target: "segments.s.retention.rate", operation: .set(.uniform(min: 0.85, max: 0.92))),
        ], cost: StrategyCost(perPeriod: .uniform(min: 10, max: 30)))
        scenario.strategies = [a, b]
        let first = try Simulation(scenario: scenario).run(SimulationOptions(trials: 300, seed: 17, threads: 2))
        scenario.strategies = [b, a]
        let second = try Simulation(scenario: scenario).run(SimulationOptions(trials: 300, seed: 17, threads: 1))
        for name in first.metrics.names {
            let x = try Self.column(first, name), y = try Self.column(second, name)
            #expect(zip(x, y).allSatisfy { $0.bitPattern == $1.bitPattern }, "\(name)")
        }
        #expect(Set(first.inputs.names) == Set(second.inputs.names))
    }
}

/// Gauss–Legendre quadrature for the tests' closed forms.
enum Quadrature {
    /// ∫_a^b f(x) dx by the 20-point Gauss–Legendre rule on `panels` equal panels (exact for
    /// polynomials of degree ≤ 39 on each panel). Nodes by Newton's method on P_20.
    static func gaussLegendre(from a: Double, to b: Double, panels: Int, _ f: (Double) -> Double) -> Double {
        let (nodes, weights) = legendre(20)
        let width = (b - a) / Double(panels)
        var total = 0.0
        for p in 0..<panels {
            let lo = a + Double(p) * width, mid = lo + width / 2
            for (x, w) in zip(nodes, weights) { total += w * width / 2 * f(mid + width / 2 * x) }
        }
        return total
    }

    static func legendre(_ n: Int) -> ([Double], [Double]) {
        var nodes: [Double] = [], weights: [Double] = []
        for i in 1...n {
            var x = cos(Double.pi * (Double(i) - 0.25) / (Double(n) + 0.5))
            var derivative = 0.0
            for _ in 0..<100 {
                var p0 = 1.0, p1 = x
                for k in 2...n {
                    let p2 = ((2 * Double(k) - 1) * x * p1 - (Double(k) - 1) * p0) / Double(k)
                    p0 = p1; p1 = p2
                }
                derivative = Double(n) * (x * p1 - p0) / (x * x - 1)
                let step = p1 / derivative
                x -= step
                if abs(step) < 1e-15 { break }
            }
            nodes.append(x)
            weights.append(2 / ((1 - x * x) * derivative * derivative))
        }
        return (nodes, weights)
    }
}

/// The churn and lifetime a retention change implies, against their closed forms.
@Suite struct ImpliedRetentionChangeTests {
    @Test func sbgBetaRiseImpliesLowerChurnAndLongerLifetime() throws {
        let horizon = 24
        var scenario = ClosedFormTests.scenario(.sbg(alpha: .fixed(1), beta: .fixed(3)), horizon: horizon, customers: 100)
        scenario.strategies = [Strategy(name: "loyal", changes: [
            StrategyChange(target: "segments.s.retention.beta", operation: .multiply(.fixed(1.5))),
        ])]
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 10, seed: 1))
        let implied = try #require(RunSummary(result).strategies[0].impliedRetention.first)
        // α = 1: S_k = β/(β+k), so the lifetime is Σ_{k<H} β/(β+k).
        func lifetime(_ beta: Double) -> Double { (0..<horizon).reduce(0) { $0 + beta / (beta + Double($1)) } }
        #expect(abs(implied.meanChurnBaseline - 0.25) < 1e-15)
        #expect(abs(implied.meanChurnStrategy - 1 / 5.5) < 1e-15)
        #expect(abs(implied.expectedLifetimeBaseline - lifetime(3)) < 1e-12)
        #expect(abs(implied.expectedLifetimeStrategy - lifetime(4.5)) < 1e-12)
    }
}

/// Reading uncertain and time-bound effects from a scenario file.
@Suite struct StrategyEffectReadingTests {
    @Test func amountsAreInputsThatCorrelationsMayName() throws {
        let text = """
        {"schemaVersion": 1, "name": "x", "horizonPeriods": 12, "annualDiscountRate": 0.1,
         "segments": [{"name": "a", "customers": 10, "retention": {"model": "constant", "rate": {"dist": "uniform", "min": 0.8, "max": 0.9}}, "revenue": 1}],
         "correlations": [{"between": ["segments.a.retention.rate", "strategies.lift.changes.0.add"], "rank": -0.4}],
         "strategies": [{"name": "lift", "changes": [{"target": "segments.a.retention.rate", "add": {"dist": "pert", "min": 0, "mode": 0.02, "max": 0.05},
                                                        "fromPeriod": 3, "toPeriod": 6}],
                         "cost": {"perPeriod": 10, "fromPeriod": 3, "toPeriod": 6}}]}
        """
        let reading = ScenarioReader.read(Array(text.utf8))
        let scenario = try #require(reading.scenario, "\(reading.errors)")
        let change = scenario.strategies[0].changes[0]
        #expect(change.window == PeriodWindow(fromPeriod: 3, toPeriod: 6))
        #expect(change.operation == .add(.pert(min: 0, mode: 0.02, max: 0.05)))
        #expect(scenario.strategies[0].cost.window == PeriodWindow(fromPeriod: 3, toPeriod: 6))
        #expect(scenario.inputs.last?.path == "strategies.lift.changes.0.add")
        #expect(scenario.correlations.count == 1)
        // Negatively correlated with the retention rate: the lift is smaller where retention is high.
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 2000, seed: 3, threads: 2))
        let rate = result.inputs.column(at: try #require(result.inputs.names.firstIndex(of: "segments.a.retention.rate")))
        let lift = result.inputs.column(at: try #require(result.inputs.names.firstIndex(of: "strategies.lift.changes.0.add")))
        #expect(Sensitivity.pearson(Sensitivity.ranks(rate), Sensitivity.ranks(lift)) < -0.3)
    }

    @Test func oneSidedWindowsDefaultToTheHorizon() throws {
        let text = """
        {"schemaVersion": 1, "name": "x", "horizonPeriods": 12, "annualDiscountRate": 0.1,
         "segments": [{"name": "a", "customers": 10, "retention": {"model": "constant", "rate": 0.8}, "revenue": 1}],
         "strategies": [{"name": "late", "changes": [{"target": "segments.a.revenue", "multiply": 1.1, "fromPeriod": 7}]},
                        {"name": "early", "changes": [{"target": "segments.a.revenue", "multiply": 1.1, "toPeriod": 4}]}]}
        """
        let reading = ScenarioReader.read(Array(text.utf8))
        let scenario = try #require(reading.scenario, "\(reading.errors)")
        #expect(scenario.strategies[0].changes[0].window == PeriodWindow(fromPeriod: 7, toPeriod: 12))
        #expect(scenario.strategies[1].changes[0].window == PeriodWindow(fromPeriod: 1, toPeriod: 4))
    }
}

/// A strategy's world with windowed and uncertain changes against the customer-by-customer
/// reference simulator, which applies the changes period by period itself.
@Suite struct StrategyWorldReferenceTests {
    @Test func windowedStrategyWorldAgreesWithTheReferenceSimulator() throws {
        var segment = Segment(name: "s", customers: 200, renewals: 1, retention: .constant(rate: .uniform(min: 0.8, max: 0.9)),
                              revenue: .normal(mean: 10, sd: 1, min: 0, max: nil))
        segment.revenueVariation = RevenueVariation(shape: 3)
        segment.referrals = Referrals(coefficient: .fixed(0.3), cyclePeriods: 2)
        var scenario = Scenario(name: "world", horizonPeriods: 12, annualDiscountRate: .fixed(0.1), segments: [segment])
        scenario.acquisition = [AcquisitionPlan(segment: "s", fromPeriod: 1, toPeriod: 8, volume: .customers(perPeriod: .fixed(30)))]
        let campaign = Strategy(name: "campaign", changes: [
            StrategyChange(target: "segments.s.retention.rate", operation: .add(.uniform(min: 0.02, max: 0.06)),
                           window: PeriodWindow(fromPeriod: 3, toPeriod: 8)),
            StrategyChange(target: "segments.s.revenue", operation: .multiply(.fixed(1.2)), window: PeriodWindow(fromPeriod: 5, toPeriod: 10)),
            StrategyChange(target: "acquisition.0.customersPerPeriod", operation: .add(.uniform(min: 10, max: 30)),
                           window: PeriodWindow(fromPeriod: 2, toPeriod: 4)),
            StrategyChange(target: "segments.s.referrals.coefficient", operation: .add(.fixed(0.4)), window: PeriodWindow(fromPeriod: 1, toPeriod: 6)),
            StrategyChange(target: "segments.s.margin", operation: .multiply(.fixed(0.9))),
        ])
        scenario.strategies = [campaign]
        let kernelTrials = 4000, referenceTrials = 1500
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: kernelTrials, seed: 21, threads: 2))
        let base = try #require(result.column(.customerEquity))
        let incremental = try #require(result.column(.incrementalValue(strategy: 0)))
        let worlds: [(String, [Double], Strategy?)] = [("baseline", base, nil), ("campaign", zip(base, incremental).map { $0 + $1 }, campaign)]
        for (name, kernel, world) in worlds {
            let reference = ReferenceSimulator(scenario: scenario, seed: 23, world: world)
            let slow = (0..<referenceTrials).map { reference.simulate(trial: $0).customerEquity }
            try SampleAgreement.expectAgreement(kernel: kernel, reference: slow, name)
        }
        // The campaign is worth something: its world differs from the baseline.
        #expect(incremental.contains { $0 != 0 })
    }
}
