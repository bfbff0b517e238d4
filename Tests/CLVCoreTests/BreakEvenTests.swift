import Foundation
import Testing
@testable import CLVCore

/// docs/strategies.md, "Break-even: how big must the effect be?": the break-even lift of a
/// retention strategy against the root of the closed form, its interval's 1/√trials shrinkage,
/// the cases without a root and the changes that cannot be scaled.
@Suite struct BreakEvenTests {
    static let customers = 1000
    static let rate = 0.8
    static let horizon = 12
    static let cost = 700.0
    /// Per-period discount factor δ = 1/(1 + d), d = 0.1 a period (one period a year).
    static let delta = 1 / 1.1

    /// N current customers with fixed constant retention r, revenue 1, margin 1, "start" timing;
    /// one strategy adding `lift` to the retention rate for an upfront cost C.
    static func scenario(lift: Double = 0.02, cost: Double = cost, changes: [StrategyChange]? = nil) -> Scenario {
        var segment = Segment(name: "s", customers: customers, retention: .constant(rate: .fixed(rate)), revenue: .fixed(1))
        segment.margin = .fixed(1)
        var scenario = Scenario(name: "breakeven", horizonPeriods: horizon, annualDiscountRate: .fixed(0.1), segments: [segment])
        scenario.periodsPerYear = 1
        scenario.cashFlowTiming = .start
        let change = StrategyChange(target: "segments.s.retention.rate", operation: .add(.fixed(lift)))
        scenario.strategies = [Strategy(name: "loyalty", changes: changes ?? [change], cost: StrategyCost(upfront: .fixed(cost)))]
        return scenario
    }

    /// Value of N current customers with retention q: N·Σ_{t=1}^{H} q^t δ^{t−1}.
    static func value(_ q: Double) -> Double {
        Double(customers) * (1...horizon).reduce(0.0) { $0 + pow(q, Double($1)) * pow(delta, Double($1 - 1)) }
    }

    /// The lift x with value(r + x) − value(r) = C, by bisection.
    static func closedFormLift() -> Double {
        var (a, b) = (0.0, 1 - rate)
        for _ in 0..<200 {
            let m = (a + b) / 2
            if value(rate + m) - value(rate) < cost { a = m } else { b = m }
        }
        return (a + b) / 2
    }

    static func search(trials: Int, probability: Double? = nil, scenario: Scenario = scenario()) throws -> BreakEven {
        try BreakEven.search(scenario: scenario, strategy: "loyalty", change: 0, probability: probability,
                             options: SimulationOptions(trials: trials, seed: 11, threads: 2))
    }

