/// Per-period paths of the first trials, for fan charts: active customers and net cash flow
/// (margin less service cost less acquisition spend, undiscounted) in each period, and, for a
/// scenario with recency retention or migration, the active customers of each group of
/// `CustomerStates` in each period.
public struct PeriodSeries: Sendable, Equatable {
    /// Trials kept (the first `trials` of the run).
    public internal(set) var trials: Int
    /// Periods per path (the horizon).
    public let periods: Int
    /// Row-major: trial `i`, period `t` (1-based) at `i * periods + t − 1`.
    public internal(set) var activeCustomers: [Double]
    /// Row-major like `activeCustomers`.
    public internal(set) var netCashFlow: [Double]
    /// Groups of customers per period (`CustomerStates.groups`); 0 without dynamics.
    public let states: Int
    /// Trial `i`, group `g`, period `t` (1-based) at `(i · states + g) · periods + t − 1`; the
    /// groups of a trial's period add up to its active customers.
    public internal(set) var customersByState: [Double]

    /// Paths of consecutive runs of the same horizon and groups, in order.
    ///
    /// - Complexity: O(total values).
    static func joined(_ parts: [PeriodSeries]) -> PeriodSeries {
        var series = PeriodSeries(trials: 0, periods: parts.first?.periods ?? 0, states: parts.first?.states ?? 0)
        series.trials = parts.reduce(0) { $0 + $1.trials }
        for part in parts {
            series.activeCustomers += part.activeCustomers
            series.netCashFlow += part.netCashFlow
            series.customersByState += part.customersByState
        }
        return series
    }

    /// Stored paths (a shard file); nil unless each array holds `trials · periods` values
    /// (`trials · states · periods` for `customersByState`).
    public init?(trials: Int, periods: Int, activeCustomers: [Double], netCashFlow: [Double], states: Int = 0,
                 customersByState: [Double] = []) {
        guard trials >= 0, periods >= 0, states >= 0, activeCustomers.count == trials * periods,
              netCashFlow.count == trials * periods, customersByState.count == trials * states * periods else { return nil }
        self.trials = trials
        self.periods = periods
        self.activeCustomers = activeCustomers
        self.netCashFlow = netCashFlow
        self.states = states
        self.customersByState = customersByState
    }

    init(trials: Int, periods: Int, states: Int) {
        self.trials = trials
        self.periods = periods
        self.states = states
        activeCustomers = [Double](repeating: 0, count: trials * periods)
        netCashFlow = [Double](repeating: 0, count: trials * periods)
        customersByState = [Double](repeating: 0, count: trials * states * periods)
    }

    /// The path of group `g` in trial `i`: its active customers in periods 1 … `periods`.
    ///
    /// - Complexity: O(periods).
    public func customers(ofState g: Int, trial i: Int) -> ArraySlice<Double> {
        let start = (i * states + g) * periods
        return customersByState[start..<start + periods]
    }
}
