import Foundation
import Testing
@testable import CLVCore
import CLVRandom

/// Scenarios with customer dynamics (recency retention, migration between segments, billing
/// cycles) that the tests below share: each has spend variation, referrals, plans and current
/// customers, and some have uncertain inputs.
enum DynamicsScenarios {
    static func base(_ name: String, _ segments: [Segment], horizon: Int) -> Scenario {
        var scenario = Scenario(name: name, horizonPeriods: horizon, annualDiscountRate: .fixed(0.12), segments: segments)
        scenario.periodsPerYear = 12
        return scenario
    }

    /// Recency retention with four states (one purchase probability uncertain), spend
    /// variation, revenue growth, referrals, current customers at recency 2 and a plan.
    static func recency(customers: Int = 150) -> Scenario {
        var shop = Segment(name: "shop", customers: customers, renewals: 2,
                           retention: .recency(purchaseProbability: [.fixed(0.55), .uniform(min: 0.3, max: 0.4), .fixed(0.2), .fixed(0.1)]),
                           revenue: .fixed(25))
        shop.recency = 2
        shop.revenueVariation = RevenueVariation(shape: 2)
        shop.revenueGrowth = .fixed(0.1)
        shop.margin = .fixed(0.4)
        shop.serviceCost = .fixed(1.5)
        shop.referrals = Referrals(coefficient: .fixed(0.3), cyclePeriods: 2)
        var scenario = base("recency", [shop], horizon: 18)
        scenario.acquisition = [AcquisitionPlan(segment: "shop", fromPeriod: 1, toPeriod: 6, volume: .customers(perPeriod: .fixed(20)))]
        return scenario
    }

    /// Monthly and annual plans (annual billing: 12 periods per cycle) with migration both ways
    /// (monthly → annual uncertain), spend variation in both, referrals, current customers in
    /// both and a plan into monthly.
    static func monthlyAnnual(monthlyCustomers: Int = 120, annualCustomers: Int = 84) -> Scenario {
        var monthly = Segment(name: "monthly", customers: monthlyCustomers, renewals: 3, retention: .constant(rate: .fixed(0.9)),
                              revenue: .fixed(20))
        monthly.revenueVariation = RevenueVariation(shape: 3)
        monthly.serviceCost = .fixed(1)
        monthly.margin = .fixed(0.7)
        monthly.migration = [Migration(to: "annual", probability: .uniform(min: 0.05, max: 0.12))]
        monthly.referrals = Referrals(coefficient: .fixed(0.2), cyclePeriods: 3)
        var annual = Segment(name: "annual", customers: annualCustomers, renewals: 1, retention: .constant(rate: .fixed(0.8)),
                             revenue: .fixed(17))
        annual.billingPeriods = 12
        annual.revenueVariation = RevenueVariation(shape: 1.5)
        annual.serviceCost = .fixed(1)
        annual.margin = .fixed(0.7)
        annual.revenueGrowth = .fixed(0.05)
        annual.migration = [Migration(to: "monthly", probability: .fixed(0.3))]
        var scenario = base("monthly-annual", [monthly, annual], horizon: 30)
        scenario.acquisition = [AcquisitionPlan(segment: "monthly", fromPeriod: 1, toPeriod: 6, volume: .customers(perPeriod: .fixed(15)))]
        return scenario
    }

    /// Three tiers that bill every 2 periods, with curve retention (one scale uncertain) and
    /// migration up and down, spend variation, referrals from basic into plus, current
    /// customers in two tiers and a budget plan.
    static func threeTiers() -> Scenario {
        var basic = Segment(name: "basic", customers: 151, renewals: 1,
                            retention: .curve(rates: [0.6, 0.8, 0.9], scale: .uniform(min: 0.95, max: 1.05)), revenue: .fixed(8))
        basic.migration = [Migration(to: "plus", probability: .fixed(0.15))]
        basic.revenueVariation = RevenueVariation(shape: 2)
        basic.referrals = Referrals(coefficient: .fixed(0.25), cyclePeriods: 2, into: "plus")
        var plus = Segment(name: "plus", customers: 60, renewals: 2, retention: .curve(rates: [0.7, 0.85, 0.92], scale: .fixed(1)),
                           revenue: .fixed(15))
        plus.migration = [Migration(to: "premium", probability: .fixed(0.1)), Migration(to: "basic", probability: .fixed(0.1))]
        plus.serviceCost = .fixed(2)
        var premium = Segment(name: "premium", retention: .curve(rates: [0.8, 0.9, 0.95], scale: .fixed(1)), revenue: .fixed(30))
        premium.migration = [Migration(to: "plus", probability: .fixed(0.05))]
        premium.revenueVariation = RevenueVariation(shape: 4)
        basic.billingPeriods = 2
        plus.billingPeriods = 2
        premium.billingPeriods = 2
        var scenario = base("three-tiers", [basic, plus, premium], horizon: 16)
        scenario.acquisition = [AcquisitionPlan(segment: "basic", fromPeriod: 1, toPeriod: 5,
                                                volume: .budget(perPeriod: .fixed(600), cac: .uniform(min: 25, max: 35)))]
        return scenario
    }

