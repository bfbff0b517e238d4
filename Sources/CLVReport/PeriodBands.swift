import CLVCore

/// Per-period quantiles of a set of paths, for fan charts: for each period, the 5th, 25th,
/// 50th, 75th and 95th percentiles (type 7) of the values across trials.
public struct PeriodBands: Sendable, Equatable {
    /// The probabilities of `quantiles`' rows.
    public static let probabilities = [0.05, 0.25, 0.5, 0.75, 0.95]
    /// `quantiles[q][t − 1]`: quantile `probabilities[q]` in period t.
    public let quantiles: [[Double]]
    /// Number of periods.
    public var periods: Int { quantiles.first?.count ?? 0 }

    /// Bands of row-major paths: trial `i`, period `t` at `values[i · periods + t − 1]`.
    ///
    /// - Complexity: O(periods · trials log trials).
    public init(values: [Double], trials: Int, periods: Int) {
        var quantiles = Self.probabilities.map { _ in [Double](repeating: .nan, count: max(0, periods)) }
        let trials = max(0, min(trials, periods > 0 ? values.count / periods : 0))
        if trials > 0 {
            var column = [Double](repeating: 0, count: trials)
            for t in 0..<periods {
                for i in 0..<trials { column[i] = values[i * periods + t] }
                let sorted = column.filter(\.isFinite).sorted()
                for (q, p) in Self.probabilities.enumerated() where !sorted.isEmpty {
                    quantiles[q][t] = Stat.quantile(sorted, p)
                }
            }
        }
        self.quantiles = quantiles
    }
}
