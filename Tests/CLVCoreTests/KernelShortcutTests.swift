import Foundation
import Testing
@testable import CLVCore
import CLVRandom

/// The kernel's exact shortcuts against plain binomial thinning of every cohort at every step
/// (docs/model.md "How the simulation works, and why it is exact"): pooled cohorts against
/// unpooled ones, and lifetimes drawn customer by customer against binomial thinning. Each pair
/// runs with different seeds (independent samples) and must agree in the mean and the 5th, 50th
/// and 95th percentiles of every value and of the active customers, within Monte Carlo tolerance.
@Suite struct KernelShortcutTests {
    static let trials = 6000

    /// Per trial: customer equity, the current, plan and referral values, the discounted active
    /// customer-periods and the active customers of a middle and of the last period.
    static func outcomes(_ scenario: Scenario, seed: UInt64, pools: Bool, byCustomer: Bool) throws -> [[Double]] {
        let model = try SimulationModel(scenario: scenario)
        var inputs = InputSampler(model: model, seed: seed, hypercube: nil)
        var simulator = TrialSimulator(model: model, seed: seed)
        simulator.poolsCohorts = pools
        simulator.drawsSmallCohortsByCustomer = byCustomer
        var columns = [[Double]](repeating: [], count: 7)
        let horizon = scenario.horizonPeriods
        for start in stride(from: 0, to: trials, by: Simulation.blockSize) {
            let range = start..<min(trials, start + Simulation.blockSize)
            inputs.draw(range, blockStart: start)
            for trial in range {
                let parameters = TrialParameters(layout: model.layout, values: Array(inputs.inputs(of: trial, blockStart: start)))
                let h = simulator.simulate(trial: trial, parameters: parameters)
                let row = [h.customerEquity, h.value(.current), h.value(.plan), h.value(.referral),
                           h.discountedActive.reduce(0, +), h.activeCustomers[horizon / 2], h.activeCustomers[horizon - 1]]
                for (c, v) in row.enumerated() { columns[c].append(v) }
            }
        }
        return columns
    }