    /// sBG retention billed every 3 periods (each customer's own θ, posterior for the current
    /// customers), uncertain α, "end" timing, a budget plan with an uncertain budget (a spend that
    /// is the same in every trial would be a point mass that the percentile check cannot compare).
    static func sbgQuarterly() -> Scenario {
        var quarterly = Segment(name: "quarterly", customers: 100, renewals: 2,
                                retention: .sbg(alpha: .uniform(min: 0.8, max: 1.2), beta: .fixed(3)), revenue: .fixed(12))
        quarterly.billingPeriods = 3
        quarterly.revenueVariation = RevenueVariation(shape: 5)
        quarterly.serviceCost = .fixed(0.5)
        var scenario = base("sbg-quarterly", [quarterly], horizon: 20)
        scenario.cashFlowTiming = .end
        scenario.acquisition = [AcquisitionPlan(segment: "quarterly", fromPeriod: 2, toPeriod: 7,
                                                volume: .budget(perPeriod: .uniform(min: 800, max: 1200), cac: .fixed(40)))]
        return scenario
    }

    static let all: [String: Scenario] = [
        "recency": recency(), "monthly-annual": monthlyAnnual(), "three-tiers": threeTiers(), "sbg-quarterly": sbgQuarterly(),
    ]
}

/// The aggregate kernel on the state chains against the customer-by-customer
/// `ReferenceSimulator`, which follows each customer's own state, multiplier and tenure: means and
/// the 5th, 50th and 95th percentiles of every customer-equity component agree within four
/// standard errors (`KernelAgreementTests.check`).
@Suite struct DynamicsKernelAgreementTests {
    /// Recency retention with spend variation, referrals, growth, current customers at recency 2.
    @Test func recencyWithVariationReferralsAndGrowth() throws {
        try KernelAgreementTests.check(DynamicsScenarios.recency())
    }

    /// Monthly ↔ annual migration, annual billing every 12 periods, variation on both sides,
    /// referrals, current customers in both (the annual ones in 12 billing groups).
    @Test func monthlyAnnualMigrationWithBilling() throws {
        try KernelAgreementTests.check(DynamicsScenarios.monthlyAnnual())
    }

    /// Three tiers with curve retention, billing every 2 periods, migration up and down.
    @Test func threeTierMigrationWithCurveRetention() throws {
        try KernelAgreementTests.check(DynamicsScenarios.threeTiers())
    }

    /// sBG retention with quarterly billing: the population renewal probability of the chain
    /// against customers with their own θ.
    @Test func sbgWithQuarterlyBilling() throws {
        try KernelAgreementTests.check(DynamicsScenarios.sbgQuarterly())
    }
}

/// The simulated value of the current base against its exact expectation: per trial,
/// currentCustomerValue − Σ_s customers_s · residualClv_s has mean 0 (the residual values are
/// conditional expectations given the trial's inputs, which also cancels parameter
/// uncertainty), checked within four standard errors with a fixed seed.
@Suite struct DynamicsExpectationTests {
    @Test(arguments: ["recency", "monthly-annual", "three-tiers", "sbg-quarterly"])
    func currentCustomerValueMatchesResidualClv(_ name: String) throws {
        let scenario = try #require(DynamicsScenarios.all[name])
        let trials = 4000
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: trials, seed: 17, threads: 2))
        let simulated = try #require(result.column(.currentCustomerValue))
        var difference = simulated
        for (s, segment) in scenario.segments.enumerated() {
            let residual = try #require(result.column(.residualClv(segment: s)))
            for i in difference.indices { difference[i] -= Double(segment.customers) * residual[i] }
        }
        let stat = try #require(Stat(difference, levels: [0.9]))
        let total = try #require(Stat(simulated, levels: [0.9]))
        print("dynamics \(name): currentCustomerValue mean \(total.mean), mean difference from Σ N·residualClv \(stat.mean) ± \(stat.standardError) (\(stat.mean / stat.standardError) SE)")
        #expect(stat.standardError > 0)
        #expect(abs(stat.mean) < 4 * stat.standardError, "\(name): \(stat.mean) ± \(stat.standardError)")
    }
}

