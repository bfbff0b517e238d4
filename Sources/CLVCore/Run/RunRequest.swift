/// Everything a whole run needs besides its scenario's file: the scenario, how to run it, and
/// what to analyse (docs/results.md).
public struct RunRequest: Sendable {
    public var scenario: Scenario
    /// Trials, seed, threads, extra discount rates, sampling.
    public var options: SimulationOptions
    /// Run batches until this precision is met (then `options.trials` is ignored); nil for a run
    /// of fixed length.
    public var precision: PrecisionTarget?
    /// Simulate only this part of the run (for `merge` later); nil for the whole run.
    public var shard: Shard?
    /// The metric whose sensitivity to the inputs is analysed.
    public var sensitivityMetric: TrialMetric
    /// The scenario file's warnings, listed first among the summary's warnings.
    public var scenarioWarnings: [String]

    public init(scenario: Scenario, options: SimulationOptions, precision: PrecisionTarget? = nil, shard: Shard? = nil,
                sensitivityMetric: TrialMetric = .customerEquity, scenarioWarnings: [String] = []) {
        self.scenario = scenario
        self.options = options
        self.precision = precision
        self.shard = shard
        self.sensitivityMetric = sensitivityMetric
        self.scenarioWarnings = scenarioWarnings
    }
}
