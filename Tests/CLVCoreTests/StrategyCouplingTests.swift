import Foundation
import Testing
@testable import CLVCore
import CLVRandom

/// Strategies simulated coupled to the baseline's draws (docs/strategies.md "How coupling works,
/// and what it buys"): tighter than common random numbers alone, as tight as giving every
/// customer the same uniforms in both worlds, with each world's distribution unchanged, the
/// baseline's draws untouched and no dependence on the order of the strategies.
@Suite struct StrategyCouplingTests {
    /// Per trial: the baseline's customer equity and each strategy's incremental value, from the
    /// trial runner with coupling on or off.
    static func paired(_ scenario: Scenario, trials: Int, seed: UInt64, coupled: Bool) throws -> (base: [Double], incremental: [[Double]]) {
        let model = try SimulationModel(scenario: scenario)
        var inputs = InputSampler(model: model, seed: seed, hypercube: nil)
        var runner = TrialRunner(model: model, seed: seed, couplesStrategies: coupled)
        var base: [Double] = []
        var incremental = [[Double]](repeating: [], count: scenario.strategies.count)
        for start in stride(from: 0, to: trials, by: Simulation.blockSize) {
            let range = start..<min(trials, start + Simulation.blockSize)
            inputs.draw(range, blockStart: start)
            for trial in range {
                let run = runner.run(trial: trial, inputs: inputs.inputs(of: trial, blockStart: start),
                                     uniforms: inputs.uniforms(of: trial, blockStart: start))
                let outcome = try #require(run)
                base.append(outcome.history.customerEquity)
                for j in incremental.indices { incremental[j].append(outcome.strategies[j].incrementalValue) }
            }
        }
        return (base, incremental)
    }

