import CLVLinearAlgebra
import Foundation

/// Maximum-likelihood fits of the two retention models to cohort survival data.
///
/// **Shifted-beta-geometric (sBG)**, Fader & Hardie (2007): each customer churns at every
/// renewal with a probability θ ~ Beta(α, β) of their own. A customer's lifetime T (the renewal
/// at which they churn) has
///
///     P(T = t) = B(α + 1, β + t − 1) / B(α, β),   S(t) = P(T > t) = B(α, β + t) / B(α, β),
///
/// computed by the recursions `S(t) = S(t−1)·(β+t−1)/(α+β+t−1)` and
/// `P(T = t) = S(t−1)·α/(α+β+t−1)`. With dₜ churned at renewal t and cₜ still active when last
/// seen at period t, pooled over cohorts, `ℓ(α, β) = Σₜ dₜ log P(T = t) + cₜ log S(t)`.
///
/// **Constant retention**: every renewal succeeds with probability r, `S(t) = rᵗ`. The MLE is
/// the ratio of successful to attempted renewals, `r̂ = Σₜ nₜ / Σₜ nₜ₋₁` (t ≥ 1, summed over
/// cohorts), with standard error `√(r̂(1 − r̂)/Σₜ nₜ₋₁)` from the observed information.
public struct RetentionFit: Sendable, Equatable {
    /// The sBG estimates (`alpha`, `beta`), or nil when the data do not identify them.
    public var sbg: MaximumLikelihoodEstimate?
    /// Why the sBG model could not be fitted, when `sbg` is nil.
    public var sbgProblem: String?
    /// The constant-retention estimate (`rate`).
    public var constant: MaximumLikelihoodEstimate
    /// Customers in the data (the cohorts' sizes at period 0, summed).
    public var customers: Int

    /// The model with the lower AIC; sBG wins ties (it nests the constant model in the limit).
    public var preferredModel: RetentionModelName {
        guard let sbg else { return .constant }
        return sbg.aic <= constant.aic ? .sbg : .constant
    }

    /// Fits both models to the cohorts.
    ///
    /// - Throws: `FitError` when no customer churned or no customer renewed (the retention
    ///   rate would be 1 or 0, at the boundary where the likelihood has no interior maximum).
    /// - Complexity: O(e · T) for e ≈ a few hundred likelihood evaluations over T periods.
    public init(cohorts: [SurvivalTable.Cohort]) throws {
        let counts = SurvivalTable.pooledCounts(of: cohorts)
        customers = cohorts.reduce(0) { $0 + ($1.active.first ?? 0) }
        constant = try Self.fitConstant(counts, customers: customers)
        do {
            sbg = try Self.fitSBG(counts, customers: customers, startingRate: constant.values[0])
            sbgProblem = nil
        } catch let error as FitError {
            sbg = nil
            sbgProblem = error.message
        }
    }

    /// Fits both models to every cohort of `table`.
    ///
    /// - Complexity: as `init(cohorts:)`.
    public init(_ table: SurvivalTable) throws {
        try self.init(cohorts: table.cohorts)
    }

    /// The constant-retention MLE in closed form.
    static func fitConstant(_ counts: SurvivalCounts, customers: Int) throws -> MaximumLikelihoodEstimate {
        let attempted = counts.renewalsAttempted
        let renewed = counts.renewals
        guard attempted > 0 else { throw FitError("no customer faces a renewal; the data need periods after period 0") }
        guard renewed < attempted else {
            throw FitError("no customer ever churned; retention cannot be estimated below 1 from these data")
        }
        guard renewed > 0 else {
            throw FitError("every customer churned at the first renewal; retention cannot be estimated above 0 from these data")
        }
        let r = renewed / attempted
        let variance = r * (1 - r) / attempted
        let logLikelihood = renewed * log(r) + (attempted - renewed) * log1p(-r)
        return MaximumLikelihoodEstimate(names: ["rate"], values: [r],
                                         covariance: Matrix(rows: 1, columns: 1, repeating: variance),
                                         logLikelihood: logLikelihood, observations: customers)
    }

    /// The sBG MLE by Nelder–Mead on (log α, log β).
    static func fitSBG(_ counts: SurvivalCounts, customers: Int, startingRate: Double) throws -> MaximumLikelihoodEstimate {
        // Start at a moderately heterogeneous Beta with the constant model's mean churn.
        let churn = min(max(1 - startingRate, 1e-3), 1 - 1e-3)
        let start = [churn, 1 - churn]
        return try MaximumLikelihood.fit(names: ["alpha", "beta"], start: start, observations: customers) { theta in
            Self.sbgLogLikelihood(alpha: theta[0], beta: theta[1], counts: counts)
        }
    }

    /// The sBG log-likelihood ℓ(α, β) of pooled survival counts.
    ///
    /// - Complexity: O(T) for T periods.
    public static func sbgLogLikelihood(alpha: Double, beta: Double, counts: SurvivalCounts) -> Double {
        guard alpha > 0, beta > 0, alpha.isFinite, beta.isFinite else { return -.infinity }
        var logSurvival = 0.0
        var total = 0.0
        for t in counts.churned.indices.dropFirst() {
            let logDenominator = log(alpha + beta + Double(t - 1))
            if counts.churned[t] > 0 {
                total += counts.churned[t] * (logSurvival + log(alpha) - logDenominator)
            }
            logSurvival += log(beta + Double(t - 1)) - logDenominator
            if counts.censored[t] > 0 { total += counts.censored[t] * logSurvival }
        }
        return total
    }

    /// The sBG survival function S(t) = B(α, β + t)/B(α, β) for t = 0…periods.
    ///
    /// - Complexity: O(periods).
    public static func sbgSurvival(alpha: Double, beta: Double, periods: Int) -> [Double] {
        var s = [1.0]
        guard periods > 0 else { return s }
        for t in 1...periods { s.append(s[t - 1] * (beta + Double(t - 1)) / (alpha + beta + Double(t - 1))) }
        return s
    }
}

/// The retention models a fit can write into a scenario.
public enum RetentionModelName: String, Sendable, CaseIterable {
    case sbg
    case constant
}