    @Test func breakEvenLiftMatchesTheClosedFormWithinItsInterval() throws {
        let truth = Self.closedFormLift()
        let small = try Self.search(trials: 2000)
        let large = try Self.search(trials: 8000)
        for result in [small, large] {
            let estimate = try #require(result.breakEvenMean, "\(result.meanReason ?? "")")
            #expect(estimate.lower <= truth && truth <= estimate.upper,
                    "closed form \(truth), estimate \(estimate.size) in \(estimate.lower)…\(estimate.upper)")
            #expect(estimate.standardError > 0)
            #expect(result.operation == .add && result.currentSize == 0.02 && result.target == "segments.s.retention.rate")
        }
        // The interval shrinks as 1/√trials: four times the trials, half the width.
        let ratio = (small.breakEvenMean!.upper - small.breakEvenMean!.lower) / (large.breakEvenMean!.upper - large.breakEvenMean!.lower)
        #expect(abs(ratio - 2) < 0.3, "width ratio \(ratio)")
    }

    @Test func searchIsDeterministicAndEvaluatesEverySizeOnTheSameTrials() throws {
        let a = try Self.search(trials: 500), b = try Self.search(trials: 500)
        #expect(a.breakEvenMean == b.breakEvenMean)
        #expect(a.evaluations == b.evaluations)
        // At size 0 the strategy changes nothing: the net value is −C in every trial.
        let zero = try #require(a.evaluations.first { $0.size == 0 })
        #expect(zero.meanNetValue == -Self.cost && zero.standardError == 0 && zero.shareNetPositive == 0)
        #expect(a.evaluations.map(\.size) == a.evaluations.map(\.size).sorted())
    }

    @Test func probabilityBreakEvenNeedsALargerLift() throws {
        let result = try Self.search(trials: 2000, probability: 0.9)
        let mean = try #require(result.breakEvenMean)
        let share = try #require(result.breakEvenProbability, "\(result.probabilityReason ?? "")")
        #expect(share.size > mean.size)
        #expect(share.lower < share.size && share.size < share.upper)
        // At the probability break-even the evaluated share is near 0.9.
        let nearest = try #require(result.evaluations.min { abs($0.size - share.size) < abs($1.size - share.size) })
        #expect(abs(nearest.shareNetPositive - 0.9) < 0.1)
    }

    @Test func noBreakEvenWhenTheInputReachesTheEdgeOfItsDomain() throws {
        // A retention rate stops at 1: no lift pays a cost this large.
        let result = try Self.search(trials: 200, scenario: Self.scenario(cost: 1e9))
        #expect(result.breakEvenMean == nil)
        #expect(result.meanReason?.contains("edge of its domain") == true, "\(result.meanReason ?? "")")
    }

    @Test func noBreakEvenWhenTheNetValueStaysPositive() throws {
        // Another change pays for the cost on its own: the net value is positive from size 0 on.
        let changes = [StrategyChange(target: "segments.s.retention.rate", operation: .add(.fixed(0.02))),
                       StrategyChange(target: "segments.s.revenue", operation: .multiply(.fixed(2)))]
        let result = try BreakEven.search(scenario: Self.scenario(cost: 10, changes: changes), strategy: "loyalty", change: 0,
                                          probability: nil, options: SimulationOptions(trials: 100, seed: 1))
        #expect(result.breakEvenMean == nil)
        #expect(result.meanReason?.contains("above 0 already at size 0") == true, "\(result.meanReason ?? "")")
    }

    @Test func multiplyChangesAreScaledByFactorMinusOne() throws {
        let changes = [StrategyChange(target: "segments.s.retention.rate", operation: .multiply(.fixed(1.025)))]
        let result = try BreakEven.search(scenario: Self.scenario(changes: changes), strategy: "loyalty", change: 0,
                                          probability: nil, options: SimulationOptions(trials: 1000, seed: 2, threads: 2))
        #expect(result.operation == .multiply)
        #expect(abs(result.currentSize - 0.025) < 1e-12)
        let estimate = try #require(result.breakEvenMean)
        // Multiplying 0.8 by 1 + x is adding 0.8·x.
        let truth = Self.closedFormLift() / Self.rate
        #expect(abs(estimate.size - truth) < 4 * estimate.standardError + 1e-9, "\(estimate.size) vs \(truth)")
    }

    @Test func uncertainAmountStartsFromItsMeanAndTheWindowIsKept() throws {
        let window = PeriodWindow(fromPeriod: 2, toPeriod: 6)
        let changes = [StrategyChange(target: "segments.s.retention.rate", operation: .add(.uniform(min: 0.01, max: 0.03)), window: window)]
        let curve = try NetValueCurve(scenario: Self.scenario(changes: changes), strategy: "loyalty", change: 0, probability: nil,
                                      options: SimulationOptions(trials: 10, seed: 1), isCancelled: nil, evaluated: nil)
        #expect(abs(curve.currentSize - 0.02) < 1e-12)
        let scaled = curve.scenario(at: 0.05).strategies
        #expect(scaled.count == 1)
        #expect(scaled[0].changes[0].window == window)
        #expect(scaled[0].changes[0].operation == .add(.fixed(0.05)))
    }

    @Test func refusesWhatCannotBeScaled() {
        let options = SimulationOptions(trials: 10, seed: 1)
        #expect(throws: BreakEvenError.self) {
            try BreakEven.search(scenario: Self.scenario(), strategy: "loyalty", change: 1, probability: nil, options: options)
        }
        do {
            _ = try BreakEven.search(scenario: Self.scenario(), strategy: "loyality", change: 0, probability: nil, options: options)
            Issue.record("an unknown strategy must be refused")
        } catch {
            #expect(error.description.contains("did you mean \"loyalty\""), "\(error)")
        }
        let set = [StrategyChange(target: "segments.s.retention.rate", operation: .set(.fixed(0.9)))]
        #expect(throws: BreakEvenError.notScalable(strategy: "loyalty", change: 0, target: "segments.s.retention.rate")) {
            try BreakEven.search(scenario: Self.scenario(changes: set), strategy: "loyalty", change: 0, probability: nil, options: options)
        }
        #expect(throws: BreakEvenError.zeroSize(strategy: "loyalty", change: 0, target: "segments.s.retention.rate")) {
            try BreakEven.search(scenario: Self.scenario(lift: 0), strategy: "loyalty", change: 0, probability: nil, options: options)
        }
        #expect(throws: BreakEvenError.probabilityOutOfRange(1)) {
            try BreakEven.search(scenario: Self.scenario(), strategy: "loyalty", change: 0, probability: 1, options: options)
        }
    }
}
