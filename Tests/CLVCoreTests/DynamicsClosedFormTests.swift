import Foundation
import Testing
@testable import CLVCore
import CLVRandom

/// The exact expected values of the customer dynamics (recency retention, migration between
/// segments, billing cycles) against values computed here by explicit summation over periods of
/// the rules of the scenario format — never through `CustomerChain` or `ChainExpectation` — and,
/// for the infinite horizon, against hand-solved linear systems. Relative agreement 10⁻⁹.
@Suite struct DynamicsClosedFormTests {
    static let tolerance = 1e-9

    /// A segment with fixed revenue `revenue`, margin 1 and constant retention `rate`.
    static func segment(_ name: String, revenue: Double, rate: Double = 1, customers: Int = 0) -> Segment {
        Segment(name: name, customers: customers, retention: .constant(rate: .fixed(rate)), revenue: .fixed(revenue))
    }

    /// A scenario with one period per year and an annual rate of 0.1 (v = 1/1.1 per period).
    static func scenario(_ segments: [Segment], horizon: Int) -> Scenario {
        var scenario = Scenario(name: "dynamics-closed-form", horizonPeriods: horizon, annualDiscountRate: .fixed(0.1),
                                segments: segments)
        scenario.periodsPerYear = 1
        return scenario
    }

    /// The exact expectations of trial 0 of a scenario whose inputs are all fixed, straight from
    /// the trial runner (for `perpetualClv` and `recencyValues`, which no metric column holds).
    static func expectedValues(_ scenario: Scenario) throws -> ExpectedValues {
        try trialOutcome(scenario).expected
    }

    /// Trial 0 of a scenario whose inputs are all fixed, from the trial runner.
    static func trialOutcome(_ scenario: Scenario) throws -> TrialOutcome {
        let model = try SimulationModel(scenario: scenario)
        let values = try scenario.inputs.map { input -> Double in
            guard case .fixed(let x) = input.distribution else { throw SimulationError.invalid("a fixed input is expected") }
            return x
        }
        var runner = TrialRunner(model: model, seed: 7)
        let uniforms = [Double](repeating: .nan, count: values.count)
        let run = runner.run(trial: 0, inputs: values[...], uniforms: uniforms[...])
        return try #require(run)
    }

    // MARK: - Brand switching (migration)

    /// Two segments with retention 1: A (revenue `valueA`) and B (revenue `valueB`, service cost
    /// `serviceB`); A → B with probability a and B → A with b at every renewal. Returns the
    /// scenario with `customers` current customers of A.
    static func brandSwitching(a: Double, b: Double, valueA: Double = 1, valueB: Double = 0, serviceB: Double = 0,
                               horizon: Int, customers: Int = 0) -> Scenario {
        var segmentA = Self.segment("A", revenue: valueA, customers: customers)
        var segmentB = Self.segment("B", revenue: valueB)
        segmentB.serviceCost = .fixed(serviceB)
        segmentA.migration = [Migration(to: "B", probability: .fixed(a))]
        segmentB.migration = [Migration(to: "A", probability: .fixed(b))]
        return Self.scenario([segmentA, segmentB], horizon: horizon)
    }

    /// The value of a customer who is in A with probability `inA` (else in B) in period 1:
    /// Σ_{t<H} δ^t π_t·v with π_{t+1} = π_t·M, M = [[1 − a, a], [b, 1 − b]], period by period.
    static func switchingValue(a: Double, b: Double, v: (Double, Double), inA: Double, horizon: Int) -> Double {
        var pA = inA, pB = 1 - inA
        var total = 0.0, discount = 1.0
        for _ in 0..<horizon {
            total += discount * (pA * v.0 + pB * v.1)
            (pA, pB) = (pA * (1 - a) + pB * b, pA * a + pB * (1 - b))
            discount /= 1.1
        }
        return total
    }

