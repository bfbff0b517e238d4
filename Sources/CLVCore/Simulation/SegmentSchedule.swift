import CLVRandom
import Foundation

/// One segment's per-tenure quantities in one trial, for new and for current customers.
///
/// For a new customer, step `j` is tenure `k = j` (the period of acquisition is step 0); for a
/// current customer with `renewals` renewals, step `j` is period `j + 1` and tenure
/// `k = renewals + 1 + j`. Per step the schedule holds the probability of the renewal that
/// precedes it (1 for a new customer's step 0) and the margin per unit of spend multiplier,
/// `revenue · (1+g)^(k/periodsPerYear) · margin`, and ln(1 − p′) with p′ = min(q, 1 − q) for the
/// binomial sampler (`Sampler.binomialLogComplement(probability:)`), computed once per trial
/// instead of once per cohort and step.
///
/// Renewal number n succeeds with probability
/// - constant: r;
/// - sBG(α, β): (β + n − 1)/(α + β + n − 1), the renewal probability of a random customer who
///   survived n − 1 renewals, so that counts thinned by it are distributed exactly as customers
///   simulated one by one with their own θ ~ Beta(α, β);
/// - curve: rates[min(n, len) − 1] · scale, clamped to [0, 1].
struct SegmentSchedule: Sendable {
    var newRenewal: [Double]
    var newRenewalLog: [Double]
    var newMargin: [Double]
    var currentRenewal: [Double]
    var currentRenewalLog: [Double]
    var currentMargin: [Double]
    var serviceCost: Double
    /// The first step j* ≥ 1 from which a new customer's renewal probability and margin stay
    /// the same through the horizon, or nil for a horizon of one period: 1 for constant retention
    /// without growth, the step of the last rate for `curve` retention without growth, the
    /// horizon itself when they keep changing (sBG, growth). From step j* on, customers of
    /// different cohorts of the segment are interchangeable and can be pooled
    /// (docs/model.md "How the simulation works, and why it is exact").
    var newStableStep: Int?

    /// - Complexity: O(horizon).
    init(segment: Segment, parameters p: SegmentParameters, horizon: Int, periodsPerYear: Int) {
        newRenewal = [Double](repeating: 1, count: horizon)
        newMargin = [Double](repeating: 0, count: horizon)
        currentRenewal = [Double](repeating: 1, count: horizon)
        currentMargin = [Double](repeating: 0, count: horizon)
        serviceCost = p.serviceCost
        let logGrowth = log1p(p.revenueGrowth) / Double(periodsPerYear)
        let base = p.revenue * p.margin
        let renewals = segment.renewals
        for j in 0..<horizon {
            if j > 0 { newRenewal[j] = Self.renewalProbability(segment.retention, p, number: j) }
            newMargin[j] = Self.growth(base, logGrowth, tenure: j)
            currentRenewal[j] = Self.renewalProbability(segment.retention, p, number: renewals + 1 + j)
            currentMargin[j] = Self.growth(base, logGrowth, tenure: renewals + 1 + j)
        }
        newRenewalLog = Self.logComplements(newRenewal)
        currentRenewalLog = Self.logComplements(currentRenewal)
        if horizon > 1 {
            let q = newRenewal[horizon - 1], m = newMargin[horizon - 1]
            var stable = horizon - 1
            while stable > 1 && newRenewal[stable - 1] == q && newMargin[stable - 1] == m { stable -= 1 }
            newStableStep = stable
        }
    }

    /// ln(1 − min(q, 1 − q)) for each probability q, reusing the last value while q repeats.
    private static func logComplements(_ q: [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: q.count)
        var last = Double.nan, value = 0.0
        for j in q.indices {
            if q[j] != last {
                last = q[j]
                value = Sampler.binomialLogComplement(probability: last)
            }
            result[j] = value
        }
        return result
    }

    @inline(__always)
    private static func growth(_ base: Double, _ logGrowth: Double, tenure k: Int) -> Double {
        base == 0 || logGrowth == 0 ? base : base * exp(logGrowth * Double(k))
    }

    /// Probability that renewal number `n` (1-based) succeeds.
    static func renewalProbability(_ model: RetentionModel, _ p: SegmentParameters, number n: Int) -> Double {
        switch model {
        case .constant, .constantResponse:
            return p.retentionRate
        case .sbg:
            let m = Double(n - 1)
            return (p.retentionBeta + m) / (p.retentionAlpha + p.retentionBeta + m)
        case .curve(let rates, _):
            guard !rates.isEmpty else { return 0 }
            let r = rates[min(n, rates.count) - 1] * p.retentionScale
            return min(max(r, 0), 1)
        case .recency:
            // Recency segments are simulated by their state chain (`CustomerStates`), which uses
            // the purchase probabilities; this per-renewal view is never consulted for them.
            return 1
        }
    }
}
