/// What `clvsim optimize` maximises over the trials of a candidate (docs/optimization.md
/// "Objective"): the mean of customer equity, or one of its percentiles.
public enum OptimizationObjective: Sendable, Equatable, CustomStringConvertible {
    /// The mean customer equity over the trials: the expected value.
    case mean
    /// The `level`-th percentile (0 < level < 100) of customer equity over the trials, the
    /// interpolated order statistic of `Stat.quantile`; `p10` is a cautious finance view.
    case percentile(Double)

    /// Reads `mean` or `pNN` (`p10`, `p2.5`); nil for anything else.
    public init?(_ text: String) {
        if text == "mean" {
            self = .mean
            return
        }
        guard text.first == "p", let level = Double(text.dropFirst()), level > 0, level < 100 else { return nil }
        self = .percentile(level)
    }

    public var description: String {
        switch self {
        case .mean: return "mean"
        case .percentile(let level):
            return level == level.rounded() ? "p\(Int(level))" : "p\(level)"
        }
    }

    /// The objective's value on the customer equity of every trial.
    ///
    /// - Complexity: O(n) for the mean, O(n log n) for a percentile.
    public func value(_ customerEquity: [Double]) -> Double {
        switch self {
        case .mean:
            guard !customerEquity.isEmpty else { return .nan }
            var total = 0.0
            for x in customerEquity { total += x }
            return total / Double(customerEquity.count)
        case .percentile(let level):
            let sorted = customerEquity.filter(\.isFinite).sorted()
            guard !sorted.isEmpty else { return .nan }
            return Stat.quantile(sorted, level / 100)
        }
    }
}