    static func expectSameDistribution(_ scenario: Scenario, shortcut: (pools: Bool, byCustomer: Bool)) throws {
        let fast = try outcomes(scenario, seed: 5, pools: shortcut.pools, byCustomer: shortcut.byCustomer)
        let plain = try outcomes(scenario, seed: 6, pools: false, byCustomer: false)
        let names = ["customerEquity", "current", "plan", "referral", "discountedActive", "activeMiddle", "activeLast"]
        for (c, name) in names.enumerated() {
            let a = try #require(Stat(fast[c], levels: [0.9])), b = try #require(Stat(plain[c], levels: [0.9]))
            let tolerance = 4 * (a.standardError * a.standardError + b.standardError * b.standardError).squareRoot()
            #expect(abs(a.mean - b.mean) <= tolerance + 1e-9 * abs(b.mean),
                    "\(scenario.name) \(name): mean \(a.mean) vs plain \(b.mean) ± \(tolerance)")
            let sorted = plain[c].sorted()
            let n = Double(trials)
            for p in [0.05, 0.5, 0.95] {
                let q = Stat.quantile(fast[c].sorted(), p)
                let below = Double(sorted.filter { $0 < q }.count), equal = Double(sorted.filter { $0 == q }.count)
                if equal / n > 0.5 { continue }  // a point mass (no referrals at all)
                let share = (below + equal / 2) / n
                let se = (p * (1 - p) * 2 / n).squareRoot()
                #expect(abs(share - p) <= 4 * se + equal / (2 * n), "\(scenario.name) \(name): p\(Int(p * 100)) share \(share)")
            }
        }
    }

    static func base(_ name: String, _ segments: [Segment], horizon: Int) -> Scenario {
        var scenario = Scenario(name: name, horizonPeriods: horizon, annualDiscountRate: .fixed(0.1), segments: segments)
        scenario.periodsPerYear = 12
        return scenario
    }

    /// Constant retention without growth pools from acquisition on; `curve` retention past its
    /// last rate, with referrals into the same segment, from its last rate on.
    static func poolingScenario() -> Scenario {
        var constant = Segment(name: "constant", customers: 100, retention: .constant(rate: .fixed(0.9)), revenue: .fixed(10))
        constant.serviceCost = .fixed(1)
        var curve = Segment(name: "curve", customers: 50, renewals: 1,
                            retention: .curve(rates: [0.5, 0.7, 0.85, 0.92], scale: .fixed(1)), revenue: .fixed(12))
        curve.referrals = Referrals(coefficient: .fixed(0.3), cyclePeriods: 2)
        var scenario = base("pooling", [constant, curve], horizon: 36)
        scenario.acquisition = [
            AcquisitionPlan(segment: "constant", fromPeriod: 1, toPeriod: 30, volume: .customers(perPeriod: .fixed(40))),
            AcquisitionPlan(segment: "curve", fromPeriod: 2, toPeriod: 24, volume: .customers(perPeriod: .fixed(60))),
        ]
        return scenario
    }

    /// Small cohorts: sBG current customers (a posterior) and plans of a few customers a period
    /// under sBG with spend variation, and under `curve` retention.
    static func smallCohortScenario() -> Scenario {
        var sbg = Segment(name: "sbg", customers: 30, renewals: 2,
                          retention: .sbg(alpha: .fixed(0.9), beta: .fixed(3)), revenue: .fixed(20))
        sbg.revenueVariation = RevenueVariation(shape: 2)
        sbg.revenueGrowth = .fixed(0.1)
        sbg.referrals = Referrals(coefficient: .fixed(0.5), cyclePeriods: 1)
        let curve = Segment(name: "curve", customers: 8, retention: .curve(rates: [0.6, 0.8, 0.9], scale: .fixed(1)),
                            revenue: .fixed(9))
        var scenario = base("small-cohorts", [sbg, curve], horizon: 40)
        scenario.acquisition = [
            AcquisitionPlan(segment: "sbg", fromPeriod: 1, toPeriod: 30, volume: .customers(perPeriod: .fixed(6))),
            AcquisitionPlan(segment: "curve", fromPeriod: 1, toPeriod: 20, volume: .customers(perPeriod: .fixed(3))),
        ]
        return scenario
    }

    /// State chains that do not change with tenure (docs/model.md "How the state chains are
    /// simulated"): a recency segment and monthly/annual plans with migration both ways, with
    /// spend variation, referrals and current customers, pool their new customers.
    static func chainPoolingScenario() throws -> Scenario {
        let text = """
        {"schemaVersion": 1, "name": "chain-pooling", "horizonPeriods": 30, "annualDiscountRate": 0.1,
         "segments": [
          {"name": "shop", "customers": 60, "recency": 2,
           "retention": {"model": "recency", "purchaseProbability": [0.45, 0.3, 0.15]},
           "revenue": 40, "margin": 0.3, "serviceCost": 1, "revenueVariation": {"shape": 1.5},
           "referrals": {"coefficient": 0.2, "cyclePeriods": 2}},
          {"name": "monthly", "customers": 80, "retention": {"model": "constant", "rate": 0.9}, "revenue": 10,
           "revenueVariation": {"shape": 2}, "migration": [{"to": "annual", "probability": 0.1}],
           "referrals": {"coefficient": 0.1, "cyclePeriods": 3, "into": "annual"}},
          {"name": "annual", "customers": 30, "billingPeriods": 4, "retention": {"model": "constant", "rate": 0.75},
           "revenue": 8, "serviceCost": 0.5, "migration": [{"to": "monthly", "probability": 0.3}]}],
         "acquisition": [{"segment": "shop", "customersPerPeriod": 25, "fromPeriod": 1, "toPeriod": 24},
                         {"segment": "monthly", "customersPerPeriod": 15, "fromPeriod": 3, "toPeriod": 30}]}
        """
        return try #require(ScenarioReader.read(text).scenario)
    }

    @Test func pooledChainsAgreeWithUnpooled() throws {
        try Self.expectSameDistribution(try Self.chainPoolingScenario(), shortcut: (pools: true, byCustomer: true))
    }

    @Test func pooledCohortsAgreeWithUnpooled() throws {
        try Self.expectSameDistribution(Self.poolingScenario(), shortcut: (pools: true, byCustomer: false))
    }

    @Test func customerLifetimesAgreeWithBinomialThinning() throws {
        try Self.expectSameDistribution(Self.smallCohortScenario(), shortcut: (pools: false, byCustomer: true))
    }

    @Test func bothShortcutsAgreeWithPlainThinning() throws {
        try Self.expectSameDistribution(Self.poolingScenario(), shortcut: (pools: true, byCustomer: true))
        try Self.expectSameDistribution(Self.smallCohortScenario(), shortcut: (pools: true, byCustomer: true))
    }

    /// The shortcuts are taken on these scenarios: the mean active customers of the last period
    /// under pooling equals its exact value Σ_cohorts n·S(tenure), S the survival.
    @Test func pooledActiveCustomersMatchTheExactMean() throws {
        // Constant retention r: a cohort of n acquired in period t0 has n·r^(H − t0) active in period H.
        var s = Segment(name: "c", customers: 0, retention: .constant(rate: .fixed(0.93)), revenue: .fixed(5))
        s.serviceCost = .fixed(0.5)
        var scenario = Self.base("pool-exact", [s], horizon: 24)
        scenario.acquisition = [AcquisitionPlan(segment: "c", fromPeriod: 1, toPeriod: 24, volume: .customers(perPeriod: .fixed(70)))]
        let columns = try Self.outcomes(scenario, seed: 9, pools: true, byCustomer: true)
        let exact = (1...24).reduce(0.0) { $0 + 70 * pow(0.93, Double(24 - $1)) }
        let stat = try #require(Stat(columns[6], levels: [0.9]))
        #expect(abs(stat.mean - exact) < 4 * stat.standardError, "\(stat.mean) vs \(exact) ± \(stat.standardError)")
    }
}
