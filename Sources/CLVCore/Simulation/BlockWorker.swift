/// One worker of a run: it takes blocks of trials in turn and, for each, draws the inputs,
/// runs every trial, discounts the block at the extra rates and writes the trials' rows.
///
/// - Complexity: that of its trials, plus O(groups · H) per trial with per-period series;
///   O(blockSize · (inputs + 4·H)) memory, reused.
struct BlockWorker {
    let model: SimulationModel
    let layout: MetricLayout
    /// The groups of customers counted per period (`CustomerStates`).
    let states: CustomerStates
    /// The run's first trial index: row `trial − firstTrial` of the output holds `trial`.
    let firstTrial: Int
    /// Per-period series are kept for the trials below this index (relative to `firstTrial`).
    let seriesTrials: Int
    private var sampler: InputSampler
    private var runner: TrialRunner
    private var extraRates: ExtraRateDiscounting
    /// The counts of this worker's trials.
    private(set) var diagnostics: RunDiagnostics

    init(model: SimulationModel, layout: MetricLayout, states: CustomerStates, options: SimulationOptions, seriesTrials: Int,
         hypercube: LatinHypercube?, isCancelled: (@Sendable () -> Bool)? = nil) {
        self.model = model
        self.layout = layout
        self.states = states
        firstTrial = options.firstTrial
        self.seriesTrials = seriesTrials
        sampler = InputSampler(model: model, seed: options.seed, hypercube: hypercube)
        runner = TrialRunner(model: model, seed: options.seed, isCancelled: isCancelled,
                             strategyFlows: !options.extraDiscountRates.isEmpty,
                             couplesStrategies: options.couplesStrategies)
        extraRates = ExtraRateDiscounting(rates: options.extraDiscountRates, scenario: model.scenario)
        diagnostics = RunDiagnostics(strategies: model.strategies.count)
    }

    /// Simulates the trials in `range`, all in the block that starts at trial `blockStart`, and
    /// writes their rows of `out`; stops at once (returning false) when the run is cancelled.
    @discardableResult
    mutating func run(_ range: Range<Int>, blockStart: Int, into out: BlockOutput) -> Bool {
        let horizon = model.horizon
        let width = layout.metrics.count
        let hasExtraRates = !extraRates.rates.isEmpty
        if hasExtraRates { extraRates.startBlock() }
        sampler.draw(range, blockStart: blockStart)
        for trial in range {
            let row = trial - firstTrial
            let inputs = sampler.inputs(of: trial, blockStart: blockStart)
            for (k, i) in model.uncertainInputs.enumerated() {
                out.inputs[row * model.uncertainInputs.count + k] = inputs[inputs.startIndex + i]
            }
            guard let outcome = runner.run(trial: trial, inputs: inputs,
                                           uniforms: sampler.uniforms(of: trial, blockStart: blockStart)) else { return false }
            var finite = true
            for (c, metric) in layout.metrics.enumerated() {
                guard let value = outcome.value(of: metric) else { continue }
                out.metrics[row * width + c] = value
                if !value.isFinite, metric.unit == .money, !(value.isNaN && metric.mayBeUndefined) { finite = false }
            }
            count(outcome, finite: finite)
            if row < seriesTrials {
                for t in 1...horizon {
                    out.active[row * horizon + t - 1] = outcome.history.activeCustomers[t - 1]
                    out.cash[row * horizon + t - 1] = outcome.history.netCashFlow(period: t)
                }
                let groups = states.groups.count
                for g in 0..<groups {
                    for t in 1...horizon {
                        out.states[(row * groups + g) * horizon + t - 1] = states.count(g, in: outcome.history, model: model, period: t)
                    }
                }
            }
            if hasExtraRates { extraRates.record(outcome, offset: trial - blockStart) }
        }
        guard hasExtraRates, extraRates.discountBlock() else { return true }
        for trial in range {
            let row = trial - firstTrial
            for (metric, value) in extraRates.values(offset: trial - blockStart) {
                guard let c = layout.position(of: metric) else { continue }
                out.metrics[row * width + c] = value
            }
        }
        return true
    }

    /// Adds one trial to the diagnostic counts.
    private mutating func count(_ outcome: TrialOutcome, finite: Bool) {
        diagnostics.trials += 1
        if outcome.history.capped { diagnostics.cappedTrials += 1 }
        if !finite { diagnostics.nonFiniteTrials += 1 }
        for (j, strategy) in outcome.strategies.enumerated() {
            if strategy.capped { diagnostics.strategyCappedTrials[j] += 1 }
            if strategy.clamped { diagnostics.strategyClampedTrials[j] += 1 }
        }
    }
}

/// Pointers into the run's output arrays, shared by the workers; each trial's slots are written
/// by exactly one worker.
struct BlockOutput: @unchecked Sendable {
    let metrics: UnsafeMutableBufferPointer<Double>
    let inputs: UnsafeMutableBufferPointer<Double>
    let active: UnsafeMutableBufferPointer<Double>
    let cash: UnsafeMutableBufferPointer<Double>
    /// Customers by state (`PeriodSeries.customersByState`).
    let states: UnsafeMutableBufferPointer<Double>
}
