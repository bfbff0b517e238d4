/// Per-period paths of the first trials, for fan charts: active customers and net cash flow
/// (margin less service cost less acquisition spend, undiscounted) in each period.
public struct PeriodSeries: Sendable, Equatable {
    /// Trials kept (the first `trials` of the run).
    public let trials: Int
    /// Periods per path (the horizon).
    public let periods: Int
    /// Row-major: trial `i`, period `t` (1-based) at `i * periods + t − 1`.
    public internal(set) var activeCustomers: [Double]
    /// Row-major like `activeCustomers`.
    public internal(set) var netCashFlow: [Double]

    /// These paths followed by those of `other` (same horizon).
    func appending(_ other: PeriodSeries) -> PeriodSeries {
        var series = PeriodSeries(trials: trials + other.trials, periods: periods)
        series.activeCustomers = activeCustomers + other.activeCustomers
        series.netCashFlow = netCashFlow + other.netCashFlow
        return series
    }

    init(trials: Int, periods: Int) {
        self.trials = trials
        self.periods = periods
        activeCustomers = [Double](repeating: 0, count: trials * periods)
        netCashFlow = [Double](repeating: 0, count: trials * periods)
    }
}