    /// clv of a new A customer = e_Aᵀ Σ_{t<H} (δM)^t v: the customer is in A in the period of
    /// acquisition and moves at each renewal, from the next period. residualClv of a current A
    /// customer: their first renewal (and move) comes before period 1, so π_1 = e_A·M. Checked on
    /// a short horizon (where the truncation matters) and a long one.
    @Test(arguments: [(0.3, 0.2, 0.0, 0.0), (0.1, 0.6, 0.4, 0.15), (0.9, 0.05, 2.0, 0.5)])
    func brandSwitchingFiniteHorizon(a: Double, b: Double, valueB: Double, serviceB: Double) throws {
        for horizon in [1, 2, 7, 300] {
            let scenario = Self.brandSwitching(a: a, b: b, valueB: valueB, serviceB: serviceB, horizon: horizon)
            let v = (1.0, valueB - serviceB)
            let clv = try ClosedFormTests.exact(scenario, "segments.A.clv")
            let expected = Self.switchingValue(a: a, b: b, v: v, inA: 1, horizon: horizon)
            #expect(ClosedFormTests.relativeError(clv, expected) < Self.tolerance, "H \(horizon): \(clv) vs \(expected)")
            // A new B customer starts in B.
            let clvB = try ClosedFormTests.exact(scenario, "segments.B.clv")
            let expectedB = Self.switchingValue(a: a, b: b, v: v, inA: 0, horizon: horizon)
            #expect(abs(clvB - expectedB) <= Self.tolerance * max(abs(expectedB), 1), "H \(horizon): \(clvB) vs \(expectedB)")
            let residual = try ClosedFormTests.exact(scenario, "segments.A.residualClv")
            let expectedResidual = Self.switchingValue(a: a, b: b, v: v, inA: 1 - a, horizon: horizon)
            #expect(ClosedFormTests.relativeError(residual, expectedResidual) < Self.tolerance,
                    "H \(horizon): \(residual) vs \(expectedResidual)")
        }
    }

    /// The infinite-horizon value e_Aᵀ (I − δM)⁻¹ v with the 2×2 inverse written out:
    /// (I − δM)⁻¹ = [[1 − δ(1 − b), δa], [δb, 1 − δ(1 − a)]] / det, det = (1 − δ(1 − a))(1 − δ(1 − b)) − δ²ab.
    /// `perpetualClv` equals it, and the 300-period clv approaches it (δ³⁰⁰ ≈ 4·10⁻¹³).
    @Test(arguments: [(0.3, 0.2, 0.0, 0.0), (0.1, 0.6, 0.4, 0.15), (0.9, 0.05, 2.0, 0.5)])
    func brandSwitchingPerpetualValue(a: Double, b: Double, valueB: Double, serviceB: Double) throws {
        let delta = 1 / 1.1
        let vA = 1.0, vB = valueB - serviceB
        let det = (1 - delta * (1 - a)) * (1 - delta * (1 - b)) - delta * delta * a * b
        let perpetual = ((1 - delta * (1 - b)) * vA + delta * a * vB) / det
        let perpetualB = (delta * b * vA + (1 - delta * (1 - a)) * vB) / det
        let scenario = Self.brandSwitching(a: a, b: b, valueB: valueB, serviceB: serviceB, horizon: 300)
        let expected = try Self.expectedValues(scenario)
        #expect(ClosedFormTests.relativeError(expected.perpetualClv[0], perpetual) < Self.tolerance,
                "\(expected.perpetualClv[0]) vs \(perpetual)")
        #expect(abs(expected.perpetualClv[1] - perpetualB) <= Self.tolerance * max(abs(perpetualB), 1))
        #expect(ClosedFormTests.relativeError(expected.clv[0], perpetual) < Self.tolerance)
    }

    /// Spend multipliers and the cash of migrated customers: with revenue growth the chain
    /// changes with tenure, so there is no perpetual value (NaN), while the finite sum
    /// Σ_t δ^t π_t·v(t) with v_A(t) = (1 + g)^t still matches.
    @Test func brandSwitchingWithGrowthHasNoPerpetualValue() throws {
        var scenario = Self.brandSwitching(a: 0.25, b: 0.4, valueB: 0.5, horizon: 40)
        scenario.segments[0].revenueGrowth = .fixed(0.03)
        let expected = try Self.expectedValues(scenario)
        #expect(expected.perpetualClv[0].isNaN)
        var pA = 1.0, pB = 0.0, total = 0.0
        for t in 0..<40 {
            total += pow(1.1, -Double(t)) * (pA * pow(1.03, Double(t)) + pB * 0.5)
            (pA, pB) = (pA * 0.75 + pB * 0.4, pA * 0.25 + pB * 0.6)
        }
        #expect(ClosedFormTests.relativeError(expected.clv[0], total) < Self.tolerance, "\(expected.clv[0]) vs \(total)")
    }

    /// Migrated customers count as active in the segment they are in, and their cash is their
    /// origin segment's value. A → B with probability 1 and B → A with 0, retention 1: A's 1 000
    /// current customers renew before period 1 and are in B from then on; B keeps its 200; a plan
    /// brings 10 customers into A in periods 1 … 3, who are in A in that period only. So A is
    /// active only with the plan's customers, B with everyone else, and A's value is all the
    /// cash of A's customers (0.5 per period in B, 1 in the period of acquisition).
    @Test func migratedCustomersAreActiveWhereTheyAreAndValuedByOrigin() throws {
        let horizon = 10
        var scenario = Self.brandSwitching(a: 1, b: 0, valueB: 0.5, horizon: horizon, customers: 1000)
        scenario.segments[1].customers = 200
        scenario.acquisition = [AcquisitionPlan(segment: "A", fromPeriod: 1, toPeriod: 3, volume: .customers(perPeriod: .fixed(10)))]
        let history = try Self.trialOutcome(scenario).history
        func discount(_ t: Int) -> Double { pow(1.1, -Double(t - 1)) }
        var valueA = 0.0, valueB = 0.0
        for t in 1...horizon {
            let planInB = 10 * min(t - 1, 3)
            #expect(history.activeBySegment[t - 1] == (t <= 3 ? 10 : 0), "A in period \(t)")
            #expect(history.activeBySegment[horizon + t - 1] == Double(1200 + planInB), "B in period \(t)")
            valueA += discount(t) * (1000 * 0.5 + Double(planInB) * 0.5 + (t <= 3 ? 10 : 0))
            valueB += discount(t) * 200 * 0.5
        }
        #expect(ClosedFormTests.relativeError(history.segmentValues[0], valueA) < 1e-12, "\(history.segmentValues[0]) vs \(valueA)")
        #expect(ClosedFormTests.relativeError(history.segmentValues[1], valueB) < 1e-12, "\(history.segmentValues[1]) vs \(valueB)")
    }

    // MARK: - Recency (Pfeifer–Carraway)

    static let purchase = [0.6, 0.4, 0.25, 0.1]

    /// One recency segment: revenue 10, margin 0.5 (5 per purchase), service cost 0.8 per period.
    static func recencyScenario(horizon: Int, renewals: Int = 0, recency: Int = 1, growth: Double = 0) -> Scenario {
        var segment = Segment(name: "r", customers: 10, renewals: renewals,
                              retention: .recency(purchaseProbability: purchase.map { .fixed($0) }), revenue: .fixed(10))
        segment.margin = .fixed(0.5)
        segment.serviceCost = .fixed(0.8)
        segment.revenueGrowth = .fixed(growth)
        segment.recency = recency
        return Self.scenario([segment], horizon: horizon)
    }

    /// The value of a customer at recency `start` (0: acquired this period) and tenure `tenure`
    /// in period 1, by the rules: in the period of acquisition a purchase (margin, no service
    /// cost); at recency j the service cost, then a purchase with p_j (margin at the tenure,
    /// next recency 1) or recency j + 1, lost after recency k. The state distribution is carried
    /// period by period.
    static func recencyValue(start: Int, tenure: Int, horizon: Int, growth: Double) -> Double {
        let k = purchase.count
        var pi = [Double](repeating: 0, count: k + 1)
        pi[start] = 1
        var total = 0.0
        for t in 0..<horizon {
            let margin = 5 * pow(1 + growth, Double(tenure + t))
            var cash = pi[0] * margin
            var next = [Double](repeating: 0, count: k + 1)
            next[1] += pi[0]
            for j in 1...k {
                cash += pi[j] * (-0.8 + purchase[j - 1] * margin)
                next[1] += pi[j] * purchase[j - 1]
                if j < k { next[j + 1] += pi[j] * (1 - purchase[j - 1]) }
            }
            total += cash * pow(1.1, -Double(t))
            pi = next
        }
        return total
    }

    /// clv of a new customer and residualClv of current customers at each recency r = 1 … 4
    /// (with revenue growth, so tenure matters), and `recencyValues` for every recency.
    @Test(arguments: [0.0, 0.04])
    func recencyChainValues(growth: Double) throws {
        for horizon in [1, 3, 25] {
            let clv = try ClosedFormTests.exact(Self.recencyScenario(horizon: horizon, growth: growth), "segments.r.clv")
            let expected = Self.recencyValue(start: 0, tenure: 0, horizon: horizon, growth: growth)
            #expect(ClosedFormTests.relativeError(clv, expected) < Self.tolerance, "H \(horizon): \(clv) vs \(expected)")
            for r in 1...4 {
                let scenario = Self.recencyScenario(horizon: horizon, renewals: 3, recency: r, growth: growth)
                let residual = try ClosedFormTests.exact(scenario, "segments.r.residualClv")
                let expectedResidual = Self.recencyValue(start: r, tenure: 4, horizon: horizon, growth: growth)
                #expect(abs(residual - expectedResidual) <= Self.tolerance * max(abs(expectedResidual), 1),
                        "H \(horizon), recency \(r): \(residual) vs \(expectedResidual)")
            }
            let values = try Self.expectedValues(Self.recencyScenario(horizon: horizon, renewals: 3, growth: growth)).recencyValues[0]
            #expect(values.count == 4)
            for r in 1...4 {
                let expectedValue = Self.recencyValue(start: r, tenure: 4, horizon: horizon, growth: growth)
                #expect(abs(values[r - 1] - expectedValue) <= Self.tolerance * max(abs(expectedValue), 1))
            }
        }
    }

    /// The infinite-horizon value of a new recency customer, solved by hand: V_j = α_j + β_j·V_1
    /// backwards from V_{k+1} = 0 (V_j = −c + p_j·m + δ(p_j·V_1 + (1 − p_j)·V_{j+1})), then
    /// V_1 = α_1 / (1 − β_1) and V_0 = m + δ·V_1. `perpetualClv` and a 400-period clv both equal it.
    @Test func recencyPerpetualValue() throws {
        let delta = 1 / 1.1, m = 5.0, c = 0.8
        var alpha = 0.0, beta = 0.0  // V_{k+1} = 0
        for p in Self.purchase.reversed() {
            (alpha, beta) = (-c + p * m + delta * (1 - p) * alpha, delta * p + delta * (1 - p) * beta)
        }
        let v1 = alpha / (1 - beta)
        let v0 = m + delta * v1
        let expected = try Self.expectedValues(Self.recencyScenario(horizon: 400))
        #expect(ClosedFormTests.relativeError(expected.perpetualClv[0], v0) < Self.tolerance, "\(expected.perpetualClv[0]) vs \(v0)")
        #expect(ClosedFormTests.relativeError(expected.clv[0], v0) < Self.tolerance, "\(expected.clv[0]) vs \(v0)")
        #expect(ClosedFormTests.relativeError(expected.recencyValues[0][0], v1) < Self.tolerance)
    }

    // MARK: - Billing cycles

    /// A segment billing every b periods: revenue 10 per period, margin 0.6, service cost 1,
    /// monthly periods (annual rate 0.1, so D_t = 1.1^(−(t−1)/12)), revenue growth 6 % a year.
    static func billingScenario(b: Int, retention: RetentionModel, customers: Int, renewals: Int, horizon: Int,
                                timing: CashFlowTiming = .start) -> Scenario {
        var segment = Segment(name: "b", customers: customers, renewals: renewals, retention: retention, revenue: .fixed(10))
        segment.margin = .fixed(0.6)
        segment.serviceCost = .fixed(1)
        segment.revenueGrowth = .fixed(0.06)
        segment.billingPeriods = b
        var scenario = Self.scenario([segment], horizon: horizon)
        scenario.periodsPerYear = 12
        scenario.cashFlowTiming = timing
        return scenario
    }

    static func billingDiscount(_ t: Int, timing: CashFlowTiming) -> Double {
        pow(1.1, -(Double(t) - (timing == .start ? 1 : 0)) / 12)
    }

    /// The cycle's payment at tenure k: b periods of revenue · margin, grown to the tenure.
    static func cyclePayment(b: Int, tenure k: Int) -> Double { Double(b) * 10 * 0.6 * pow(1.06, Double(k) / 12) }

    /// clv = Σ_{m ≥ 0, m·b < H} S_m · b·revenue·margin·(1 + g)^(m·b/12) · D_{1+m·b} − Σ_{t<H} S_{⌊t/b⌋} · c · D_{1+t},
    /// with S_m the probability of having made m cycle renewals (r^m for constant retention, the
    /// product of the first m curve rates for a curve).
    @Test(arguments: [1, 3, 12], [CashFlowTiming.start, .end])
    func billingCyclesNewCustomer(b: Int, timing: CashFlowTiming) throws {
        let rates = [0.7, 0.8, 0.9]
        let models: [(RetentionModel, (Int) -> Double)] = [
            (.constant(rate: .fixed(0.85)), { _ in 0.85 }),
            (.curve(rates: rates, scale: .fixed(1)), { n in rates[min(n, rates.count) - 1] }),
        ]
        for (retention, rate) in models {
            for horizon in [1, b, b + 1, 40] {
                let scenario = Self.billingScenario(b: b, retention: retention, customers: 0, renewals: 0, horizon: horizon, timing: timing)
                var survival = [1.0]  // survival[m]: m renewals made
                for n in 1...(horizon / b + 1) { survival.append(survival[n - 1] * rate(n)) }
                var expected = 0.0
                for m in 0..<horizon where m * b < horizon {
                    expected += survival[m] * Self.cyclePayment(b: b, tenure: m * b) * Self.billingDiscount(1 + m * b, timing: timing)
                }
                for t in 0..<horizon { expected -= survival[t / b] * 1 * Self.billingDiscount(1 + t, timing: timing) }
                let clv = try ClosedFormTests.exact(scenario, "segments.b.clv")
                #expect(ClosedFormTests.relativeError(clv, expected) < Self.tolerance, "b \(b), H \(horizon): \(clv) vs \(expected)")
            }
        }
    }

    /// residualClv of current customers spread over the b billing groups: group g = 1 … b holds
    /// ⌊N/b⌋ customers (+1 for g ≤ N mod b), has already paid until period g (service cost only),
    /// renews at the start of periods g, g + b, … (renewal number renewals + 1, + 2, …) and then
    /// pays the cycle at tenure (renewals + 1 + m)·b. The value is the groups' count-weighted mean.
    @Test(arguments: [(1, 10, 0), (3, 10, 2), (4, 5, 0), (12, 30, 1), (5, 3, 4)])
    func billingCyclesCurrentGroups(b: Int, customers: Int, renewals: Int) throws {
        let rates = [0.6, 0.75, 0.85, 0.9]
        let models: [(RetentionModel, (Int) -> Double)] = [
            (.constant(rate: .fixed(0.85)), { _ in 0.85 }),
            (.curve(rates: rates, scale: .fixed(1)), { n in rates[min(n, rates.count) - 1] }),
        ]
        for (retention, rate) in models {
            for horizon in [1, b, 2 * b + 1, 40] {
                let scenario = Self.billingScenario(b: b, retention: retention, customers: customers, renewals: renewals, horizon: horizon)
                var expected = 0.0
                for g in 1...b {
                    let count = customers / b + (g <= customers % b ? 1 : 0)
                    var value = 0.0
                    for t in 1...horizon {
                        // Renewals made since period 1 by period t (those at g, g + b, …).
                        let made = t < g ? 0 : (t - g) / b + 1
                        var survival = 1.0
                        if made > 0 { for n in 1...made { survival *= rate(renewals + n) } }
                        value -= survival * 1 * Self.billingDiscount(t, timing: .start)
                        if t >= g, (t - g) % b == 0 {
                            value += survival * Self.cyclePayment(b: b, tenure: (renewals + made) * b)
                                * Self.billingDiscount(t, timing: .start)
                        }
                    }
                    expected += Double(count) / Double(customers) * value
                }
                let residual = try ClosedFormTests.exact(scenario, "segments.b.residualClv")
                #expect(ClosedFormTests.relativeError(residual, expected) < Self.tolerance,
                        "b \(b), N \(customers), H \(horizon): \(residual) vs \(expected)")
            }
        }
    }

    /// With constant retention and no growth a billing chain does not change with tenure: its
    /// perpetual value is the geometric series Σ_m (r·v^b)^m · (b·m − c·(1 − v^b)/(1 − v))
    /// (payment at each cycle start, service cost in every period of the cycle). A segment with
    /// b = 1 and no migration has no state chain, and no perpetual value (NaN).
    @Test(arguments: [2, 3, 12])
    func billingCyclesPerpetualValue(b: Int) throws {
        var scenario = Self.billingScenario(b: b, retention: .constant(rate: .fixed(0.85)), customers: 0, renewals: 0, horizon: 3000)
        scenario.segments[0].revenueGrowth = .fixed(0)
        let v = pow(1.1, -1.0 / 12), vb = pow(v, Double(b))
        let cycle = Double(b) * 6 - 1 * (1 - vb) / (1 - v)
        let perpetual = cycle / (1 - 0.85 * vb)
        let expected = try Self.expectedValues(scenario)
        #expect(ClosedFormTests.relativeError(expected.perpetualClv[0], perpetual) < Self.tolerance,
                "\(expected.perpetualClv[0]) vs \(perpetual)")
        #expect(ClosedFormTests.relativeError(expected.clv[0], perpetual) < Self.tolerance)
        scenario.segments[0].billingPeriods = 1
        #expect(try Self.expectedValues(scenario).perpetualClv[0].isNaN)
    }
}
