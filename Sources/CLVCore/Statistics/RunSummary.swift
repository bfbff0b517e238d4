import Dispatch

/// The across-trial summary of a run (docs/model.md "What a run reports"), ready to be rendered as JSON or a table.
public struct RunSummary: Sendable {
    public struct SegmentSummary: Sendable {
        public let name: String
        public let clv: Stat?
        public let clvWithReferrals: Stat?
        public let residualClv: Stat?
        /// Present for segments with a budget-driven acquisition plan.
        public let ltvToCac: Stat?
        /// Whether the run reports the segment's `perpetualClv` (`CustomerStates`).
        public let reportsPerpetualClv: Bool
        /// The infinite-horizon value of a new customer; nil when not reported or undefined in
        /// every trial.
        public let perpetualClv: Stat?
        /// For a recency segment: the value of a customer at each recency 1 … k in period 1;
        /// empty for the others.
        public let byRecency: [(recency: Int, value: Stat?)]
    }

    public struct StrategySummary: Sendable {
        public let name: String
        public let incrementalValue: Stat?
        public let cost: Stat?
        public let netValue: Stat?
        /// Over the trials with non-zero cost; nil when the cost is zero in every trial.
        public let romi: Stat?
        /// Trials in which the cost was zero, so that ROMI is undefined.
        public let romiUndefinedTrials: Int
        /// Fraction of trials with net value > 0.
        public let probabilityNetPositive: Double
        /// Wilson score interval of `probabilityNetPositive` at 95%.
        public let probabilityNetPositiveInterval: (lower: Double, upper: Double)
        /// Fraction of trials in which this strategy has the highest net value of all the
        /// strategies and of doing nothing (net value 0); ties are shared equally.
        public let probabilityBest: Double
        /// The first period from which the cumulative discounted net cash flow stays ≥ 0, over
        /// the trials where that happens within the horizon; nil when it never does.
        public let paybackPeriod: Stat?
        /// Share of trials without a payback within the horizon.
        public let shareWithoutPayback: Double
        /// Each segment's part of `incrementalValue`, in segment order.
        public let bySegment: [(segment: String, incrementalValue: Stat?)]
        /// The churn and lifetime its retention changes imply, per segment it changes.
        public let impliedRetention: [ImpliedRetentionChange]
    }

    /// Customer equity, CLV and strategies at one extra annual discount rate.
    public struct RateSummary: Sendable {
        public let rate: Double
        public let customerEquity: Stat?
        /// Each segment's `clv` at the rate, in segment order.
        public let clv: [Stat?]
        /// Each strategy's net value and ROMI at the rate, in strategy order.
        public let netValue: [Stat?]
        public let romi: [Stat?]
    }

    public let trials: Int
    public let levels: [Double]
    /// The headline metrics (`TrialMetric.headline`), in that order.
    public let metrics: [(metric: TrialMetric, stat: Stat?)]
    public let segments: [SegmentSummary]
    public let strategies: [StrategySummary]
    public let discountRates: [RateSummary]
    /// Sensitivity of the chosen metric to every uncertain input; nil without uncertain inputs.
    public let sensitivity: Sensitivity?
    /// How a target-precision run ended; nil for a run of fixed length.
    public let precision: PrecisionOutcome?
    /// How the inputs were sampled.
    public let sampling: SimulationOptions.Sampling
    /// Warnings of the scenario file and of the run: capped, clamped or non-finite trials, an
    /// unmet precision target, undefined ROMI.
    public let warnings: [String]
    /// The run's diagnostic counts, from which the run's warnings were made.
    public let diagnostics: RunDiagnostics

