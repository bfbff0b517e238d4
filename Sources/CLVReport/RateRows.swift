import CLVCore

/// The rows of the "at other discount rates" tables (terminal and HTML): for each extra rate,
/// every segment's CLV and every strategy's net value and ROMI (docs/results.md).
enum RateRows {
    /// One row's label, its stat and whether it is money (else a ratio).
    struct Row {
        let label: String
        let stat: Stat?
        let isMoney: Bool
    }

    /// The rows, rate by rate; empty without extra rates.
    ///
    /// - Complexity: O(rates · (segments + strategies)).
    static func rows(_ summary: RunSummary) -> [Row] {
        var out: [Row] = []
        for rate in summary.discountRates {
            let at = "at \(NumberFormat.level(rate.rate))"
            for (segment, clv) in zip(summary.segments, rate.clv) {
                out.append(Row(label: "\(segment.name) · CLV \(at)", stat: clv, isMoney: true))
            }
            for (k, strategy) in summary.strategies.enumerated() {
                out.append(Row(label: "\(strategy.name) · net value \(at)", stat: rate.netValue[k], isMoney: true))
                out.append(Row(label: "\(strategy.name) · ROMI \(at)", stat: rate.romi[k], isMoney: false))
            }
        }
        return out
    }
}
