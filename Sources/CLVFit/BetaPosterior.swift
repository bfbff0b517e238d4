import CLVRandom

/// A Beta(α, β) posterior of a probability, with its mean, standard deviation and quantiles.
///
/// Mean α/(α + β); variance αβ/((α + β)²(α + β + 1)).
public struct BetaPosterior: Sendable, Equatable {
    public var alpha: Double
    public var beta: Double

    /// Beta(`alpha`, `beta`).
    ///
    /// - Complexity: O(1).
    public init(alpha: Double, beta: Double) {
        self.alpha = alpha
        self.beta = beta
    }

    /// The posterior of a uniform Beta(1, 1) prior after `successes` of `trials`:
    /// Beta(1 + successes, 1 + trials − successes).
    ///
    /// - Complexity: O(1).
    public init(uniformPriorWithSuccesses successes: Int, trials: Int) {
        self.init(alpha: 1 + Double(successes), beta: 1 + Double(trials - successes))
    }

    /// The mean α/(α + β).
    public var mean: Double { alpha / (alpha + beta) }

    /// The standard deviation √(αβ/((α + β)²(α + β + 1))).
    public var sd: Double {
        let s = alpha + beta
        return (alpha * beta / (s * s * (s + 1))).squareRoot()
    }

    /// The quantile at `u` (the inverse regularized incomplete beta function).
    ///
    /// - Complexity: as `Distribution.quantile`, O(√(α + β)) per Newton step.
    public func quantile(_ u: Double) -> Double { Distribution.beta(alpha: alpha, beta: beta).quantile(u) }
}
