import CLVRandom
import Foundation

/// The repeat-purchase summaries of a Gamma-Gamma fit (docs/fitting.md, "Spend: Gamma-Gamma"),
/// arranged so that one evaluation of the log-likelihood costs one logarithm per customer.
///
/// For a customer with x repeat purchases of mean value m̄,
/// `ℓ = −lnΓ(q) + q ln γ + lnΓ(px + q) − lnΓ(px) + (px − 1) ln m̄ + px ln x − (px + q) ln(γ + m̄x)`.
/// Every term but the last depends on the customer only through x, or is linear in ln m̄; so the
/// customers are grouped by x, with the count and Σ ln m̄ of each group kept, and only
/// ln(γ + m̄x) is summed customer by customer.
struct GammaGammaData: Sendable {
    /// One group of customers with the same number of repeat purchases.
    struct Group: Sendable {
        var repeats: Double
        var customers: Double
        var sumOfLogMeans: Double
    }

    let groups: [Group]
    /// Per customer: x and m̄·x, for the one term that needs both.
    let repeats: [Double]
    let totals: [Double]

    /// Groups `summaries` by repeat count.
    ///
    /// - Complexity: O(n log g) for n customers in g groups.
    init(_ summaries: [SpendFit.RepeatSummary]) {
        var byRepeats: [Int: Group] = [:]
        for s in summaries {
            byRepeats[s.repeats, default: Group(repeats: Double(s.repeats), customers: 0, sumOfLogMeans: 0)].customers += 1
            byRepeats[s.repeats]!.sumOfLogMeans += log(s.meanValue)
        }
        groups = byRepeats.keys.sorted().map { byRepeats[$0]! }
        repeats = summaries.map { Double($0.repeats) }
        totals = summaries.map { $0.meanValue * Double($0.repeats) }
    }

    /// The log-likelihood at (p, q, γ); −∞ outside the parameter space.
    ///
    /// - Complexity: O(n) with one logarithm per customer, plus O(g) log-gamma evaluations.
    func logLikelihood(p: Double, q: Double, gamma: Double) -> Double {
        guard p > 0, q > 0, gamma > 0 else { return -.infinity }
        let base = -SpecialFunctions.logGamma(q) + q * log(gamma)
        var total = 0.0
        for g in groups {
            let px = p * g.repeats
            total += g.customers * (base + SpecialFunctions.logGamma(px + q) - SpecialFunctions.logGamma(px) + px * log(g.repeats)) + (px - 1) * g.sumOfLogMeans
        }
        var spend = 0.0
        for i in repeats.indices {
            spend += (p * repeats[i] + q) * log(gamma + totals[i])
        }
        return total - spend
    }
}