    /// The sample standard deviation: the paired standard error of T trials is this over √T,
    /// so schemes run with different numbers of trials are compared by it.
    static func standardDeviation(_ x: [Double]) -> Double {
        let n = Double(x.count)
        let mean = x.reduce(0, +) / n
        return (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
    }

    /// One segment of large fixed-parameter current customers with spend variation, and one
    /// strategy that raises its retention: constant rate +0.05, curve scale ×1.05, sBG β ×1.3.
    static func retentionCase(_ model: String, customers: Int = 10_000, variation: Bool = true) -> Scenario {
        let retention: RetentionModel, change: StrategyChange
        switch model {
        case "constant":
            retention = .constant(rate: .fixed(0.85))
            change = StrategyChange(target: "segments.s.retention.rate", operation: .add(.fixed(0.05)))
        case "curve":
            retention = .curve(rates: [0.6, 0.75, 0.85, 0.9], scale: .fixed(1))
            change = StrategyChange(target: "segments.s.retention.scale", operation: .multiply(.fixed(1.05)))
        default:
            retention = .sbg(alpha: .fixed(1.2), beta: .fixed(4))
            change = StrategyChange(target: "segments.s.retention.beta", operation: .multiply(.fixed(1.3)))
        }
        var segment = Segment(name: "s", customers: customers, retention: retention, revenue: .fixed(10))
        if variation { segment.revenueVariation = RevenueVariation(shape: 4) }
        var scenario = Scenario(name: "coupling-\(model)", horizonPeriods: 12, annualDiscountRate: .fixed(0.1), segments: [segment])
        scenario.periodsPerYear = 12
        scenario.strategies = [Strategy(name: "raise", changes: [change])]
        return scenario
    }

    /// The same scenario with the strategy's change applied to its inputs (fixed values).
    static func changed(_ scenario: Scenario) -> Scenario {
        var result = scenario
        var segment = result.segments[0]
        switch segment.retention {
        case .constant: segment.retention = .constant(rate: .fixed(0.9))
        case .curve(let rates, _): segment.retention = .curve(rates: rates, scale: .fixed(1.05))
        case .sbg: segment.retention = .sbg(alpha: .fixed(1.2), beta: .fixed(4 * 1.3))
        case .constantResponse, .recency: Issue.record("the coupling tests use constant, curve and sBG retention only")
        }
        result.segments[0] = segment
        result.strategies = []
        return result
    }

    /// The paired standard error of the incremental value — with common random numbers (every
    /// run) and coupled — is no larger than with every
    /// customer given the same uniforms and multiplier in both worlds (the reference simulator's
    /// paired mode), and all three schemes — coupled, common random numbers alone, per customer —
    /// estimate the same mean. The standard errors are compared per trial (standard deviations),
    /// with an allowance of four standard errors of the ratio of two estimated standard
    /// deviations, √(1/(2T₁) + 1/(2T₂)) in relative terms for near-normal values. The figures of
    /// all three are printed: common random numbers alone can be tighter than coupling for large
    /// cohorts (docs/strategies.md "How coupling works, and what it buys").
    @Test(arguments: ["constant", "curve", "sbg"])
    func coupledStandardErrorMatchesPerCustomerCoupling(_ model: String) throws {
        let scenario = Self.retentionCase(model)
        let trials = 3000, referenceTrials = 240
        let coupled = try Self.paired(scenario, trials: trials, seed: 41, coupled: true).incremental[0]
        let alone = try Self.paired(scenario, trials: trials, seed: 41, coupled: false).incremental[0]
        let reference = ReferenceSimulator(scenario: scenario, seed: 41)
        let perCustomer = (0..<referenceTrials).map { trial in
            let (b, s) = reference.simulatePair(trial: trial, strategy: Self.changed(scenario))
            return s.customerEquity - b.customerEquity
        }
        let sdCoupled = Self.standardDeviation(coupled), sdAlone = Self.standardDeviation(alone)
        let sdReference = Self.standardDeviation(perCustomer)
        let allowance = 4 * (1 / (2 * Double(trials)) + 1 / (2 * Double(referenceTrials))).squareRoot()
        print("coupling \(model): per-trial sd coupled \(sdCoupled), common random numbers only \(sdAlone) (alone/coupled \(sdAlone / sdCoupled)), per-customer reference \(sdReference) (coupled/reference \(sdCoupled / sdReference))")
        #expect(sdCoupled <= sdReference * (1 + allowance), "\(model): coupled \(sdCoupled) vs per-customer \(sdReference)")
        // What every run uses — common random numbers, the same stream for the same role — is at
        // least as tight as per-customer coupling.
        #expect(sdAlone <= sdReference * (1 + allowance), "\(model): common random numbers \(sdAlone) vs per-customer \(sdReference)")
        let mean = { (x: [Double]) in x.reduce(0, +) / Double(x.count) }
        let se = { (sd: Double, n: Int) in sd / Double(n).squareRoot() }
        let (seCoupled, seAlone, seReference) = (se(sdCoupled, trials), se(sdAlone, trials), se(sdReference, referenceTrials))
        #expect(abs(mean(coupled) - mean(perCustomer)) < 4 * (seCoupled * seCoupled + seReference * seReference).squareRoot())
        #expect(abs(mean(coupled) - mean(alone)) < 4 * (seCoupled * seCoupled + seAlone * seAlone).squareRoot())
    }

    /// Coupled and common-random-numbers-only standard deviations of the incremental value
    /// without spend variation, for 1 000 and for 20 000 customers (printed, for the record);
    /// both estimate the same mean.
    @Test(arguments: [1_000, 20_000])
    func couplingAgainstCommonRandomNumbersWithoutVariation(_ customers: Int) throws {
        let scenario = Self.retentionCase("constant", customers: customers, variation: false)
        let trials = 4000
        let coupled = try Self.paired(scenario, trials: trials, seed: 43, coupled: true).incremental[0]
        let alone = try Self.paired(scenario, trials: trials, seed: 43, coupled: false).incremental[0]
        let sdCoupled = Self.standardDeviation(coupled), sdAlone = Self.standardDeviation(alone)
        print("coupling constant, \(customers) customers, no variation: per-trial sd coupled \(sdCoupled), common random numbers only \(sdAlone) (alone/coupled \(sdAlone / sdCoupled))")
        let mean = { (x: [Double]) in x.reduce(0, +) / Double(x.count) }
        let tolerance = 4 * (sdCoupled * sdCoupled + sdAlone * sdAlone).squareRoot() / Double(trials).squareRoot()
        #expect(abs(mean(coupled) - mean(alone)) < tolerance)
    }

    /// A scenario whose strategies change retention, acquisition and referrals, with spend
    /// variation and an uncertain revenue.
    static func mixedScenario() -> Scenario {
        var paid = Segment(name: "paid", customers: 300, renewals: 1, retention: .sbg(alpha: .fixed(1), beta: .fixed(3)),
                           revenue: .normal(mean: 20, sd: 2, min: 0, max: nil))
        paid.revenueVariation = RevenueVariation(shape: 3)
        var basic = Segment(name: "basic", customers: 500, retention: .constant(rate: .fixed(0.85)), revenue: .fixed(5))
        basic.referrals = Referrals(coefficient: .fixed(0.2), cyclePeriods: 2, into: "paid")
        var scenario = Scenario(name: "coupling-mixed", horizonPeriods: 18, annualDiscountRate: .fixed(0.1), segments: [paid, basic])
        scenario.periodsPerYear = 12
        scenario.acquisition = [
            AcquisitionPlan(segment: "paid", fromPeriod: 1, toPeriod: 12, volume: .customers(perPeriod: .fixed(25))),
            AcquisitionPlan(segment: "basic", fromPeriod: 1, toPeriod: 18, volume: .customers(perPeriod: .fixed(60))),
        ]
        scenario.strategies = [
            Strategy(name: "loyalty", changes: [StrategyChange(target: "segments.paid.retention.beta", operation: .multiply(.fixed(1.4))),
                                                StrategyChange(target: "segments.basic.retention.rate", operation: .add(.fixed(-0.03)))]),
            Strategy(name: "more-ads", changes: [StrategyChange(target: "acquisition.1.customersPerPeriod", operation: .multiply(.fixed(1.5)))]),
            Strategy(name: "bonus", changes: [StrategyChange(target: "segments.basic.referrals.coefficient", operation: .multiply(.fixed(0.6)))]),
        ]
        return scenario
    }

    /// `mixedScenario` with strategy `j`'s changes written into the scenario.
    static func mixedWorld(_ j: Int) -> Scenario {
        var scenario = mixedScenario()
        scenario.strategies = []
        switch j {
        case 0:
            scenario.segments[0].retention = .sbg(alpha: .fixed(1), beta: .fixed(3 * 1.4))
            scenario.segments[1].retention = .constant(rate: .fixed(0.82))
        case 1:
            scenario.acquisition[1].volume = .customers(perPeriod: .fixed(90))
        default:
            scenario.segments[1].referrals = Referrals(coefficient: .fixed(0.2 * 0.6), cyclePeriods: 2, into: "paid")
        }
        return scenario
    }

    /// The baseline's customer equity and each strategy's (baseline + incremental value) against
    /// the customer-by-customer reference simulator of the scenario with the strategy's changes:
    /// means and the 5th, 50th and 95th percentiles within Monte Carlo tolerance.
    @Test func eachWorldKeepsItsDistribution() throws {
        let kernelTrials = 4000, referenceTrials = 1500
        let scenario = Self.mixedScenario()
        let (base, incremental) = try Self.paired(scenario, trials: kernelTrials, seed: 17, coupled: true)
        var worlds = [("baseline", base, scenario)]
        for j in scenario.strategies.indices {
            worlds.append((scenario.strategies[j].name, zip(base, incremental[j]).map { $0 + $1 }, Self.mixedWorld(j)))
        }
        for (name, kernel, world) in worlds {
            let reference = ReferenceSimulator(scenario: world, seed: 19)
            let slow = (0..<referenceTrials).map { reference.simulate(trial: $0).customerEquity }
            try SampleAgreement.expectAgreement(kernel: kernel, reference: slow, name)
        }
    }

    /// Reversing the order of the strategies changes no per-trial number of any strategy (the
    /// columns mapped by name), nor any of the baseline's.
    @Test func reorderingStrategiesChangesNoNumber() throws {
        var scenario = Self.mixedScenario()
        scenario.strategies[0].cost = StrategyCost(upfront: .uniform(min: 100, max: 200), perActiveCustomer: .fixed(0.1))
        scenario.strategies[2].changes.append(StrategyChange(target: "segments.paid.margin", operation: .set(.uniform(min: 0.8, max: 1))))
        var reversed = scenario
        reversed.strategies.reverse()
        var options = SimulationOptions(trials: 300, seed: 8, threads: 2)
        options.couplesStrategies = true
        let a = try Simulation(scenario: scenario).run(options), b = try Simulation(scenario: reversed).run(options)
        #expect(Set(a.metrics.names) == Set(b.metrics.names))
        for name in a.metrics.names {
            let x = try #require(a.metrics.column(name)), y = try #require(b.metrics.column(name))
            #expect(x.map(\.bitPattern) == y.map(\.bitPattern), "\(name)")
        }
    }

    /// FNV-1a over the names and bit patterns of every per-trial column.
    static func checksum(_ table: any TrialTable) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ value: UInt64) { hash ^= value; hash &*= 0x0000_0100_0000_01B3 }
        // `retentionSpend` (zero without spend-response retention) came after the stored value.
        for (c, name) in table.names.enumerated() where name != "retentionSpend" {
            for byte in name.utf8 { mix(UInt64(byte)) }
            for value in table.column(at: c) { mix(value.bitPattern) }
        }
        return hash
    }

    /// A scenario without strategies gives bitwise the per-trial columns it gave before coupling
    /// existed (a checksum computed then), and adding strategies changes none of the baseline's
    /// columns.
    @Test func baselineDrawsAreUntouched() throws {
        var scenario = Self.mixedScenario()
        scenario.strategies = []
        var options = SimulationOptions(trials: 400, seed: 23, threads: 2)
        options.couplesStrategies = true
        let without = try Simulation(scenario: scenario).run(options)
        let checksum = Self.checksum(without.metrics)
        print("baseline checksum \(checksum)")
        #expect(checksum == Self.storedChecksum)
        let with = try Simulation(scenario: Self.mixedScenario()).run(options)
        for name in without.metrics.names {
            let x = try #require(without.metrics.column(name)), y = try #require(with.metrics.column(name))
            #expect(x.map(\.bitPattern) == y.map(\.bitPattern), "\(name)")
        }
    }

    /// `checksum` of `baselineDrawsAreUntouched`'s run, computed by the kernel before coupling.
    static let storedChecksum: UInt64 = 760_755_343_629_756_033
}
