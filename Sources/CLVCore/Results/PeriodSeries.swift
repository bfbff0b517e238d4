/// Per-period paths of the first trials, for fan charts: active customers and net cash flow
/// (margin less service cost less acquisition spend, undiscounted) in each period.
public struct PeriodSeries: Sendable, Equatable {
    /// Trials kept (the first `trials` of the run).
    public internal(set) var trials: Int
    /// Periods per path (the horizon).
    public let periods: Int
    /// Row-major: trial `i`, period `t` (1-based) at `i * periods + t − 1`.
    public internal(set) var activeCustomers: [Double]
    /// Row-major like `activeCustomers`.
    public internal(set) var netCashFlow: [Double]

    /// Paths of consecutive runs of the same horizon, in order.
    ///
    /// - Complexity: O(total values).
    static func joined(_ parts: [PeriodSeries]) -> PeriodSeries {
        var series = PeriodSeries(trials: 0, periods: parts.first?.periods ?? 0)
        series.trials = parts.reduce(0) { $0 + $1.trials }
        for part in parts {
            series.activeCustomers += part.activeCustomers
            series.netCashFlow += part.netCashFlow
        }
        return series
    }

    /// Stored paths (a shard file); nil unless each array holds `trials · periods` values.
    public init?(trials: Int, periods: Int, activeCustomers: [Double], netCashFlow: [Double]) {
        guard trials >= 0, periods >= 0, activeCustomers.count == trials * periods,
              netCashFlow.count == trials * periods else { return nil }
        self.trials = trials
        self.periods = periods
        self.activeCustomers = activeCustomers
        self.netCashFlow = netCashFlow
    }

    init(trials: Int, periods: Int) {
        self.trials = trials
        self.periods = periods
        activeCustomers = [Double](repeating: 0, count: trials * periods)
        netCashFlow = [Double](repeating: 0, count: trials * periods)
    }
}
