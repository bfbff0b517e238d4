/// Whole scenario files compared trial by trial under common random numbers (`clvsim compare`).
///
/// Both runs use the same seed and trial count; every random stream is keyed by trial and by
/// role — segment position, period and purpose, or an input's scenario path — so the trials of
/// the two files see the same random numbers wherever they share structure, and the per-trial
/// difference of a metric measures the change between the files rather than noise.
public struct ScenarioComparison: Sendable {
    /// The per-trial differences `alternative − base` of one metric, summarised.
    public struct Difference: Sendable {
        /// The metric's name (as in trials.csv).
        public let metric: String
        /// The metric, in the base run's layout.
        public let kind: TrialMetric
        public let stat: Stat?
    }

    public let differences: [Difference]
    /// Fraction of trials in which the alternative's customer equity exceeds the base's (ties
    /// count one half).
    public let probabilityBetter: Double
    /// Wilson score interval of `probabilityBetter` at 95%.
    public let probabilityBetterInterval: (lower: Double, upper: Double)
    /// Whether every metric the two runs share is the same in every trial, bit for bit (a file
    /// compared with itself, or a change that touches nothing).
    public let identical: Bool
    /// Strategies of the alternative that the base does not have, and of the base that the
    /// alternative does not have: their metrics have no difference to report.
    public let unpairedStrategies: (alternative: [String], base: [String])

    /// Why two scenarios cannot be compared trial by trial; empty when they can.
    ///
    /// They must have the same segments in the same order (streams are keyed by segment
    /// position), the same horizon and the same periods per year.
    public static func pairingProblems(base: Scenario, alternative: Scenario) -> [String] {
        var problems: [String] = []
        let a = base.segments.map(\.name), b = alternative.segments.map(\.name)
        if a != b {
            problems.append("segments differ: the base has [\(a.joined(separator: ", "))], the alternative has [\(b.joined(separator: ", "))] — list the same segments in the same order")
        }
        if base.horizonPeriods != alternative.horizonPeriods {
            problems.append("horizonPeriods differ: \(base.horizonPeriods) in the base, \(alternative.horizonPeriods) in the alternative — use the same horizon")
        }
        if base.periodsPerYear != alternative.periodsPerYear {
            problems.append("periodsPerYear differ: \(base.periodsPerYear) in the base, \(alternative.periodsPerYear) in the alternative — use the same period length")
        }
        return problems
    }

    /// Compares two runs of the same trial count and seed, over the metrics both have, in the
    /// base's order.
    ///
    /// - Complexity: O(metrics · trials · log trials).
    public init(base: SimulationResult, alternative: SimulationResult) {
        let trials = min(base.metrics.trials, alternative.metrics.trials)
        let levels = base.scenario.intervals
        var differences: [Difference] = []
        var identical = base.layout.names == alternative.layout.names
        for (c, name) in base.layout.names.enumerated() {
            // The two files may list different strategies: pair columns by name.
            guard let other = alternative.layout.names.firstIndex(of: name) else { continue }
            let x = base.metrics.column(at: c), y = alternative.metrics.column(at: other)
            if identical, !zip(x, y).allSatisfy({ $0.bitPattern == $1.bitPattern }) { identical = false }
            differences.append(Difference(metric: name, kind: base.layout.metrics[c],
                                          stat: Stat((0..<trials).map { y[$0] - x[$0] }, levels: levels)))
        }
        self.differences = differences
        self.identical = identical
        let a = Set(base.scenario.strategies.map(\.name)), b = Set(alternative.scenario.strategies.map(\.name))
        unpairedStrategies = (alternative.scenario.strategies.map(\.name).filter { !a.contains($0) },
                              base.scenario.strategies.map(\.name).filter { !b.contains($0) })
        let x = base.column(.customerEquity) ?? [], y = alternative.column(.customerEquity) ?? []
        var wins = 0.0
        for i in 0..<trials {
            if y[i] > x[i] { wins += 1 } else if y[i] == x[i] { wins += 0.5 }
        }
        let n = max(1, trials)
        probabilityBetter = wins / Double(n)
        probabilityBetterInterval = RunSummary.wilson(successes: Int(wins.rounded()), trials: n, z: 1.959963984540054)
    }
}