    /// Summarises a run. Columns are summarised in parallel (at most `threads` at once, each
    /// read from `result.metrics` when it is needed); the result does not depend on it.
    ///
    /// - Parameters:
    ///   - sensitivityMetric: the metric whose sensitivity to the inputs is analysed.
    ///   - scenarioWarnings: the scenario file's own warnings, listed first.
    /// - Complexity: O(metrics · trials · log trials).
    public init(_ result: SimulationResult, sensitivityMetric: TrialMetric = .customerEquity,
                precision: PrecisionOutcome? = nil, scenarioWarnings: [String] = []) {
        let table = result.metrics
        let layout = result.layout
        let levels = result.scenario.intervals
        trials = table.trials
        self.levels = levels
        let stats = StatBox(count: table.names.count)
        DispatchQueue.concurrentPerform(iterations: table.names.count) { c in
            stats.set(c, Stat(table.column(at: c), levels: levels))
        }
        func stat(_ metric: TrialMetric) -> Stat? {
            layout.position(of: metric).flatMap { stats.get($0) }
        }
        metrics = TrialMetric.headline.map { ($0, stat($0)) }
        segments = result.scenario.segments.enumerated().map { s, segment in
            SegmentSummary(name: segment.name, clv: stat(.clv(segment: s)),
                           clvWithReferrals: stat(.clvWithReferrals(segment: s)),
                           residualClv: stat(.residualClv(segment: s)), ltvToCac: stat(.ltvToCac(segment: s)),
                           reportsPerpetualClv: layout.position(of: .perpetualClv(segment: s)) != nil,
                           perpetualClv: stat(.perpetualClv(segment: s)),
                           byRecency: layout.metrics.compactMap { metric in
                               guard case .recencyValue(s, let j) = metric else { return nil }
                               return (j, stat(metric))
                           })
        }
        let netColumns = result.scenario.strategies.indices.map { result.column(.netValue(strategy: $0)) ?? [] }
        var best = [Double](repeating: 0, count: netColumns.count)
        for i in 0..<table.trials {
            var top = 0.0  // doing nothing
            for column in netColumns where column[i] > top { top = column[i] }
            let winners = netColumns.indices.filter { netColumns[$0][i] == top }
            let nothingWins = top == 0
            let share = 1 / Double(winners.count + (nothingWins ? 1 : 0))
            for w in winners { best[w] += share }
        }
        strategies = result.scenario.strategies.enumerated().map { j, strategy in
            let net = netColumns[j]
            let positive = net.filter { $0 > 0 }.count
            let n = max(1, table.trials)
            let romi = stat(.romi(strategy: j))
            let payback = stat(.paybackPeriod(strategy: j))
            return StrategySummary(
                name: strategy.name, incrementalValue: stat(.incrementalValue(strategy: j)), cost: stat(.cost(strategy: j)),
                netValue: stat(.netValue(strategy: j)), romi: romi,
                romiUndefinedTrials: table.trials - (romi?.count ?? 0),
                probabilityNetPositive: Double(positive) / Double(n),
                probabilityNetPositiveInterval: Self.wilson(successes: positive, trials: n, z: 1.959963984540054),
                probabilityBest: best[j] / Double(n),
                paybackPeriod: payback, shareWithoutPayback: Double(table.trials - (payback?.count ?? 0)) / Double(n),
                bySegment: result.scenario.segments.enumerated().map { s, segment in
                    (segment.name, stat(.segmentIncrementalValue(strategy: j, segment: s)))
                },
                impliedRetention: ImpliedRetentionChange.of(strategy: j, in: result))
        }
        discountRates = layout.extraDiscountRates.enumerated().map { e, rate in
            RateSummary(rate: rate, customerEquity: stat(.customerEquityAtRate(rate: e)),
                        clv: result.scenario.segments.indices.map { stat(.clvAtRate(segment: $0, rate: e)) },
                        netValue: result.scenario.strategies.indices.map { stat(.netValueAtRate(strategy: $0, rate: e)) },
                        romi: result.scenario.strategies.indices.map { stat(.romiAtRate(strategy: $0, rate: e)) })
        }
        sensitivity = Sensitivity(result, metric: sensitivityMetric)
        self.precision = precision
        sampling = result.options.sampling
        diagnostics = result.diagnostics
        var warnings = scenarioWarnings
            + result.diagnostics.warnings(strategyNames: result.scenario.strategies.map(\.name))
        if let precision, !precision.met {
            warnings.append("the precision target \(precision.target.relativeHalfWidth) was not met within \(precision.trials) trials; raise --max-trials or loosen --precision")
        }
        for s in strategies where s.romiUndefinedTrials > 0 {
            warnings.append("strategy '\(s.name)': ROMI is undefined in \(s.romiUndefinedTrials) of \(trials) trials because its cost is zero; those trials are left out of its ROMI")
        }
        self.warnings = warnings
    }

    /// Wilson score interval for a binomial proportion.
    static func wilson(successes: Int, trials: Int, z: Double) -> (lower: Double, upper: Double) {
        let n = Double(trials), p = Double(successes) / n
        let denominator = 1 + z * z / n
        let centre = (p + z * z / (2 * n)) / denominator
        let half = z * ((p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()) / denominator
        // At p = 0 or 1 the interval ends at 0 or 1 exactly; rounding must not move it.
        return (successes == 0 ? 0 : max(0, centre - half), successes == trials ? 1 : min(1, centre + half))
    }

    /// The summary of headline metric `metric`.
    public func metric(_ metric: TrialMetric) -> Stat? {
        metrics.first { $0.metric == metric }?.stat
    }
}

/// Slots for stats computed in parallel; each slot is written by exactly one iteration, through
/// a buffer allocated once so that no Swift access to shared state overlaps.
private final class StatBox: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Stat?>
    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }
    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
    func set(_ i: Int, _ stat: Stat?) { slots[i] = stat }
    func get(_ i: Int) -> Stat? { slots[i] }
}
