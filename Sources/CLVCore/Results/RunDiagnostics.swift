/// Counts of trials in which something happened that the user should know about
/// (docs/results.md, the report's "Warnings").
///
/// Every count is a number of trials, so counts of consecutive parts of a run — blocks, batches
/// of a target-precision run, shards — add up exactly to those of the whole run (`+`). The
/// sentences that explain them are made once, from the totals, when the summary is built.
public struct RunDiagnostics: Sendable, Equatable {
    /// Trials counted.
    public var trials: Int
    /// Trials in which some customer count of the baseline exceeded
    /// `TrialParameters.maximumCount` (a referral explosion, or an acquisition plan buying more
    /// customers than that) and was capped.
    public var cappedTrials: Int
    /// Trials in which some metric other than a ROMI was not a finite number.
    public var nonFiniteTrials: Int
    /// Per strategy: trials in which a customer count with the strategy's changes was capped.
    public var strategyCappedTrials: [Int]
    /// Per strategy: trials in which its changes pushed an input outside its domain (a
    /// retention rate past 1), so that the value was clamped.
    public var strategyClampedTrials: [Int]

    /// No trials yet, for a scenario with `strategies` strategies.
    public init(strategies: Int) {
        trials = 0
        cappedTrials = 0
        nonFiniteTrials = 0
        strategyCappedTrials = [Int](repeating: 0, count: strategies)
        strategyClampedTrials = [Int](repeating: 0, count: strategies)
    }

    /// Counts from stored values (a shard file); nil when the per-strategy lists differ in
    /// length or a count is negative or above `trials`.
    public init?(trials: Int, cappedTrials: Int, nonFiniteTrials: Int, strategyCappedTrials: [Int],
                 strategyClampedTrials: [Int]) {
        let all = [cappedTrials, nonFiniteTrials] + strategyCappedTrials + strategyClampedTrials
        guard trials >= 0, strategyCappedTrials.count == strategyClampedTrials.count,
              all.allSatisfy({ (0...trials).contains($0) }) else { return nil }
        self.trials = trials
        self.cappedTrials = cappedTrials
        self.nonFiniteTrials = nonFiniteTrials
        self.strategyCappedTrials = strategyCappedTrials
        self.strategyClampedTrials = strategyClampedTrials
    }

    /// The counts of two disjoint sets of trials of the same scenario, added.
    ///
    /// - Complexity: O(strategies).
    public static func + (a: RunDiagnostics, b: RunDiagnostics) -> RunDiagnostics {
        var sum = a
        sum.trials += b.trials
        sum.cappedTrials += b.cappedTrials
        sum.nonFiniteTrials += b.nonFiniteTrials
        for j in sum.strategyCappedTrials.indices where j < b.strategyCappedTrials.count {
            sum.strategyCappedTrials[j] += b.strategyCappedTrials[j]
            sum.strategyClampedTrials[j] += b.strategyClampedTrials[j]
        }
        return sum
    }

    /// One sentence per kind of event that happened, for `scenario`'s strategies.
    ///
    /// - Complexity: O(strategies).
    public func warnings(strategyNames: [String]) -> [String] {
        var result: [String] = []
        let limit = TrialParameters.maximumCount
        if nonFiniteTrials > 0 {
            result.append("metrics were not finite numbers in \(nonFiniteTrials) of \(trials) trials (values overflowed); check revenue, growth and discounting for extreme values")
        }
        if cappedTrials > 0 {
            result.append("customer counts exceeded \(limit) in \(cappedTrials) of \(trials) trials and were capped; lower the viral coefficient, the acquisition volume or the horizon")
        }
        for (j, name) in strategyNames.enumerated() where j < strategyCappedTrials.count {
            if strategyCappedTrials[j] > 0 {
                result.append("strategy '\(name)': customer counts exceeded \(limit) in \(strategyCappedTrials[j]) of \(trials) trials and were capped")
            }
            if strategyClampedTrials[j] > 0 {
                result.append("strategy '\(name)' pushed an input outside its domain (e.g. a retention rate past 1) in \(strategyClampedTrials[j]) of \(trials) trials; the values were clamped")
            }
        }
        return result
    }
}
