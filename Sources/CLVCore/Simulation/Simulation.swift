import CLVLinearAlgebra
import CLVRandom
import Dispatch
import Synchronization

/// Runs the trials of a scenario in parallel and collects per-trial metrics
/// (docs/model.md "What a run reports", "Reproducibility and parallelism").
///
/// Trials belong to fixed blocks of `blockSize` (trial `i` is always in block `i / blockSize`,
/// whatever range a run or a shard covers); `threads` workers take them in chunks that lie
/// inside one block and shrink towards the end of the run (`TrialChunks`). Every draw comes
/// from a stream keyed by (seed, trial, role) and every output is stored by trial index, so
/// results are bitwise identical for any thread count, and trials [a, b) do not depend on the
/// others: a run split into shards gives the same trials.
///
/// - Complexity: O(trials · (S · H² + inputs)) time in the worst case, O(trials · metrics) memory.
public struct Simulation: Sendable {
    /// Trials per block.
    public static let blockSize = 64

    /// The first trial of the block that holds `trial`: blocks fall on the same trials as in a
    /// run from trial 0, block b holding [b·64, b·64 + 64), whatever range a run or shard covers.
    ///
    /// - Complexity: O(1).
    static func blockStart(of trial: Int) -> Int {
        trial / blockSize * blockSize
    }

    let model: SimulationModel
    /// What a run reports by customer state: value-by-state columns and per-period groups.
    public let states: CustomerStates

    /// Prepares a scenario for simulation.
    ///
    /// - Throws: `SimulationError` when the scenario names segments or paths that do not exist.
    public init(scenario: Scenario) throws(SimulationError) {
        model = try SimulationModel(scenario: scenario)
        states = CustomerStates(scenario: scenario, chains: model.chains)
    }

    /// The scenario being simulated.
    public var scenario: Scenario { model.scenario }

    /// The per-trial metric columns of a run with these extra discount rates.
    ///
    /// - Complexity: O(segments + strategies + rates).
    public func layout(extraDiscountRates: [Double] = []) -> MetricLayout {
        MetricLayout(scenario: model.scenario, hasBudgetPlan: model.budgetPlans.map { !$0.isEmpty }, states: states,
                     extraDiscountRates: extraDiscountRates)
    }

    /// The scenario paths of the uncertain inputs, the input columns of a run, in order.
    public var uncertainInputPaths: [String] { model.uncertainInputs.map { model.layout.inputs[$0].path } }

    /// Bytes a run with `options` keeps: per-trial metrics and inputs, and the period series.
    ///
    /// - Complexity: O(1).
    public func memoryEstimate(_ options: SimulationOptions) -> Double {
        let columns = layout(extraDiscountRates: options.extraDiscountRates).metrics.count + model.uncertainInputs.count
        let series = (2 + states.groups.count) * min(options.trials, options.seriesTrials) * model.horizon
        return 8 * (Double(options.trials) * Double(columns) + Double(series))
    }

    /// Runs `options.trials` trials, from trial `options.firstTrial` on.
    ///
    /// - Parameters:
    ///   - progress: called from worker threads with the number of trials completed so far.
    ///   - isCancelled: polled between blocks and, within a trial, once per segment and per
    ///     period; when it returns true the run stops within a fraction of a trial.
    /// - Throws: `SimulationError.cancelled` when stopped early.
    public func run(
        _ options: SimulationOptions,
        progress: (@Sendable (Int) -> Void)? = nil,
        isCancelled: (@Sendable () -> Bool)? = nil
    ) throws(SimulationError) -> SimulationResult {
        let records = try self.records(options, progress: progress, isCancelled: isCancelled)
        return SimulationResult(scenario: model.scenario, options: options,
                                layout: layout(extraDiscountRates: options.extraDiscountRates),
                                metrics: records.metrics, inputs: records.inputs, series: records.series,
                                diagnostics: records.diagnostics)
    }

    /// The tables of a run, as `run(_:progress:isCancelled:)` returns them.
    func records(
        _ options: SimulationOptions,
        progress: (@Sendable (Int) -> Void)?,
        isCancelled: (@Sendable () -> Bool)?
    ) throws(SimulationError) -> TrialRecords {
        BLAS.useSingleThread()
        let trials = max(0, options.trials)
        let first = options.firstTrial
        guard first >= 0 else { throw .invalid("the first trial must not be negative") }
        guard first + trials <= Int(UInt32.max) else {
            throw .invalid("trial indices must stay below \(UInt32.max)")
        }
        let wholeRun = options.wholeRunTrials ?? (first + trials)
        if options.sampling == .latinHypercube && first + trials > wholeRun {
            throw .invalid("a Latin hypercube run's trials must lie inside the whole run's \(wholeRun) trials")
        }
        let hypercube = options.sampling == .latinHypercube
            ? LatinHypercube(model: model, seed: options.seed, trials: wholeRun) : nil
        let layout = layout(extraDiscountRates: options.extraDiscountRates)
        var metrics = MetricTable(names: layout.names, trials: trials)
        var inputs = MetricTable(names: uncertainInputPaths, trials: trials)
        let seriesRows = max(0, min(first + trials, options.seriesTrials) - first)
        var series = PeriodSeries(trials: seriesRows, periods: model.horizon, states: states.groups.count)
        let workers = max(1, min(options.threads, trials))
        let chunks = TrialChunks(first: first, count: trials, workers: workers)
        let completed = Atomic<Int>(0)
        let cancelled = Atomic<Bool>(false)
        let totals = Mutex(RunDiagnostics(strategies: model.strategies.count))

        metrics.values.withUnsafeMutableBufferPointer { metricBuffer in
            inputs.values.withUnsafeMutableBufferPointer { inputBuffer in
                series.activeCustomers.withUnsafeMutableBufferPointer { activeBuffer in
                    series.netCashFlow.withUnsafeMutableBufferPointer { cashBuffer in
                        series.customersByState.withUnsafeMutableBufferPointer { stateBuffer in
                            let out = BlockOutput(metrics: metricBuffer, inputs: inputBuffer,
                                                  active: activeBuffer, cash: cashBuffer, states: stateBuffer)
                            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                                var worker = BlockWorker(model: model, layout: layout, states: states, options: options,
                                                         seriesTrials: seriesRows, hypercube: hypercube,
                                                         isCancelled: isCancelled)
                                while true {
                                    if let isCancelled, isCancelled() { cancelled.store(true, ordering: .relaxed) }
                                    if cancelled.load(ordering: .relaxed) { return }
                                    guard let range = chunks.claim() else { break }
                                    guard worker.run(range, blockStart: Self.blockStart(of: range.lowerBound), into: out) else {
                                        cancelled.store(true, ordering: .relaxed)
                                        return
                                    }
                                    let done = completed.add(range.count, ordering: .relaxed).newValue
                                    progress?(done)
                                }
                                let counted = worker.diagnostics
                                totals.withLock { $0 = $0 + counted }
                            }
                        }
                    }
                }
            }
        }
        if cancelled.load(ordering: .relaxed) { throw .cancelled }
        return TrialRecords(metrics: metrics, inputs: inputs, series: series,
                            diagnostics: totals.withLock { $0 })
    }
}
