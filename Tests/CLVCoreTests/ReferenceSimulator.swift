import Foundation
@testable import CLVCore
import CLVRandom

/// A deliberately slow simulator that follows every customer one by one (docs/model.md, "Customers" and "Time, timing and discounting"), used
/// only to check the aggregate kernel in distribution. It shares no code with the kernel beyond
/// the scenario types and the samplers: each customer draws their own churn probability θ, their
/// own spend multiplier and their own Poisson number of referrals.
struct ReferenceSimulator {
    struct Outcome {
        var current = 0.0, plan = 0.0, referral = 0.0, spend = 0.0, retentionSpend = 0.0
        var customerEquity: Double { current + plan + referral - spend - retentionSpend }
    }

    let scenario: Scenario
    let seed: UInt64

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
        let values = drawInputs(trial: trial)
        var rng = RandomStream(seed: seed ^ 0xC0FFEE, trial: UInt32(trial), role: 1)
        let horizon = scenario.horizonPeriods
        let rate = values["annualDiscountRate"]!
        let d = pow(1 + rate, 1 / Double(scenario.periodsPerYear)) - 1
        func discount(_ t: Int) -> Double {
            pow(1 + d, -(Double(t) - (scenario.cashFlowTiming == .start ? 1 : 0)))
        }
        func value(_ segment: Segment, _ field: String) -> Double {
            values["segments.\(segment.name).\(field)"] ?? 0
        }
        /// Draws one customer's renewal behaviour: returns the probability that renewal n succeeds.
        /// A current customer who has made `survived` renewals under sBG is a survivor, so their
        /// churn probability is drawn from the posterior Beta(α, β + survived).
        func customerRenewal(_ segment: Segment, survived: Int = 0) -> (Int) -> Double {
            switch segment.retention {
            case .constant:
                let r = min(1, max(0, value(segment, "retention.rate")))
                return { _ in r }
            case .sbg:
                let theta = Sampler.beta(alpha: value(segment, "retention.alpha"),
                                         beta: value(segment, "retention.beta") + Double(survived), using: &rng)
                return { _ in 1 - theta }
            case .curve(let rates, _):
                let scale = value(segment, "retention.scale")
                return { n in min(1, max(0, rates[min(n, rates.count) - 1] * scale)) }
            case .constantResponse(let curve):
                let r = responseRate(curve, "segments.\(segment.name).retention.rate")
                return { _ in r }
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
        func cash(_ segment: Segment, tenure k: Int, multiplier m: Double) -> Double {
            let growth = pow(1 + value(segment, "revenueGrowth"), Double(k) / Double(scenario.periodsPerYear))
            return value(segment, "revenue") * m * growth * min(1, max(0, value(segment, "margin"))) - value(segment, "serviceCost")
        }

        var outcome = Outcome()
        for segment in scenario.segments {
            for _ in 0..<segment.customers {
                let renew = customerRenewal(segment, survived: segment.renewals)
                let m = multiplier(segment)
                for t in 1...horizon {
                    let n = segment.renewals + t
                    if rng.nextOpenUnit() >= renew(n) { break }
                    outcome.current += discount(t) * cash(segment, tenure: n, multiplier: m)
                    outcome.retentionSpend += discount(t) * retentionSpend(segment)
                }
            }
        }
        // New customers waiting to join: arrivals[period] = [(segment index, referred?)].
        var arrivals = [[(Int, Bool)]](repeating: [], count: horizon + 1)
        for (p, plan) in scenario.acquisition.enumerated() {
            let s = scenario.segmentIndex(named: plan.segment)!
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
            for t in plan.fromPeriod...plan.toPeriod {
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
                let renew = customerRenewal(segment)
                let m = multiplier(segment)
                var total = 0.0
                for t in t0...horizon {
                    let k = t - t0
                    if k > 0, rng.nextOpenUnit() >= renew(k) { break }
                    total += discount(t) * cash(segment, tenure: k, multiplier: m)
                    outcome.retentionSpend += discount(t) * retentionSpend(segment)
                }
                if referred { outcome.referral += total } else { outcome.plan += total }
                if let referrals = segment.referrals {
                    let target = scenario.segmentIndex(named: referrals.into ?? segment.name)!
                    let k = value(segment, "referrals.coefficient")
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
