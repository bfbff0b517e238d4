import CLVLinearAlgebra
import CLVRandom
import Foundation

/// The Gamma-Gamma spend model of Fader, Hardie and Lee (2005), fitted by maximum likelihood.
///
/// A customer's transaction values are Gamma(p, ν) (shape p, rate ν), so their mean value is
/// ζ = p/ν; across customers ν ~ Gamma(q, γ) (shape q, rate γ). For a customer with x repeat
/// transactions of mean value m̄, the likelihood is
///
///     f(m̄ | p, q, γ; x) = Γ(px + q) / (Γ(px) Γ(q)) · γ^q · m̄^(px−1) · x^(px) / (γ + m̄x)^(px+q)
///
/// It is fitted on customers with at least one repeat purchase day, using the mean amount of
/// their repeat purchase days (the first purchase is left out, as in the model's original use).
/// The population mean transaction value is `E[ζ] = pγ/(q − 1)` (for q > 1), and a customer's
/// mean value has squared coefficient of variation `1/(q − 2)` (for q > 2).
public struct SpendFit: Sendable, Equatable {
    /// The estimates (`p`, `q`, `gamma`).
    public var estimate: MaximumLikelihoodEstimate
    /// Customers with at least one repeat purchase (those the fit uses).
    public var repeatCustomers: Int
    /// Customers in the log.
    public var customers: Int

    /// One customer's sufficient statistics: x repeat transactions of mean value m̄.
    public struct RepeatSummary: Sendable, Equatable {
        public var repeats: Int
        public var meanValue: Double
        /// A customer with `repeats` repeat purchases of mean value `meanValue`.
        ///
        /// - Complexity: O(1).
        public init(repeats: Int, meanValue: Double) {
            self.repeats = repeats
            self.meanValue = meanValue
        }
    }

    /// Fits the model to a transaction log.
    ///
    /// - Throws: `FitError` when fewer than two customers have a repeat purchase (naming the
    ///   first line of the log), or the likelihood has no interior maximum.
    /// - Complexity: O(n log n) to summarise n transactions, then O(e · c) for e likelihood
    ///   evaluations over c repeat customers.
    public init(_ log: TransactionLog) throws {
        let days = log.purchaseDays()
        var summaries: [RepeatSummary] = []
        for (_, purchases) in days where purchases.count >= 2 {
            let repeats = purchases.dropFirst()
            summaries.append(RepeatSummary(repeats: repeats.count,
                                           meanValue: repeats.reduce(0) { $0 + $1.amount } / Double(repeats.count)))
        }
        let firstLine = log.transactions.map(\.line).min() ?? 1
        guard summaries.count >= 2 else {
            let what = summaries.isEmpty ? "every customer has a single purchase day"
                                         : "only one customer has more than one purchase day"
            throw FitError(line: firstLine, "\(what); the Gamma-Gamma spend model needs repeat purchases from several customers")
        }
        try self.init(summaries: summaries, customers: days.count)
    }

    /// Fits the model to customers' repeat-transaction summaries.
    ///
    /// - Throws: `FitError` when the likelihood has no interior maximum (for example when every
    ///   customer's mean value is the same).
    /// - Complexity: O(e · c) for e likelihood evaluations (a few hundred) over c customers.
    public init(summaries: [RepeatSummary], customers: Int? = nil) throws {
        guard summaries.count >= 2, summaries.allSatisfy({ $0.repeats >= 1 && $0.meanValue > 0 && $0.meanValue.isFinite }) else {
            throw FitError("the Gamma-Gamma model needs at least two customers with repeat purchases of positive value")
        }
        let meanValue = summaries.reduce(0) { $0 + $1.meanValue } / Double(summaries.count)
        // Start at p = 2, q = 3 with γ matching the mean value: pγ/(q − 1) = mean.
        let start = [2.0, 3.0, meanValue]
        let data = GammaGammaData(summaries)
        do {
            estimate = try MaximumLikelihood.fit(names: ["p", "q", "gamma"], start: start,
                                                 observations: summaries.count) { theta in
                data.logLikelihood(p: theta[0], q: theta[1], gamma: theta[2])
            }
        } catch let error as FitError {
            throw FitError("Gamma-Gamma fit failed: \(error.message)")
        }
        repeatCustomers = summaries.count
        self.customers = customers ?? summaries.count
    }

    /// The Gamma-Gamma log-likelihood of the customers' summaries.
    ///
    /// - Complexity: O(customers), one logarithm each (`GammaGammaData`).
    public static func logLikelihood(p: Double, q: Double, gamma: Double, summaries: [RepeatSummary]) -> Double {
        GammaGammaData(summaries).logLikelihood(p: p, q: q, gamma: gamma)
    }

    /// The population mean transaction value `pγ/(q − 1)` and its standard error by the delta
    /// method, or nil when q ≤ 1 (the mean is infinite).
    public var meanTransactionValue: (mean: Double, standardError: Double)? {
        let p = estimate.values[0], q = estimate.values[1], g = estimate.values[2]
        guard q > 1 else { return nil }
        let mean = p * g / (q - 1)
        let gradient = [g / (q - 1), -p * g / ((q - 1) * (q - 1)), p / (q - 1)]
        var variance = 0.0
        for i in 0..<3 { for j in 0..<3 { variance += gradient[i] * estimate.covariance[i, j] * gradient[j] } }
        return (mean, max(variance, 0).squareRoot())
    }

    /// The shape k of the Gamma(k, 1/k) spend multiplier with the same coefficient of variation
    /// as a customer's mean value, `k = q − 2`; nil when q ≤ 2 (infinite variance).
    public var spendMultiplierShape: Double? {
        let q = estimate.values[1]
        return q > 2 ? q - 2 : nil
    }
}
