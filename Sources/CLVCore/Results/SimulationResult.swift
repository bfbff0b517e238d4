/// The per-trial outcome of a run: every metric and every uncertain input, by trial, the period
/// series of the first trials and the run's diagnostic counts.
public struct SimulationResult: Sendable {
    public let scenario: Scenario
    public let options: SimulationOptions
    /// The metric columns and their names.
    public let layout: MetricLayout
    /// Per-trial metrics, one column per `layout.metrics` entry.
    public let metrics: any TrialTable
    /// Per-trial drawn values of the scenario's uncertain inputs, named by scenario path.
    public let inputs: any TrialTable
    /// Per-period paths of the first `options.seriesTrials` trials.
    public let series: PeriodSeries
    /// Counts of capped, clamped and non-finite trials.
    public let diagnostics: RunDiagnostics

    public init(scenario: Scenario, options: SimulationOptions, layout: MetricLayout, metrics: any TrialTable,
                inputs: any TrialTable, series: PeriodSeries, diagnostics: RunDiagnostics) {
        self.scenario = scenario
        self.options = options
        self.layout = layout
        self.metrics = metrics
        self.inputs = inputs
        self.series = series
        self.diagnostics = diagnostics
    }

    /// The values of `metric` in trial order; nil when the run does not have it.
    ///
    /// - Complexity: O(trials).
    public func column(_ metric: TrialMetric) -> [Double]? {
        layout.position(of: metric).map { metrics.column(at: $0) }
    }
}

/// What a run of consecutive trials keeps in memory: the tables a `SimulationResult` shows.
struct TrialRecords: Sendable {
    var metrics: MetricTable
    var inputs: MetricTable
    var series: PeriodSeries
    var diagnostics: RunDiagnostics

    /// Consecutive parts joined into one: `parts[k + 1]` holds the trials right after `parts[k]`.
    /// Every table is copied once.
    ///
    /// - Complexity: O(total size of the parts).
    static func joined(_ parts: [TrialRecords]) -> TrialRecords? {
        guard let first = parts.first,
              let metrics = MetricTable.joined(parts.map(\.metrics)),
              let inputs = MetricTable.joined(parts.map(\.inputs)) else { return nil }
        return TrialRecords(metrics: metrics, inputs: inputs, series: PeriodSeries.joined(parts.map(\.series)),
                            diagnostics: parts.dropFirst().reduce(first.diagnostics) { $0 + $1.diagnostics })
    }
}