/// Strategies that change the new inputs: a purchase probability
/// (`segments.<name>.retention.purchaseProbability.<j>`) and a migration probability
/// (`segments.<name>.migration.<i>.probability`).
@Suite struct DynamicsStrategyTests {
    /// A recency segment with fixed inputs and 2 000 current customers at recency 2.
    static func winback() -> Scenario {
        var scenario = DynamicsScenarios.recency(customers: 2000)
        scenario.segments[0].retention = .recency(purchaseProbability: [.fixed(0.55), .fixed(0.35), .fixed(0.2), .fixed(0.1)])
        scenario.strategies = [Strategy(name: "winback", changes: [
            StrategyChange(target: "segments.shop.retention.purchaseProbability.1", operation: .multiply(.fixed(1.5))),
        ])]
        return scenario
    }

    /// The recency scenario with recency 2's purchase probability 0.35·1.5 in the base.
    static func winbackChanged() -> Scenario {
        var scenario = winback()
        scenario.segments[0].retention = .recency(purchaseProbability: [.fixed(0.55), .fixed(0.35 * 1.5), .fixed(0.2), .fixed(0.1)])
        scenario.strategies = []
        return scenario
    }

    /// Monthly ↔ annual with fixed inputs; the strategy adds 0.1 to the move into annual,
    /// whose customers churn less.
    static func upsell() -> Scenario {
        var scenario = DynamicsScenarios.monthlyAnnual(monthlyCustomers: 3000, annualCustomers: 0)
        scenario.segments[0].migration = [Migration(to: "annual", probability: .fixed(0.08))]
        scenario.strategies = [Strategy(name: "upsell", changes: [
            StrategyChange(target: "segments.monthly.migration.0.probability", operation: .add(.fixed(0.1))),
        ])]
        return scenario
    }

    static func upsellChanged() -> Scenario {
        var scenario = upsell()
        scenario.segments[0].migration = [Migration(to: "annual", probability: .fixed(0.08 + 0.1))]
        scenario.strategies = []
        return scenario
    }

    /// Each strategy runs and raises value in the expected direction, by the exact amount: its
    /// mean incremental value is Σ_s N_s·(residualClv′ − residualClv) + (the plans' change), so
    /// for the current base alone — checked on the current-customer part, which the plans do
    /// not touch — within four standard errors; and its world is the run of the scenario whose
    /// base has the changed value: per trial, baseline customer equity + incremental value equals
    /// the changed scenario's customer equity up to the rounding of the subtraction (the same
    /// streams for the same roles).
    @Test(arguments: ["winback", "upsell"])
    func strategyOnADynamicInputMovesValueTheRightWay(_ name: String) throws {
        let (scenario, changed) = name == "winback" ? (Self.winback(), Self.winbackChanged()) : (Self.upsell(), Self.upsellChanged())
        let trials = 2000
        let options = SimulationOptions(trials: trials, seed: 29, threads: 2)
        let result = try Simulation(scenario: scenario).run(options)
        let other = try Simulation(scenario: changed).run(options)
        let base = try #require(result.column(.customerEquity))
        let incremental = try #require(result.column(.incrementalValue(strategy: 0)))
        let changedEquity = try #require(other.column(.customerEquity))
        var largest = 0.0, bitwise = 0
        for i in 0..<trials {
            let world = base[i] + incremental[i]
            largest = max(largest, abs(world - changedEquity[i]) / abs(changedEquity[i]))
            if world.bitPattern == changedEquity[i].bitPattern { bitwise += 1 }
        }
        print("dynamics strategy \(name): world vs changed scenario, largest relative difference \(largest), \(bitwise) of \(trials) trials bitwise equal")
        #expect(largest < 1e-12, "\(name): the strategy's world differs from the changed scenario by \(largest)")
        // The exact value of a current customer rises, and the simulated gain matches it.
        let residual = try #require(result.column(.residualClv(segment: 0)))[0]
        let residualChanged = try #require(other.column(.residualClv(segment: 0)))[0]
        #expect(residualChanged > residual * 1.01, "\(name): residualClv \(residual) → \(residualChanged)")
        let clv = try #require(result.column(.clv(segment: 0)))[0]
        let clvChanged = try #require(other.column(.clv(segment: 0)))[0]
        #expect(clvChanged > clv, "\(name): clv \(clv) → \(clvChanged)")
        let currentGain = zip(try #require(other.column(.currentCustomerValue)), try #require(result.column(.currentCustomerValue)))
            .map { $0 - $1 }
        let stat = try #require(Stat(currentGain, levels: [0.9]))
        let exact = Double(scenario.segments[0].customers) * (residualChanged - residual)
        print("dynamics strategy \(name): current-customer gain \(stat.mean) ± \(stat.standardError), exact \(exact)")
        #expect(abs(stat.mean - exact) < 4 * stat.standardError, "\(name): \(stat.mean) vs \(exact) ± \(stat.standardError)")
        let gain = try #require(Stat(incremental, levels: [0.9]))
        #expect(gain.mean > 4 * gain.standardError, "\(name): incremental value \(gain.mean) ± \(gain.standardError)")
    }

    /// The world of a windowed purchase-probability change against the reference simulator,
    /// which applies the change period by period itself.
    @Test func windowedPurchaseChangeAgreesWithTheReferenceSimulator() throws {
        var scenario = DynamicsScenarios.recency()
        let change = Strategy(name: "campaign", changes: [
            StrategyChange(target: "segments.shop.retention.purchaseProbability.2", operation: .add(.uniform(min: 0.1, max: 0.3)),
                           window: PeriodWindow(fromPeriod: 4, toPeriod: 10)),
        ])
        scenario.strategies = [change]
        let kernelTrials = 4000, referenceTrials = 1500
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: kernelTrials, seed: 21, threads: 2))
        let base = try #require(result.column(.customerEquity))
        let incremental = try #require(result.column(.incrementalValue(strategy: 0)))
        let kernel = zip(base, incremental).map { $0 + $1 }
        let reference = ReferenceSimulator(scenario: scenario, seed: 23, world: change)
        let slow = (0..<referenceTrials).map { reference.simulate(trial: $0).customerEquity }
        try SampleAgreement.expectAgreement(kernel: kernel, reference: slow, "dynamics windowed campaign")
        #expect(try #require(Stat(incremental, levels: [0.9])).mean > 0)
    }
}

