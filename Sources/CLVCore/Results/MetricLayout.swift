/// The per-trial metric columns of a run, in column order, with their names
/// (docs/results.md "trials.csv").
///
/// Order: the headline metrics; for each segment `clv`, `clvWithReferrals`, `residualClv`,
/// with a budget plan `ltvToCac`, with a chain that does not change with tenure `perpetualClv`,
/// and with recency retention the value at each recency 1 … k (`CustomerStates`); for each strategy `incrementalValue`, `cost`, `netValue`,
/// `romi`, `paybackPeriod` and each segment's part of `incrementalValue`; then customer equity at each extra discount rate; then, for each extra rate, each
/// segment's `clv` and each strategy's `netValue` and `romi` at that rate. A column is named
/// `customerEquity`, `segments.<name>.clv`, `segments.<name>.perpetualClv`,
/// `segments.<name>.byRecency.<j>.value`, `strategies.<name>.netValue`,
/// `strategies.<name>.bySegment.<segment>.incrementalValue`,
/// `customerEquityAtRate.<rate>`, `segments.<name>.clvAtRate.<rate>`,
/// `strategies.<name>.netValueAtRate.<rate>` or `strategies.<name>.romiAtRate.<rate>`.
///
/// - Complexity: O(columns) to build; `position(of:)` is O(1).
public struct MetricLayout: Sendable, Equatable {
    /// The columns in order.
    public let metrics: [TrialMetric]
    /// Column names, in the same order.
    public let names: [String]
    /// The run's extra annual discount rates (`customerEquityAtRate`).
    public let extraDiscountRates: [Double]
    private let positions: [TrialMetric: Int]

    /// The columns of a scenario run with `extraDiscountRates`. `hasBudgetPlan[s]` says whether
    /// segment `s` has a budget plan (and so an `ltvToCac` column); `states` which value-by-state
    /// columns each segment has.
    init(scenario: Scenario, hasBudgetPlan: [Bool], states: CustomerStates, extraDiscountRates: [Double]) {
        var metrics = TrialMetric.headline
        for s in scenario.segments.indices {
            metrics += [.clv(segment: s), .clvWithReferrals(segment: s), .residualClv(segment: s)]
            if hasBudgetPlan[s] { metrics.append(.ltvToCac(segment: s)) }
            if states.hasPerpetualClv[s] { metrics.append(.perpetualClv(segment: s)) }
            if states.recencyStates[s] > 0 {
                metrics += (1...states.recencyStates[s]).map { TrialMetric.recencyValue(segment: s, recency: $0) }
            }
        }
        for j in scenario.strategies.indices {
            metrics += [.incrementalValue(strategy: j), .cost(strategy: j), .netValue(strategy: j), .romi(strategy: j),
                        .paybackPeriod(strategy: j)]
            metrics += scenario.segments.indices.map { TrialMetric.segmentIncrementalValue(strategy: j, segment: $0) }
        }
        metrics += extraDiscountRates.indices.map { TrialMetric.customerEquityAtRate(rate: $0) }
        for e in extraDiscountRates.indices {
            metrics += scenario.segments.indices.map { TrialMetric.clvAtRate(segment: $0, rate: e) }
            for j in scenario.strategies.indices {
                metrics += [.netValueAtRate(strategy: j, rate: e), .romiAtRate(strategy: j, rate: e)]
            }
        }
        self.metrics = metrics
        self.extraDiscountRates = extraDiscountRates
        names = metrics.map { Self.name(of: $0, scenario: scenario, rates: extraDiscountRates) }
        var positions: [TrialMetric: Int] = [:]
        for (c, metric) in metrics.enumerated() { positions[metric] = c }
        self.positions = positions
    }

    /// The column of `metric`, if the run has it.
    public func position(of metric: TrialMetric) -> Int? { positions[metric] }

    /// The metric named `name` (as in trials.csv), if the run has it; for names a user typed.
    ///
    /// - Complexity: O(columns).
    public func metric(named name: String) -> TrialMetric? {
        names.firstIndex(of: name).map { metrics[$0] }
    }

    /// The name of `metric`'s column.
    static func name(of metric: TrialMetric, scenario: Scenario, rates: [Double]) -> String {
        func segment(_ s: Int) -> String { "segments.\(scenario.segments[s].name)." }
        func strategy(_ j: Int) -> String { "strategies.\(scenario.strategies[j].name)." }
        let key = metric.memberKey ?? ""
        switch metric {
        case .customerEquity, .currentCustomerValue, .newCustomerValue, .referralValue, .acquisitionSpend, .retentionSpend:
            return key
        case .clv(let s), .clvWithReferrals(let s), .residualClv(let s), .ltvToCac(let s), .perpetualClv(let s):
            return segment(s) + key
        case .recencyValue(let s, let j):
            return segment(s) + "byRecency.\(j)." + key
        case .incrementalValue(let j), .cost(let j), .netValue(let j), .romi(let j), .paybackPeriod(let j):
            return strategy(j) + key
        case .segmentIncrementalValue(let j, let s):
            return strategy(j) + "bySegment.\(scenario.segments[s].name)." + key
        case .customerEquityAtRate(let e):
            return "customerEquityAtRate.\(rates[e])"
        case .clvAtRate(let s, let e):
            return segment(s) + "clvAtRate.\(rates[e])"
        case .netValueAtRate(let j, let e):
            return strategy(j) + "netValueAtRate.\(rates[e])"
        case .romiAtRate(let j, let e):
            return strategy(j) + "romiAtRate.\(rates[e])"
        }
    }
}
