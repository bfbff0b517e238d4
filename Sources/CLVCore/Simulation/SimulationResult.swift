/// The per-trial outcome of a run: every metric and every uncertain input, by trial.
public struct SimulationResult: Sendable {
    public let scenario: Scenario
    public let options: SimulationOptions
    /// Per-trial metrics (see `Simulation.metricNames`).
    public let metrics: MetricTable
    /// Per-trial drawn values of the scenario's uncertain inputs, named by scenario path.
    public let inputs: MetricTable
    /// Per-period paths of the first `options.seriesTrials` trials.
    public let series: PeriodSeries
    /// Things the user should know about the run (capped counts, clamped values).
    public let warnings: [String]

    /// Consecutive runs joined into one: `parts[k + 1]` holds the trials right after `parts[k]`.
    /// Every table is copied once.
    ///
    /// - Complexity: O(total size of the parts).
    static func joined(_ parts: [SimulationResult]) -> SimulationResult? {
        guard let first = parts.first else { return nil }
        var options = first.options
        options.trials = parts.reduce(0) { $0 + $1.options.trials }
        var warnings: [String] = []
        for warning in parts.flatMap(\.warnings) where !warnings.contains(warning) { warnings.append(warning) }
        guard let metrics = MetricTable.joined(parts.map(\.metrics)),
              let inputs = MetricTable.joined(parts.map(\.inputs)) else { return nil }
        return SimulationResult(scenario: first.scenario, options: options, metrics: metrics, inputs: inputs,
                                series: PeriodSeries.joined(parts.map(\.series)), warnings: warnings)
    }
}
