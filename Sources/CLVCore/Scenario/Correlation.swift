/// A Spearman rank correlation between two per-trial inputs, named by scenario paths
/// (e.g. `segments.monthly.revenue`), imposed with a Gaussian copula (docs/scenario-format.md, "Correlations").
public struct Correlation: Sendable, Equatable {
    /// The two input paths.
    public var between: [String]
    /// Target rank correlation ρ ∈ (−1, 1).
    public var rank: Double

    public init(between: [String], rank: Double) {
        self.between = between
        self.rank = rank
    }
}
