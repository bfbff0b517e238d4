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

    /// This run followed by `next`, the run of the trials that come after it.
    func appending(_ next: SimulationResult) -> SimulationResult {
        var combined = options
        combined.trials += next.options.trials
        var warnings = self.warnings
        for warning in next.warnings where !warnings.contains(warning) { warnings.append(warning) }
        return SimulationResult(scenario: scenario, options: combined,
                                metrics: metrics.appending(next.metrics) ?? metrics,
                                inputs: inputs.appending(next.inputs) ?? inputs,
                                series: series.appending(next.series), warnings: warnings)
    }
}