/// Runs with customer dynamics are reproducible: bitwise-identical trials on 1 and 2 threads,
/// and shards that reproduce the whole run.
@Suite struct DynamicsReproducibilityTests {
    static func scenario() -> Scenario {
        var scenario = DynamicsScenarios.monthlyAnnual()
        scenario.segments.append(DynamicsScenarios.recency().segments[0])
        scenario.acquisition.append(AcquisitionPlan(segment: "shop", fromPeriod: 2, toPeriod: 4, volume: .customers(perPeriod: .fixed(10))))
        scenario.strategies = [Strategy(name: "upsell", changes: [
            StrategyChange(target: "segments.monthly.migration.0.probability", operation: .add(.uniform(min: 0, max: 0.05))),
            StrategyChange(target: "segments.shop.retention.purchaseProbability.0", operation: .multiply(.fixed(1.1))),
        ])]
        return scenario
    }

    static func identical(_ a: [Double], _ b: [Double]) -> Bool {
        a.elementsEqual(b) { $0.bitPattern == $1.bitPattern }
    }

    @Test func threadCountChangesNoBit() throws {
        let scenario = Self.scenario()
        let one = try Simulation(scenario: scenario).run(SimulationOptions(trials: 400, seed: 3, threads: 1))
        let two = try Simulation(scenario: scenario).run(SimulationOptions(trials: 400, seed: 3, threads: 2))
        #expect(Self.identical(one.metrics.rowMajorValues, two.metrics.rowMajorValues))
        #expect(one.series.activeCustomers == two.series.activeCustomers)
        // The run is not degenerate: trials differ.
        let equity = try #require(one.column(.customerEquity))
        #expect(Set(equity).count > 300)
    }

    @Test func shardsReproduceTheWholeRun() throws {
        let scenario = Self.scenario()
        let options = SimulationOptions(trials: 300, seed: 5, threads: 2)
        let whole = try ScenarioRun.perform(RunRequest(scenario: scenario, options: options)).result
        for count in [2, 3] {
            var metrics: [Double] = [], inputs: [Double] = [], active: [Double] = []
            for i in (0..<count).reversed() {
                var shardOptions = options
                shardOptions.threads = 1 + i % 2
                let part = try ScenarioRun.perform(RunRequest(scenario: scenario, options: shardOptions, shard: Shard(index: i, count: count)))
                metrics = part.result.metrics.rowMajorValues + metrics
                inputs = part.result.inputs.rowMajorValues + inputs
                active = part.result.series.activeCustomers + active
            }
            #expect(Self.identical(metrics, whole.metrics.rowMajorValues), "\(count) shards")
            #expect(Self.identical(inputs, whole.inputs.rowMajorValues), "\(count) shards")
            #expect(active == whole.series.activeCustomers, "\(count) shards")
        }
    }
}
