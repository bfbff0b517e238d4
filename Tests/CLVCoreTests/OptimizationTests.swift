import Foundation
import Testing
@testable import CLVCore
import CLVRandom

/// docs/optimization.md: `Optimization` against closed forms of the Blattberg–Deighton model
/// written here from the timing rules of docs/model.md, independently of the code under test.
///
/// One segment, no current customers, one plan that reaches P prospects in period 1 only;
/// revenue m per active period (margin 1); one period per year, d = 0.1, "start" timing, so
/// period t is discounted by v^(t−1), v = 1/(1+d). With acquisition spend A per prospect and
/// retention spend R per active customer per period:
///
/// - a prospect converts with a(A) = c_a(1 − e^(−k_a A)) and pays A;
/// - a new customer is active in period 1 (k = 0), pays m and costs R there, and renews at the
///   start of each later period with r(R) = c_r(1 − e^(−k_r R)); active at tenure k with
///   probability r^k, so its value is V(R) = (m − R) · S(r), S(r) = Σ_{k<H} (r v)^k.
///
/// Expected customer equity per prospect: CE(A, R) = a(A) · V(R) − A.
///
/// **The Pfeifer (2005) condition under these rules.** ∂CE/∂A = 0 gives a′(A) V = 1: the
/// marginal cost of acquiring one more customer, MCA = 1/a′(A), equals the value V of a customer.
/// ∂CE/∂R = 0 gives S(r) = (m − R) S′(r) r′(R). For H → ∞, S = 1/(1 − rv) and S′ = v S², so
/// (m − R) S v r′ = 1, i.e. V · v · r′(R) = 1. Raising R by one unit per active customer raises
/// the next renewal probability by r′(R), so the marginal cost of retaining one more customer is
/// MCR = 1/r′(R), paid one period before the retained customer starts to be worth V. Hence at
/// the optimum MCA = V = (1 + d) · MCR: the marginal cost of acquiring a customer equals the
/// marginal cost of retaining one, carried forward one period — 1/a′(A*) = (1 + d)/r′(R*) (with a
/// horizon of H periods the two sides differ by a term of order (r v)^H, negligible here).
@Suite struct OptimizationTests {
    static let d = 0.1
    static let v = 1 / 1.1
    static let m = 100.0
    static let horizon = 80

    struct Curve { var ceiling: Double; var k: Double
        func rate(_ s: Double) -> Double { ceiling * (1 - exp(-k * s)) }
        func slope(_ s: Double) -> Double { ceiling * k * exp(-k * s) }
    }

    static func survival(_ r: Double) -> Double { (1 - pow(r * v, Double(horizon))) / (1 - r * v) }

    /// CE per prospect of the closed form.
    static func equity(a: Curve, r: Curve, acquisition: Double, retention: Double) -> Double {
        a.rate(acquisition) * (m - retention) * survival(r.rate(retention)) - acquisition
    }

    /// The Blattberg–Deighton scenario; `ceilingA` and `kR` may be uncertain.
    static func scenario(prospects: Int, ceilingA: Distribution, kA: Double, ceilingR: Double, kR: Distribution,
                         acquisition: Decision?, retention: Decision?, fixedRetentionSpend: Double = 0,
                         fixedAcquisitionSpend: Double = 0, constantRetention: Double? = nil) -> Scenario {
        let retentionModel: RetentionModel
        if let constantRetention {
            retentionModel = .constant(rate: .fixed(constantRetention))
        } else {
            retentionModel = .constantResponse(ResponseCurve(ceiling: .fixed(ceilingR), k: kR,
                                                             spend: retention.map { .decision($0.name) } ?? .amount(fixedRetentionSpend)))
        }
        let segment = Segment(name: "s", retention: retentionModel, revenue: .fixed(m))
        var scenario = Scenario(name: "blattberg-deighton", horizonPeriods: horizon, annualDiscountRate: .fixed(d), segments: [segment])
        scenario.periodsPerYear = 1
        let conversion = ResponseCurve(ceiling: ceilingA, k: .fixed(kA),
                                       spend: acquisition.map { .decision($0.name) } ?? .amount(fixedAcquisitionSpend))
        scenario.acquisition = [AcquisitionPlan(segment: "s", fromPeriod: 1, toPeriod: 1,
                                                volume: .prospects(perPeriod: .fixed(Double(prospects)), conversion: conversion))]
        scenario.decisions = [acquisition, retention].compactMap { $0 }
        return scenario
    }

