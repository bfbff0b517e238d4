import Foundation

/// The summary of one metric across trials (docs/model.md, "Summaries"): mean, standard deviation, Monte Carlo
/// standard error, equal-tailed percentile intervals and fixed percentiles.
///
/// Percentiles use linear interpolation between order statistics (the "type 7" rule of most
/// statistics packages): for sorted values x₀ ≤ … ≤ x_{n−1}, the p-quantile is
/// x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋) with h = (n − 1)p. The interval at level L is
/// [Q((1−L)/2), Q((1+L)/2)]. The standard deviation uses n − 1; the standard error is sd/√n.
/// Values that are not finite (an undefined ROMI) are left out and counted in `undefined`.
public struct Stat: Sendable, Equatable {
    /// An equal-tailed interval.
    public struct Interval: Sendable, Equatable {
        public let level: Double
        public let lower: Double
        public let upper: Double
    }

    /// The percentile levels reported, as (name, probability).
    public static let percentileLevels: [(name: String, p: Double)] = [
        ("p1", 0.01), ("p5", 0.05), ("p10", 0.10), ("p25", 0.25), ("p50", 0.50),
        ("p75", 0.75), ("p90", 0.90), ("p95", 0.95), ("p99", 0.99),
    ]

    public let mean: Double
    public let sd: Double
    public let standardError: Double
    public let intervals: [Interval]
    /// Values at `percentileLevels`, in that order.
    public let percentiles: [Double]
    /// Number of finite values summarised.
    public let count: Int
    /// Number of values left out because they were not finite.
    public let undefined: Int

    /// Summarises `values` with intervals at `levels`; nil when no value is finite.
    ///
    /// - Complexity: O(n log n) for the sort.
    public init?(_ values: [Double], levels: [Double]) {
        var sorted = values.filter { $0.isFinite }
        guard !sorted.isEmpty else { return nil }
        undefined = values.count - sorted.count
        count = sorted.count
        (mean, sd) = Self.moments(sorted)
        standardError = sd / Double(count).squareRoot()
        sorted.sort()
        intervals = levels.map { level in
            Interval(level: level, lower: Self.quantile(sorted, (1 - level) / 2),
                     upper: Self.quantile(sorted, (1 + level) / 2))
        }
        percentiles = Self.percentileLevels.map { Self.quantile(sorted, $0.p) }
    }

    /// Mean and sample standard deviation (n − 1) of finite values, by two passes in order.
    ///
    /// - Complexity: O(n), no sorting.
    static func moments(_ values: [Double]) -> (mean: Double, sd: Double) {
        guard !values.isEmpty else { return (.nan, .nan) }
        let plain = plainMoments(values)
        if plain.mean.isFinite && plain.sd.isFinite { return plain }
        // Finite values near the largest double overflow a sum or a square: scale them by the
        // largest magnitude first (a mean and sd beyond the range of numbers stay infinite).
        let scale = values.reduce(0) { max($0, abs($1)) }
        guard scale.isFinite, scale > 0 else { return plain }
        let scaled = plainMoments(values.map { $0 / scale })
        return (scaled.mean * scale, scaled.sd * scale)
    }

    /// Mean and sample sd by two passes, without guarding against overflow.
    private static func plainMoments(_ values: [Double]) -> (mean: Double, sd: Double) {
        var sum = 0.0
        for x in values { sum += x }
        let n = Double(values.count)
        let mean = sum / n
        var squares = 0.0
        for x in values { squares += (x - mean) * (x - mean) }
        return (mean, values.count > 1 ? (squares / (n - 1)).squareRoot() : 0)
    }

    /// The p-quantile of sorted values by linear interpolation (type 7).
    ///
    /// - Complexity: O(1).
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard let first = sorted.first else { return .nan }
        if sorted.count == 1 { return first }
        let h = Double(sorted.count - 1) * min(max(p, 0), 1)
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// The percentile named `name` (e.g. "p50").
    public func percentile(_ name: String) -> Double? {
        Self.percentileLevels.firstIndex { $0.name == name }.map { percentiles[$0] }
    }
}
