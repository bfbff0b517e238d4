import Testing
@testable import CLVCore
import CLVTestSupport

/// The spend multipliers of the state chains (docs/model.md "How the state chains are
/// simulated", step 2): each state carries the multiplier total of its customers, split by Beta
/// draws. When customers with different histories come together in one state — the purchasers
/// of every recency state, the arrivals of a pool, migrants from two segments — a later split
/// no longer knows how the total was divided among them, so the kernel's cash flows match
/// customers who keep their own multipliers in their means and covariances, not in every higher
/// moment. These scenarios are built to show any difference: fixed inputs (all the spread is the
/// customers' own), a handful of customers, and widely spread multipliers (shape ½, a
/// coefficient of variation of √2). The means and variances of the values must agree with the
/// customer-by-customer `ReferenceSimulator` within four standard errors, and a two-sample
/// Kolmogorov–Smirnov test must not tell the values apart (p > 10⁻⁴): the approximation stays
/// below what 40,000 trials can see.
@Suite struct ChainMultiplierMomentTests {
    static let trials = 40_000

    static func check(_ scenario: Scenario) throws {
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: trials, seed: 31, threads: 2))
        let reference = ReferenceSimulator(scenario: scenario, seed: 32)
        let outcomes = (0..<trials).map { reference.simulate(trial: $0) }
        let metrics: [(String, (ReferenceSimulator.Outcome) -> Double)] = [
            ("currentCustomerValue", { $0.current }), ("newCustomerValue", { $0.plan }),
            ("customerEquity", { $0.customerEquity }),
        ]
        for (name, extract) in metrics {
            let kernel = try #require(result.metrics.column(name))
            let values = outcomes.map(extract)
            SampleAgreement.expectSameMeanAndVariance(kernel: kernel, reference: values, "\(scenario.name) \(name)")
            let ks = KolmogorovSmirnov.twoSampleTest(kernel, values)
            print("distributions \(scenario.name) \(name): \(ks)")
            #expect(ks.pValue > 1e-4, "\(scenario.name) \(name): \(ks)")
        }
    }

    /// Three current customers and one new customer a period for four periods (a pool, since
    /// recency retention does not change with tenure); every purchase brings customers of all
    /// recency states together in state 1.
    @Test func recencyPurchasersAndPoolArrivals() throws {
        var shop = Segment(name: "shop", customers: 3, renewals: 2,
                           retention: .recency(purchaseProbability: [.fixed(0.6), .fixed(0.4), .fixed(0.2)]), revenue: .fixed(25))
        shop.revenueVariation = RevenueVariation(shape: 0.5)
        shop.margin = .fixed(1)
        var scenario = DynamicsScenarios.base("recency-merges", [shop], horizon: 12)
        scenario.acquisition = [AcquisitionPlan(segment: "shop", fromPeriod: 1, toPeriod: 4, volume: .customers(perPeriod: .fixed(1)))]
        try Self.check(scenario)
    }

    /// Two segments with migration both ways: migrants join the customers of their cohort who
    /// are already in their new segment.
    @Test func migrantsJoinTheCustomersOfTheirNewSegment() throws {
        var basic = Segment(name: "basic", customers: 2, renewals: 2, retention: .constant(rate: .fixed(0.9)), revenue: .fixed(20))
        basic.revenueVariation = RevenueVariation(shape: 0.5)
        basic.migration = [Migration(to: "premium", probability: .fixed(0.3))]
        var premium = Segment(name: "premium", customers: 2, renewals: 2, retention: .constant(rate: .fixed(0.8)), revenue: .fixed(60))
        premium.revenueVariation = RevenueVariation(shape: 0.5)
        premium.migration = [Migration(to: "basic", probability: .fixed(0.3))]
        var scenario = DynamicsScenarios.base("migration-merges", [basic, premium], horizon: 12)
        scenario.acquisition = [AcquisitionPlan(segment: "basic", fromPeriod: 1, toPeriod: 4, volume: .customers(perPeriod: .fixed(1)))]
        try Self.check(scenario)
    }
}
