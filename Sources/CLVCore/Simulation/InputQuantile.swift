import CLVRandom

/// The quantile function of one per-trial input, prepared once per run so that a draw is cheap:
/// discrete and empirical distributions are sorted once and then searched in O(log n).
///
/// For every u in (0, 1), `value(u)` equals `distribution.quantile(u)`.
enum InputQuantile: Sendable {
    case fixed(Double)
    case distribution(Distribution)
    /// Empirical: sorted samples; the quantile is `sorted[min(n − 1, ⌊u·n⌋)]`.
    case empirical(sorted: [Double])
    /// Discrete: values in increasing order with positive weights and their running totals.
    case discrete(values: [Double], cumulative: [Double])

    init(_ distribution: Distribution) {
        switch distribution {
        case .fixed(let v):
            self = .fixed(v)
        case .empirical(let samples) where !samples.isEmpty && samples.allSatisfy({ !$0.isNaN }):
            self = .empirical(sorted: samples.sorted())
        case .discrete(let values, let weights) where values.count == weights.count && !values.isEmpty
            && weights.allSatisfy({ $0 >= 0 && $0.isFinite }) && values.allSatisfy({ !$0.isNaN })
            && weights.reduce(0, +) > 0:
            let order = values.indices.sorted { values[$0] < values[$1] }.filter { weights[$0] > 0 }
            var running = 0.0
            var cumulative: [Double] = []
            for i in order {
                running += weights[i]
                cumulative.append(running)
            }
            self = .discrete(values: order.map { values[$0] }, cumulative: cumulative)
        default:
            self = .distribution(distribution)
        }
    }

    /// The u-quantile.
    ///
    /// - Complexity: O(1) for fixed and empirical, O(log n) for discrete, that of
    ///   `Distribution.quantile` otherwise.
    func value(_ u: Double) -> Double {
        switch self {
        case .fixed(let v):
            return v
        case .distribution(let distribution):
            return distribution.quantile(u)
        case .empirical(let sorted):
            let n = sorted.count
            return sorted[min(n - 1, max(0, Int((u * Double(n)).rounded(.down))))]
        case .discrete(let values, let cumulative):
            let threshold = u * cumulative[cumulative.count - 1]
            var lo = 0, hi = cumulative.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] >= threshold { hi = mid } else { lo = mid + 1 }
            }
            return values[lo]
        }
    }
}