    static let a = Curve(ceiling: 0.3, k: 0.05)
    static let r = Curve(ceiling: 0.9, k: 0.1)

    /// The closed form's maximiser by a fine grid refined twice (CE is smooth and unimodal here).
    static func closedFormMaximiser(_ f: (Double, Double) -> Double, a: ClosedRange<Double>, r: ClosedRange<Double>) -> (Double, Double) {
        var (lo1, hi1, lo2, hi2) = (a.lowerBound, a.upperBound, r.lowerBound, r.upperBound)
        var best = (lo1, lo2)
        for _ in 0..<6 {
            var value = -Double.infinity
            for i in 0...40 { for j in 0...40 {
                let x = lo1 + (hi1 - lo1) * Double(i) / 40, y = lo2 + (hi2 - lo2) * Double(j) / 40
                let fx = f(x, y)
                if fx > value { value = fx; best = (x, y) }
            } }
            let w1 = (hi1 - lo1) / 10, w2 = (hi2 - lo2) / 10
            (lo1, hi1) = (max(a.lowerBound, best.0 - w1), min(a.upperBound, best.0 + w1))
            (lo2, hi2) = (max(r.lowerBound, best.1 - w2), min(r.upperBound, best.1 + w2))
        }
        return best
    }

    /// The simulated expected customer equity per prospect matches the closed form within 4 SE
    /// at three spend pairs (the conversion and renewal draws are exact binomials).
    @Test(arguments: [(10.0, 5.0), (30.0, 33.0), (80.0, 50.0)])
    func simulatedEquityMatchesClosedForm(_ spends: (Double, Double)) throws {
        let prospects = 20_000
        let scenario = Self.scenario(prospects: prospects, ceilingA: .fixed(Self.a.ceiling), kA: Self.a.k, ceilingR: Self.r.ceiling,
                                     kR: .fixed(Self.r.k), acquisition: nil, retention: nil,
                                     fixedRetentionSpend: spends.1, fixedAcquisitionSpend: spends.0)
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 400, seed: 11, threads: 2))
        let equity = try #require(result.column(.customerEquity))
        let ce = try #require(Stat(equity, levels: [0.9]))
        let exact = Self.equity(a: Self.a, r: Self.r, acquisition: spends.0, retention: spends.1) * Double(prospects)
        #expect(abs(ce.mean - exact) < 4 * ce.standardError, "CE \(ce.mean) ± \(ce.standardError) vs closed form \(exact)")
        let spend = try #require(result.column(.acquisitionSpend))
        #expect(spend.allSatisfy { $0 == spends.0 * Double(prospects) })
        // Retention spend is R per active customer-period: R/(m − R) of the customers' value.
        let value = try #require(result.column(.newCustomerValue)), retention = try #require(result.column(.retentionSpend))
        for t in 0..<10 { #expect(abs(retention[t] - value[t] * spends.1 / Self.m) <= 1e-9 * value[t]) }
    }

    /// optimize finds the closed form's maximiser (A*, R*), and there the marginal cost of
    /// acquiring a customer equals the marginal cost of retaining one carried forward a period.
    @Test func blattbergDeightonOptimumAndPfeiferCondition() throws {
        let scenario = Self.scenario(prospects: 1_000_000, ceilingA: .fixed(Self.a.ceiling), kA: Self.a.k, ceilingR: Self.r.ceiling,
                                     kR: .fixed(Self.r.k), acquisition: Decision(name: "acquisition", min: 0, max: 100, value: 10),
                                     retention: Decision(name: "retention", min: 0, max: 60, value: 10))
        let request = OptimizationRequest(scenario: scenario, options: SimulationOptions(trials: 16, seed: 5, threads: 2),
                                          replications: 2, profilePoints: 5)
        let outcome = try Optimization.perform(request)
        let (aStar, rStar) = Self.closedFormMaximiser({ Self.equity(a: Self.a, r: Self.r, acquisition: $0, retention: $1) },
                                                      a: 0...100, r: 0...60)
        let found = outcome.decisions
        for (decision, exact) in zip(found, [aStar, rStar]) {
            let allowed = decision.tolerance + 4 * (decision.replicationSD ?? 0)
            #expect(abs(decision.value - exact) <= allowed, "\(decision.name): \(decision.value) vs \(exact) ± \(allowed)")
            #expect(allowed < 0.02 * (decision.max - decision.min), "\(decision.name): tolerance \(allowed) too wide to test")
        }
        // Pfeifer: 1/a′(A*) = (1 + d)/r′(R*), at the exact maximiser (to the grid's precision)...
        let mca = 1 / Self.a.slope(aStar), mcr = 1 / Self.r.slope(rStar)
        #expect(abs(mca / ((1 + Self.d) * mcr) - 1) < 1e-3, "MCA \(mca) vs (1+d)·MCR \((1 + Self.d) * mcr)")
        // ... and at the optimum found, within what its location allows: ln(MCA) moves by k_a·δA.
        let foundMCA = 1 / Self.a.slope(found[0].value), foundMCR = 1 / Self.r.slope(found[1].value)
        let slack = Self.a.k * (found[0].tolerance + 4 * (found[0].replicationSD ?? 0))
            + Self.r.k * (found[1].tolerance + 4 * (found[1].replicationSD ?? 0))
        #expect(abs(log(foundMCA / ((1 + Self.d) * foundMCR))) <= slack + 1e-3)
        #expect(outcome.evaluations > 10)
        #expect(outcome.profiles.count == 2)
        let peak = try #require(outcome.profiles[0].objective.max())
        #expect(peak <= outcome.objectiveValue + 1e-9 * abs(outcome.objectiveValue))
        #expect(outcome.run.summary?.metric(.customerEquity) != nil)
    }

    /// With an uncertain conversion ceiling c_a ~ Uniform(0.2, 0.4) and k_r ~ Uniform(0.05, 0.15)
    /// (independent), the mean objective's optimum is the maximiser of E[CE] by Gauss–Legendre
    /// quadrature; the p10 objective spends no more on acquisition (CE is increasing in c_a for
    /// every A, so its 10th percentile is CE at c_a's 10th percentile, whose optimum
    /// A*(c) = ln(c·k_a·V)/k_a grows with c).
    @Test func uncertainParametersMeanAndCautiousObjective() throws {
        let retentionSpend = 30.0
        let scenario = Self.scenario(prospects: 50_000, ceilingA: .uniform(min: 0.2, max: 0.4), kA: Self.a.k, ceilingR: Self.r.ceiling,
                                     kR: .uniform(min: 0.05, max: 0.15), acquisition: Decision(name: "acquisition", min: 0, max: 100),
                                     retention: nil, fixedRetentionSpend: retentionSpend)
        let options = SimulationOptions(trials: 256, seed: 9, threads: 2)
        let mean = try Optimization.perform(OptimizationRequest(scenario: scenario, options: options, replications: 3, profilePoints: 0))
        // E[CE](A) = E[a(A)] · E[V] − A (c_a and k_r independent); E[V] by 20-point Gauss–Legendre.
        let (nodes, weights) = Quadrature.legendre(20)
        var expectedValue = 0.0
        for (x, w) in zip(nodes, weights) {
            let kr = 0.1 + 0.05 * x
            expectedValue += w / 2 * (Self.m - retentionSpend) * Self.survival(Curve(ceiling: Self.r.ceiling, k: kr).rate(retentionSpend))
        }
        let aStar = log(0.3 * Self.a.k * expectedValue) / Self.a.k  // E[c_a] = 0.3; from E[a′(A)]·E[V] = 1
        let decision = mean.decisions[0]
        let allowed = decision.tolerance + 4 * (decision.replicationSD ?? 0)
        #expect(abs(decision.value - aStar) <= allowed, "A \(decision.value) vs \(aStar) ± \(allowed)")
        #expect(allowed < 5, "tolerance \(allowed) too wide to test")

        let cautious = try Optimization.perform(OptimizationRequest(scenario: scenario, options: options, objective: .percentile(10),
                                                                    replications: 0, profilePoints: 0))
        #expect(cautious.decisions[0].value <= decision.value)
        #expect(cautious.decisions[0].value < aStar - 2, "p10 spends \(cautious.decisions[0].value), mean \(aStar)")
    }

    /// The same seed gives the same optimum, bit for bit, with 1 and 2 threads.
    @Test func optimumIsTheSameForAnyThreadCount() throws {
        let scenario = Self.scenario(prospects: 5_000, ceilingA: .uniform(min: 0.2, max: 0.4), kA: Self.a.k, ceilingR: Self.r.ceiling,
                                     kR: .uniform(min: 0.05, max: 0.15), acquisition: Decision(name: "acquisition", min: 0, max: 100),
                                     retention: Decision(name: "retention", min: 0, max: 60))
        func run(_ threads: Int) throws -> OptimizationOutcome {
            try Optimization.perform(OptimizationRequest(scenario: scenario, options: SimulationOptions(trials: 100, seed: 3, threads: threads),
                                                         replications: 0, profilePoints: 3))
        }
        let one = try run(1), two = try run(2)
        #expect(one.decisions.map(\.value) == two.decisions.map(\.value))
        #expect(one.objectiveValue == two.objectiveValue)
        #expect(one.evaluations == two.evaluations)
        #expect(one.profiles == two.profiles)
    }

    /// A budget below the unconstrained spend binds: the spend is the budget, and the reported
    /// marginal value of budget matches (CE*(B + δ) − CE*(B − δ)) / 2δ of two constrained runs
    /// and the closed form a′(A)·V − 1 at A = B / P.
    @Test func budgetBindsAndItsMarginalValue() throws {
        let prospects = 100_000
        let scenario = Self.scenario(prospects: prospects, ceilingA: .fixed(Self.a.ceiling), kA: Self.a.k, ceilingR: 0, kR: .fixed(0),
                                     acquisition: Decision(name: "acquisition", min: 0, max: 100, value: 5), retention: nil,
                                     constantRetention: 0.8)
        let options = SimulationOptions(trials: 32, seed: 4, threads: 2)
        func optimise(_ budget: Double?) throws -> OptimizationOutcome {
            try Optimization.perform(OptimizationRequest(scenario: scenario, options: options, budget: budget, replications: 0, profilePoints: 0))
        }
        let free = try optimise(nil)
        let budget = 15.0 * Double(prospects)
        #expect(free.spend > budget * 1.5, "unconstrained spend \(free.spend)")
        let bound = try optimise(budget)
        #expect(bound.budgetBinds)
        #expect(abs(bound.spend - budget) <= 1e-3 * budget, "spend \(bound.spend) vs budget \(budget)")
        let lambda = try #require(bound.marginalValueOfBudget)
        let delta = 0.5 * Double(prospects)
        let above = try optimise(budget + delta), below = try optimise(budget - delta)
        let difference = (above.objectiveValue - below.objectiveValue) / (2 * delta)
        #expect(abs(lambda - difference) <= 0.02 * abs(difference), "λ \(lambda) vs finite difference \(difference)")
        let value = Self.m * Self.survival(0.8)
        let exact = Self.a.slope(15) * value - 1
        #expect(abs(lambda - exact) <= 0.03 * abs(exact), "λ \(lambda) vs closed form \(exact)")
        let loose = try optimise(free.spend * 2)
        #expect(loose.budgetBinds == false)
    }
}
