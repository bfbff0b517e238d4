import Foundation
@testable import CLVCore
import CLVRandom

/// A deliberately slow simulator that follows every customer one by one (docs/model.md, "Customers" and "Time, timing and discounting"), used
/// only to check the aggregate kernel in distribution. It shares no code with the kernel beyond
/// the scenario types and the samplers: each customer draws their own churn probability θ, their
/// own spend multiplier and their own Poisson number of referrals.
///
/// Customers of segments with dynamics (recency retention, billing cycles, migration) carry
/// their own state — recency, or segment, billing phase and renewals made — their own
/// multiplier and their own tenure, and move by the rules of the scenario format
/// (`dynamicCustomer`), written out here independently of `CustomerChain`.
struct ReferenceSimulator {
    struct Outcome {
        var current = 0.0, plan = 0.0, referral = 0.0, spend = 0.0, retentionSpend = 0.0
        var customerEquity: Double { current + plan + referral - spend - retentionSpend }
    }

    let scenario: Scenario
    let seed: UInt64
    /// A strategy whose world this simulator follows instead of the baseline: in each period the
    /// inputs are the trial's drawn values with the changes active in that period applied
    /// (`add`, `multiply`, each with its window; docs/strategies.md). Windowed changes of sBG
    /// parameters and `set` changes are not modelled here.
    var world: Strategy? = nil

    init(scenario: Scenario, seed: UInt64, world: Strategy? = nil) {
        self.scenario = scenario
        self.seed = seed
        self.world = world
    }

    /// The inputs of period `t`: `values` with the world's changes active in `t` applied.
    private func worldValues(_ values: [String: Double], period t: Int) -> [String: Double] {
        guard let world else { return values }
        var result = values
        for (c, change) in world.changes.enumerated() where change.window?.contains(t) ?? true {
            let amount = values[Strategy.amountPath(strategy: world.name, change: c, operation: change.operation)]!
            switch change.operation {
            case .add: result[change.target]! += amount
            case .multiply: result[change.target]! *= amount
            case .set: preconditionFailure("set changes are not modelled by the reference simulator")
            }
        }
        return result
    }

    /// The trial's drawn inputs by path; independent streams from the kernel's.
    private func drawInputs(trial: Int) -> [String: Double] {
        var values: [String: Double] = [:]
        for (i, input) in scenario.inputs.enumerated() {
            var rng = RandomStream(seed: seed ^ 0x5EED, trial: UInt32(trial), role: UInt64(1000 + i))
            values[input.path] = input.distribution.sample(using: &rng)
        }
        return values
    }

