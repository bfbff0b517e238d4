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
}
