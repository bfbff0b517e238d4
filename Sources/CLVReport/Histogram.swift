import CLVCore

/// Counts of values in equal-width bins, for histogram charts.
///
/// Bin `k` of `count` over [lower, upper] holds values in [lower + k·w, lower + (k+1)·w) with
/// w = (upper − lower)/count; the last bin also holds `upper`. Values outside [lower, upper] are
/// counted in the first or last bin (so the bars always add up to every finite value), and
/// non-finite values are skipped.
public struct Histogram: Sendable, Equatable {
    public let lower: Double
    public let upper: Double
    public let counts: [Int]

    /// Bins `values` over [lower, upper] into `count` bins (at least one).
    ///
    /// - Complexity: O(values + count).
    public init(_ values: [Double], lower: Double, upper: Double, count: Int) {
        let bins = max(1, count)
        var (lo, hi) = (lower, upper)
        if !lo.isFinite || !hi.isFinite {
            let finite = values.filter(\.isFinite)
            (lo, hi) = (finite.min() ?? 0, finite.max() ?? 0)
        }
        if !(hi > lo) {
            (lo, hi) = (lo - 0.5, lo + 0.5)
            if lo == hi {
                // Half a unit is lost at this magnitude: widen by 1%, within the finite Doubles.
                (lo, hi) = (max(-Double.greatestFiniteMagnitude, lo - abs(lo) * 0.01),
                            min(Double.greatestFiniteMagnitude, hi + abs(hi) * 0.01))
            }
        }
        var counts = [Int](repeating: 0, count: bins)
        let width = (hi - lo) / Double(bins)
        for x in values where x.isFinite {
            var position = (x - lo) / width
            if !width.isFinite {
                // Near ±Double.greatestFiniteMagnitude the differences overflow; halve first.
                position = (x / 2 - lo / 2) / (hi / 2 - lo / 2) * Double(bins)
            }
            let k = position.isNaN ? 0 : Int(min(Double(bins - 1), max(0, position.rounded(.down))))
            counts[k] += 1
        }
        self.lower = lo
        self.upper = hi
        self.counts = counts
    }

    /// Bins over the central part of the values, from the `tail` to the 1 − `tail` quantile, so
    /// that a few extreme trials do not squeeze the rest into one bar.
    ///
    /// - Complexity: O(n log n).
    public init(centralOf values: [Double], tail: Double = 0.001, count: Int = 40) {
        let sorted = values.filter(\.isFinite).sorted()
        self.init(sorted, lower: Stat.quantileOrZero(sorted, tail), upper: Stat.quantileOrZero(sorted, 1 - tail), count: count)
    }

    /// Width of one bin.
    ///
    /// - Complexity: O(1).
    public var binWidth: Double {
        let width = (upper - lower) / Double(counts.count)
        return width.isFinite ? width : (upper / 2 - lower / 2) / Double(counts.count) * 2
    }
}


extension Stat {
    /// `quantile` of sorted values, or 0 when there are none.
    static func quantileOrZero(_ sorted: [Double], _ p: Double) -> Double {
        sorted.isEmpty ? 0 : quantile(sorted, p)
    }
}