    func simulate(trial: Int) -> Outcome {
        let drawn = drawInputs(trial: trial)
        let horizon = scenario.horizonPeriods
        let periodValues = (0...horizon).map { worldValues(drawn, period: max(1, $0)) }
        let values = periodValues[1]
        var rng = RandomStream(seed: seed ^ 0xC0FFEE, trial: UInt32(trial), role: 1)
        let rate = values["annualDiscountRate"]!
        let d = pow(1 + rate, 1 / Double(scenario.periodsPerYear)) - 1
        func discount(_ t: Int) -> Double {
            pow(1 + d, -(Double(t) - (scenario.cashFlowTiming == .start ? 1 : 0)))
        }
        /// A segment's input in period t (the baseline's unless a change of the world is active in t).
        func value(_ segment: Segment, _ field: String, _ t: Int = 1) -> Double {
            periodValues[t]["segments.\(segment.name).\(field)"] ?? 0
        }
        /// Draws one customer's renewal behaviour: returns the probability that renewal n,
        /// decided at the start of period t, succeeds.
        /// A current customer who has made `survived` renewals under sBG is a survivor, so their
        /// churn probability is drawn from the posterior Beta(α, β + survived).
        func customerRenewal(_ segment: Segment, survived: Int = 0) -> (Int, Int) -> Double {
            switch segment.retention {
            case .constant:
                return { _, t in min(1, max(0, value(segment, "retention.rate", t))) }
            case .sbg:
                let theta = Sampler.beta(alpha: value(segment, "retention.alpha"),
                                         beta: value(segment, "retention.beta") + Double(survived), using: &rng)
                return { _, _ in 1 - theta }
            case .curve(let rates, _):
                return { n, t in min(1, max(0, rates[min(n, rates.count) - 1] * value(segment, "retention.scale", t))) }
            case .constantResponse(let curve):
                let r = responseRate(curve, "segments.\(segment.name).retention.rate")
                return { _, _ in r }
            case .recency:
                preconditionFailure("recency customers are followed by dynamicCustomer")
            }
        }
        /// The rate of a response curve from the drawn floor, ceiling and k, written out here.
        func responseRate(_ curve: ResponseCurve, _ path: String) -> Double {
            let floor = values[path + ".floor"]!, ceiling = values[path + ".ceiling"]!, k = values[path + ".k"]!
            return floor + (ceiling - floor) * (1 - exp(-k * spendValue(curve)))
        }
        func spendValue(_ curve: ResponseCurve) -> Double {
            switch curve.spend {
            case .amount(let x): return x
            case .decision(let name): return scenario.decisions.first { $0.name == name }!.value
            }
        }
        /// Retention spend per active customer per period of a segment.
        func retentionSpend(_ segment: Segment) -> Double {
            if case .constantResponse(let curve) = segment.retention { return spendValue(curve) }
            return 0
        }
        func multiplier(_ segment: Segment) -> Double {
            guard let shape = segment.revenueVariation?.shape else { return 1 }
            return Sampler.gamma(shape: shape, scale: 1 / shape, using: &rng)
        }
        func cash(_ segment: Segment, tenure k: Int, multiplier m: Double, period t: Int) -> Double {
            let growth = pow(1 + value(segment, "revenueGrowth", t), Double(k) / Double(scenario.periodsPerYear))
            return value(segment, "revenue", t) * m * growth * min(1, max(0, value(segment, "margin", t))) - value(segment, "serviceCost", t)
        }

        /// Margin of one period's purchase: revenue · multiplier · growth to tenure k · margin.
        func purchase(_ segment: Segment, tenure k: Int, multiplier m: Double, period t: Int) -> Double {
            let growth = pow(1 + value(segment, "revenueGrowth", t), Double(k) / Double(scenario.periodsPerYear))
            return value(segment, "revenue", t) * m * growth * min(1, max(0, value(segment, "margin", t)))
        }

        var outcome = Outcome()
        /// One customer of origin segment `s` with dynamics, followed state by state; returns the
        /// discounted cash (adding their retention spend to `outcome`). A new customer is acquired
        /// in `acquired`; a current customer (`acquired` nil) belongs to billing group `group`
        /// (1 … b), or starts at the segment's `recency`.
        ///
        /// - Recency: in the period of acquisition a purchase without service cost; at recency j
        ///   the service cost, then a purchase with probability p_j (margin at the tenure, recency
        ///   1 next period) or recency j + 1; no purchase at recency k loses the customer.
        /// - Billing and migration: in segment d with cycle b_d, phase 0 pays b_d periods of d's
        ///   margin at the tenure, every period costs d's service cost; after the last phase the
        ///   customer makes renewal number (renewals made + 1) with d's probability under the next
        ///   period's inputs, then moves to migration i's target with its probability (one
        ///   uniform against the cumulative probabilities) or stays. Current group g is in phase
        ///   b − g in period 0, so that it renews first at the start of period g.
        func dynamicCustomer(origin s: Int, acquired: Int?, group g: Int, multiplier m: Double) -> Double {
            let origin = scenario.segments[s]
            var total = 0.0
            if case .recency(let probabilities) = origin.retention {
                let k = probabilities.count
                var j = acquired == nil ? origin.recency : 0
                let start = acquired ?? 1
                let firstTenure = acquired == nil ? origin.renewals + 1 : 0
                for t in start...horizon {
                    outcome.retentionSpend += discount(t) * retentionSpend(origin)
                    let margin = discount(t) * purchase(origin, tenure: firstTenure + t - start, multiplier: m, period: t)
                    if j == 0 {
                        total += margin
                        j = 1
                        continue
                    }
                    total -= discount(t) * value(origin, "serviceCost", t)
                    if rng.nextOpenUnit() < value(origin, "retention.purchaseProbability.\(j - 1)", t) {
                        total += margin
                        j = 1
                    } else if j == k {
                        break
                    } else {
                        j += 1
                    }
                }
                return total
            }
            var renewals: [Int: (Int, Int) -> Double] = [:]
            var d = s
            var made = acquired == nil ? origin.renewals : 0
            var phase = acquired == nil ? origin.billingPeriods - g : 0
            var tenure = acquired == nil ? (origin.renewals + 1) * origin.billingPeriods - g : 0
            var t = acquired ?? 0
            while true {
                let segment = scenario.segments[d]
                if t >= 1 {
                    if phase == 0 {
                        total += discount(t) * Double(segment.billingPeriods) * purchase(segment, tenure: tenure, multiplier: m, period: t)
                    }
                    total -= discount(t) * value(segment, "serviceCost", t)
                    outcome.retentionSpend += discount(t) * retentionSpend(segment)
                }
                if t == horizon { break }
                if phase < segment.billingPeriods - 1 {
                    phase += 1
                } else {
                    // Under sBG (never with migration) the customer's θ is drawn once, from the
                    // posterior of a current customer who has made `renewals` renewals.
                    if renewals[d] == nil { renewals[d] = customerRenewal(segment, survived: d == s && acquired == nil ? origin.renewals : 0) }
                    if rng.nextOpenUnit() >= renewals[d]!(made + 1, t + 1) { break }
                    made += 1
                    phase = 0
                    let u = rng.nextOpenUnit()
                    var cumulative = 0.0
                    for (i, migration) in segment.migration.enumerated() {
                        cumulative += value(segment, "migration.\(i).probability", t + 1)
                        if u < cumulative {
                            d = scenario.segmentIndex(named: migration.to)!
                            break
                        }
                    }
                }
                t += 1
                tenure += 1
            }
            return total
        }

        for (s, segment) in scenario.segments.enumerated() where segment.hasDynamics {
            for i in 0..<segment.customers {
                let m = multiplier(segment)
                outcome.current += dynamicCustomer(origin: s, acquired: nil, group: i % segment.billingPeriods + 1, multiplier: m)
            }
        }
        for segment in scenario.segments where !segment.hasDynamics {
            for _ in 0..<segment.customers {
                let renew = customerRenewal(segment, survived: segment.renewals)
                let m = multiplier(segment)
                for t in 1...horizon {
                    let n = segment.renewals + t
                    if rng.nextOpenUnit() >= renew(n, t) { break }
                    outcome.current += discount(t) * cash(segment, tenure: n, multiplier: m, period: t)
                    outcome.retentionSpend += discount(t) * retentionSpend(segment)
                }
            }
        }
        // New customers waiting to join: arrivals[period] = [(segment index, referred?)].
        var arrivals = [[(Int, Bool)]](repeating: [], count: horizon + 1)
        for (p, plan) in scenario.acquisition.enumerated() {
            let s = scenario.segmentIndex(named: plan.segment)!
            for t in plan.fromPeriod...plan.toPeriod {
                // The plan's values in period t (a world's windowed change may apply).
                let values = periodValues[t]
                var count: Int, spend: Double
                var conversion: Double?
                switch plan.volume {
                case .prospects(_, let curve):
                    count = Int(max(0, values["acquisition.\(p).prospectsPerPeriod"]!).rounded(.down))
                    spend = Double(count) * spendValue(curve)
                    conversion = responseRate(curve, "acquisition.\(p).conversion")
                case .customers:
                    count = Int(max(0, values["acquisition.\(p).customersPerPeriod"]!).rounded(.down))
                    spend = 0
                case .budget:
                    let budget = values["acquisition.\(p).budgetPerPeriod"]!, cac = values["acquisition.\(p).cac"]!
                    count = Int(max(0, budget / cac).rounded(.down))
                    spend = budget
                }
                var converted = count
                if let conversion {
                    // Each prospect converts on their own.
                    converted = 0
                    for _ in 0..<count where rng.nextOpenUnit() < conversion { converted += 1 }
                }
                arrivals[t] += Array(repeating: (s, false), count: converted)
                outcome.spend += spend * discount(t)
            }
        }
        for t0 in 1...horizon {
            for (s, referred) in arrivals[t0] {
                let segment = scenario.segments[s]
                let m = multiplier(segment)
                var total = 0.0
                if segment.hasDynamics {
                    total = dynamicCustomer(origin: s, acquired: t0, group: 0, multiplier: m)
                } else {
                    let renew = customerRenewal(segment)
                    for t in t0...horizon {
                        let k = t - t0
                        if k > 0, rng.nextOpenUnit() >= renew(k, t) { break }
                        total += discount(t) * cash(segment, tenure: k, multiplier: m, period: t)
                        outcome.retentionSpend += discount(t) * retentionSpend(segment)
                    }
                }
                if referred { outcome.referral += total } else { outcome.plan += total }
                if let referrals = segment.referrals {
                    let target = scenario.segmentIndex(named: referrals.into ?? segment.name)!
                    let k = value(segment, "referrals.coefficient", t0)
                    let n = Sampler.poisson(mean: k, using: &rng)
                    if t0 + referrals.cyclePeriods <= horizon, n > 0 {
                        arrivals[t0 + referrals.cyclePeriods] += Array(repeating: (target, true), count: n)
                    }
                }
            }
        }
        return outcome
    }
}

