import Foundation
import Testing
@testable import CLVCore
import CLVRandom

/// docs/model.md, "How the simulation works, and why it is exact": the exact-expectation metrics against closed forms computed here, independently
/// of the code under test. Per-period rate d = 0.1 exactly (R = 0.1, one period per year).
@Suite struct ClosedFormTests {
    static let d = 0.1
    static let v = 1 / 1.1

    /// A one-segment scenario with fixed parameters, revenue 1 and margin 1.
    static func scenario(_ retention: RetentionModel, horizon: Int, renewals: Int = 0,
                         timing: CashFlowTiming = .start, customers: Int = 1) -> Scenario {
        var segment = Segment(name: "s", customers: customers, renewals: renewals, retention: retention, revenue: .fixed(1))
        segment.margin = .fixed(1)
        var scenario = Scenario(name: "closed-form", horizonPeriods: horizon, annualDiscountRate: .fixed(0.1), segments: [segment])
        scenario.periodsPerYear = 1
        scenario.cashFlowTiming = timing
        return scenario
    }

    /// Runs a few trials and returns the first trial's value of `metric`.
    static func exact(_ scenario: Scenario, _ metric: String) throws -> Double {
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 2, seed: 7))
        let values = try #require(result.metrics.column(metric))
        #expect(values[0] == values[1], "an exact expectation must not vary between trials with fixed parameters")
        return values[0]
    }

    static func relativeError(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }

    /// Gauss hypergeometric 2F1(1, b; c; z) = Σ_k (b)_k / (c)_k z^k, summed to convergence.
    static func hypergeometric1(b: Double, c: Double, z: Double) -> Double {
        var term = 1.0, sum = 1.0, k = 0.0
        while abs(term) > 1e-18 * abs(sum) {
            term *= (b + k) / (c + k) * z
            sum += term
            k += 1
        }
        return sum
    }

    @Test(arguments: [0.5, 0.8, 0.95])
    func constantRetentionNewCustomerStart(r: Double) throws {
        // Long horizon: the truncated tail (r v)^H (1+d)/(1+d−r) is accounted for exactly.
        let h = 400
        let infinite = (1 + Self.d) / (1 + Self.d - r)
        let finite = infinite * (1 - pow(r * Self.v, Double(h)))
        let clv = try Self.exact(Self.scenario(.constant(rate: .fixed(r)), horizon: h), "segments.s.clv")
        #expect(Self.relativeError(clv, finite) < 1e-9)
        #expect(Self.relativeError(clv, infinite) < 1e-9)
    }

    @Test(arguments: [0.5, 0.8, 0.95])
    func constantRetentionCurrentCustomerEnd(r: Double) throws {
        let h = 400
        let infinite = r / (1 + Self.d - r)  // the margin multiple
        let value = try Self.exact(Self.scenario(.constant(rate: .fixed(r)), horizon: h, timing: .end), "segments.s.residualClv")
        #expect(Self.relativeError(value, infinite * (1 - pow(r * Self.v, Double(h)))) < 1e-9)
        #expect(Self.relativeError(value, infinite) < 1e-9)
    }

    @Test(arguments: [0.5, 0.8, 0.95])
    func constantRetentionCurrentCustomerStart(r: Double) throws {
        let h = 400
        let infinite = r * (1 + Self.d) / (1 + Self.d - r)
        let value = try Self.exact(Self.scenario(.constant(rate: .fixed(r)), horizon: h, renewals: 5), "segments.s.residualClv")
        #expect(Self.relativeError(value, infinite) < 1e-9)
    }

    @Test(arguments: [(0.7, 1.2), (1.0, 1.0), (0.3, 3.5), (2.0, 0.5)])
    func shiftedBetaGeometricDEL(alpha: Double, beta: Double) throws {
        let h = 600
        let del = Self.hypergeometric1(b: beta, c: alpha + beta, z: Self.v)
        let clv = try Self.exact(Self.scenario(.sbg(alpha: .fixed(alpha), beta: .fixed(beta)), horizon: h), "segments.s.clv")
        #expect(Self.relativeError(clv, del) < 1e-9)
    }

    @Test(arguments: [(0.7, 1.2, 1), (0.7, 1.2, 4), (1.5, 0.8, 10)])
    func shiftedBetaGeometricDERL(alpha: Double, beta: Double, n: Int) throws {
        // A customer who has made n − 1 renewals.
        let h = 600
        let nn = Double(n)
        let derl = (beta + nn - 1) / (alpha + beta + nn - 1)
            * Self.hypergeometric1(b: beta + nn, c: alpha + beta + nn, z: Self.v)
        let value = try Self.exact(
            Self.scenario(.sbg(alpha: .fixed(alpha), beta: .fixed(beta)), horizon: h, renewals: n - 1), "segments.s.residualClv")
        #expect(Self.relativeError(value, derl) < 1e-9)
    }

    @Test(arguments: [1, 2, 12, 60])
    func finiteHorizonConstantNewStart(h: Int) throws {
        let r = 0.8
        var sum = 0.0
        for k in 0..<h { sum += pow(r / (1 + Self.d), Double(k)) }
        let clv = try Self.exact(Self.scenario(.constant(rate: .fixed(r)), horizon: h), "segments.s.clv")
        #expect(Self.relativeError(clv, sum) < 1e-12)
    }

    @Test func endTimingDiscountsOneMorePeriod() throws {
        let r = 0.8
        let start = try Self.exact(Self.scenario(.constant(rate: .fixed(r)), horizon: 50), "segments.s.clv")
        let end = try Self.exact(Self.scenario(.constant(rate: .fixed(r)), horizon: 50, timing: .end), "segments.s.clv")
        #expect(Self.relativeError(end, start * Self.v) < 1e-12)
    }

    @Test func curveRetentionMatchesProductOfRates() throws {
        let rates = [0.6, 0.8, 0.9]
        let scale = 1.05
        let h = 30
        // Renewal n succeeds with min(1, rates[min(n, 3) − 1] · scale).
        var survival = 1.0, expected = 0.0
        for k in 0..<h {
            if k > 0 { survival *= min(1, rates[min(k, rates.count) - 1] * scale) }
            expected += survival * pow(Self.v, Double(k))
        }
        let clv = try Self.exact(Self.scenario(.curve(rates: rates, scale: .fixed(scale)), horizon: h), "segments.s.clv")
        #expect(Self.relativeError(clv, expected) < 1e-12)
    }

    @Test func marginGrowthAndServiceCost() throws {
        // revenue 40, margin 0.5, service 3, growth 12%/year on a monthly scenario.
        var scenario = Self.scenario(.constant(rate: .fixed(0.9)), horizon: 36)
        scenario.periodsPerYear = 12
        scenario.segments[0].revenue = .fixed(40)
        scenario.segments[0].margin = .fixed(0.5)
        scenario.segments[0].serviceCost = .fixed(3)
        scenario.segments[0].revenueGrowth = .fixed(0.12)
        let d = pow(1.1, 1.0 / 12) - 1
        var expected = 0.0
        for k in 0..<36 {
            let cash = 40 * pow(1.12, Double(k) / 12) * 0.5 - 3
            expected += pow(0.9, Double(k)) * cash / pow(1 + d, Double(k))
        }
        let clv = try Self.exact(scenario, "segments.s.clv")
        #expect(Self.relativeError(clv, expected) < 1e-12)
    }

    @Test(arguments: [0.5, 1.0, 2.0])
    func referralTreeExpectedValue(k: Double) throws {
        // Retention 1, no discounting, revenue 1 per period: a new customer acquired in period t
        // is worth H − t + 1. With cycle c, V(t) = (H − t + 1) + K·V(t + c) while t + c ≤ H.
        let h = 13, c = 3
        var scenario = Self.scenario(.constant(rate: .fixed(1)), horizon: h)
        scenario.annualDiscountRate = .fixed(0)
        scenario.segments[0].referrals = Referrals(coefficient: .fixed(k), cyclePeriods: c)
        func value(_ t: Int) -> Double { Double(h - t + 1) + (t + c <= h ? k * value(t + c) : 0) }
        let clvWithReferrals = try Self.exact(scenario, "segments.s.clvWithReferrals")
        #expect(Self.relativeError(clvWithReferrals, value(1)) < 1e-12)
        let clv = try Self.exact(scenario, "segments.s.clv")
        #expect(clv == Double(h))
    }
}