extension ReferenceSimulator {
    /// One trial of the baseline and of a strategy's world (`strategy`: the scenario with the
    /// strategy's changes written in, the same inputs in the same order), both customer by
    /// customer with the SAME per-customer randomness: the same quantile V of the churn
    /// probability under sBG (θ = F⁻¹(V) of each world's Beta), the same spend multiplier, and the
    /// same uniform U for each renewal, which succeeds in a world iff U is below that world's
    /// probability. Current and plan-acquired customers only (no referrals); the i-th customer a
    /// plan brings in a period is the same customer in both worlds.
    func simulatePair(trial: Int, strategy: Scenario) -> (baseline: Outcome, strategy: Outcome) {
        precondition(scenario.segments.allSatisfy { $0.referrals == nil && !$0.hasDynamics })
        let worlds = [drawInputs(trial: trial), ReferenceSimulator(scenario: strategy, seed: seed).drawInputs(trial: trial)]
        let scenarios = [scenario, strategy]
        var rng = RandomStream(seed: seed ^ 0xC0FFEE, trial: UInt32(trial), role: 2)
        let horizon = scenario.horizonPeriods
        var outcomes = [Outcome(), Outcome()]
        func discount(_ w: Int, _ t: Int) -> Double {
            let d = pow(1 + worlds[w]["annualDiscountRate"]!, 1 / Double(scenario.periodsPerYear)) - 1
            return pow(1 + d, -(Double(t) - (scenario.cashFlowTiming == .start ? 1 : 0)))
        }
        func value(_ w: Int, _ s: Int, _ field: String) -> Double {
            worlds[w]["segments.\(scenarios[w].segments[s].name).\(field)"] ?? 0
        }
        /// The renewal probability of renewal n in world w for a customer with churn quantile v.
        func renewal(_ w: Int, _ s: Int, survived: Int, quantile v: Double) -> (Int) -> Double {
            switch scenarios[w].segments[s].retention {
            case .constant:
                let r = min(1, max(0, value(w, s, "retention.rate")))
                return { _ in r }
            case .sbg:
                let theta = SpecialFunctions.inverseRegularizedBeta(
                    p: v, a: value(w, s, "retention.alpha"), b: value(w, s, "retention.beta") + Double(survived))
                return { _ in 1 - theta }
            case .curve(let rates, _):
                let scale = value(w, s, "retention.scale")
                return { n in min(1, max(0, rates[min(n, rates.count) - 1] * scale)) }
            case .constantResponse(let curve):
                let r = pairedRate(w, curve, "segments.\(scenarios[w].segments[s].name).retention.rate")
                return { _ in r }
            case .recency:
                preconditionFailure("the paired mode does not model customer dynamics")
            }
        }
        func spendValue(_ w: Int, _ curve: ResponseCurve) -> Double {
            switch curve.spend {
            case .amount(let x): return x
            case .decision(let name): return scenarios[w].decisions.first { $0.name == name }!.value
            }
        }
        /// A response curve's rate in world w, written out here.
        func pairedRate(_ w: Int, _ curve: ResponseCurve, _ path: String) -> Double {
            let floor = worlds[w][path + ".floor"]!, ceiling = worlds[w][path + ".ceiling"]!, k = worlds[w][path + ".k"]!
            return floor + (ceiling - floor) * (1 - exp(-k * spendValue(w, curve)))
        }
        func retentionSpend(_ w: Int, _ s: Int) -> Double {
            if case .constantResponse(let curve) = scenarios[w].segments[s].retention { return spendValue(w, curve) }
            return 0
        }
        func cash(_ w: Int, _ s: Int, tenure k: Int, multiplier m: Double) -> Double {
            let growth = pow(1 + value(w, s, "revenueGrowth"), Double(k) / Double(scenario.periodsPerYear))
            return value(w, s, "revenue") * m * growth * min(1, max(0, value(w, s, "margin"))) - value(w, s, "serviceCost")
        }
        /// One customer in the worlds `present`, acquired in t0 (current customers: t0 = 0).
        func customer(_ s: Int, t0: Int, renewals: Int, present: [Bool], into component: WritableKeyPath<Outcome, Double>) {
            let v = rng.nextOpenUnit()
            let renew = (0..<2).map { renewal($0, s, survived: renewals, quantile: v) }
            var m = 1.0
            if let shape = scenario.segments[s].revenueVariation?.shape { m = Sampler.gamma(shape: shape, scale: 1 / shape, using: &rng) }
            var alive = present
            for t in max(1, t0)...horizon {
                // Renewal number n = tenure k (current customers: k = renewals + t).
                let k = t0 == 0 ? renewals + t : t - t0
                if t0 == 0 || k > 0 {
                    let u = rng.nextOpenUnit()
                    for w in 0..<2 where alive[w] && u >= renew[w](k) { alive[w] = false }
                }
                if !alive[0] && !alive[1] { break }
                for w in 0..<2 where alive[w] {
                    outcomes[w][keyPath: component] += discount(w, t) * cash(w, s, tenure: k, multiplier: m)
                    outcomes[w].retentionSpend += discount(w, t) * retentionSpend(w, s)
                }
            }
        }
        for (s, segment) in scenario.segments.enumerated() {
            for _ in 0..<segment.customers {
                customer(s, t0: 0, renewals: segment.renewals, present: [true, true], into: \.current)
            }
        }
        for (p, plan) in scenario.acquisition.enumerated() {
            let s = scenario.segmentIndex(named: plan.segment)!
            var counts = [0, 0]
            var conversion: [Double]?
            for w in 0..<2 {
                switch plan.volume {
                case .prospects(_, let curve):
                    // Each prospect converts on their own, with the same uniform in both worlds.
                    counts[w] = Int(max(0, worlds[w]["acquisition.\(p).prospectsPerPeriod"]!).rounded(.down))
                    conversion = (conversion ?? [0, 0])
                    conversion![w] = pairedRate(w, curve, "acquisition.\(p).conversion")
                    for t in plan.fromPeriod...plan.toPeriod { outcomes[w].spend += Double(counts[w]) * spendValue(w, curve) * discount(w, t) }
                case .customers:
                    counts[w] = Int(max(0, worlds[w]["acquisition.\(p).customersPerPeriod"]!).rounded(.down))
                case .budget:
                    let budget = worlds[w]["acquisition.\(p).budgetPerPeriod"]!, cac = worlds[w]["acquisition.\(p).cac"]!
                    counts[w] = Int(max(0, budget / cac).rounded(.down))
                    for t in plan.fromPeriod...plan.toPeriod { outcomes[w].spend += budget * discount(w, t) }
                }
            }
            for t in plan.fromPeriod...plan.toPeriod {
                for i in 0..<max(counts[0], counts[1]) {
                    var present = [i < counts[0], i < counts[1]]
                    if let conversion {
                        let u = rng.nextOpenUnit()
                        present = [present[0] && u < conversion[0], present[1] && u < conversion[1]]
                        if !present[0] && !present[1] { continue }
                    }
                    customer(s, t0: t, renewals: 0, present: present, into: \.plan)
                }
            }
        }
        return (outcomes[0], outcomes[1])
    }
}
