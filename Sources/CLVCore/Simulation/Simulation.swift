import CLVLinearAlgebra
import CLVRandom
import Dispatch
import Synchronization

/// Runs the trials of a scenario in parallel and collects per-trial metrics (MODEL.md §5, §6).
///
/// Trials are processed in fixed blocks of `blockSize` (trial `i` is always in block
/// `i / blockSize`) by `threads` workers that take blocks in turn. Every draw comes from a
/// stream keyed by (seed, trial, role) and every output is stored by trial index, so results are
/// bitwise identical for any thread count, and trials [a, b) do not depend on the others.
///
/// Within a block, per-period cash flows of all trials are discounted at the extra discount
/// rates with one matrix product (BLAS dgemm): a (4·blockSize × H) block of cash flows times an
/// (H × rates) matrix of discount factors.
///
/// - Complexity: O(trials · (S · H² + inputs)) time in the worst case, O(trials · metrics) memory.
public struct Simulation: Sendable {
    /// Trials per block.
    public static let blockSize = 64

    let model: SimulationModel

    /// Prepares a scenario for simulation.
    ///
    /// - Throws: `SimulationError` when the scenario names segments or paths that do not exist.
    public init(scenario: Scenario) throws(SimulationError) {
        model = try SimulationModel(scenario: scenario)
    }

    /// The names of the per-trial metrics, in column order.
    public func metricNames(extraDiscountRates: [Double] = []) -> [String] {
        var names = ["customerEquity", "currentCustomerValue", "newCustomerValue", "referralValue", "acquisitionSpend"]
        for (s, segment) in model.scenario.segments.enumerated() {
            let base = "segments.\(segment.name)."
            names += [base + "clv", base + "clvWithReferrals", base + "residualClv"]
            if !model.budgetPlans[s].isEmpty { names.append(base + "ltvToCac") }
        }
        for strategy in model.strategies {
            let base = "strategies.\(strategy.name)."
            names += [base + "incrementalValue", base + "cost", base + "netValue", base + "romi"]
        }
        for rate in extraDiscountRates { names.append(Self.extraRateMetric(rate)) }
        return names
    }

    /// Bytes a run with `options` keeps: per-trial metrics and inputs, and the period series.
    ///
    /// - Complexity: O(1).
    public func memoryEstimate(_ options: SimulationOptions) -> Double {
        let columns = metricNames(extraDiscountRates: options.extraDiscountRates).count + model.uncertainInputs.count
        let series = 2 * min(options.trials, options.seriesTrials) * model.horizon
        return 8 * (Double(options.trials) * Double(columns) + Double(series))
    }

    /// The metric name of customer equity at an extra annual discount rate.
    public static func extraRateMetric(_ rate: Double) -> String { "customerEquityAtRate.\(rate)" }

    /// Runs `options.trials` trials, from trial `options.firstTrial` on.
    ///
    /// - Parameters:
    ///   - progress: called from worker threads with the number of trials completed so far.
    ///   - isCancelled: polled between blocks; when it returns true the run stops early.
    /// - Throws: `SimulationError.cancelled` when stopped early.
    public func run(
        _ options: SimulationOptions,
        progress: (@Sendable (Int) -> Void)? = nil,
        isCancelled: (@Sendable () -> Bool)? = nil
    ) throws(SimulationError) -> SimulationResult {
        BLAS.useSingleThread()
        let trials = max(0, options.trials)
        guard options.firstTrial >= 0, options.firstTrial % Self.blockSize == 0 else {
            throw .invalid("the first trial must be a multiple of \(Self.blockSize)")
        }
        guard options.firstTrial + trials <= Int(UInt32.max) else {
            throw .invalid("trial indices must stay below \(UInt32.max)")
        }
        if options.sampling == .latinHypercube && options.firstTrial != 0 {
            throw .invalid("Latin hypercube sampling needs the whole run at once (it cannot continue a run)")
        }
        let hypercube = options.sampling == .latinHypercube
            ? LatinHypercube(model: model, seed: options.seed, trials: trials) : nil
        let names = metricNames(extraDiscountRates: options.extraDiscountRates)
        var metrics = MetricTable(names: names, trials: trials)
        var inputs = MetricTable(names: model.uncertainInputs.map { model.layout.inputs[$0].path }, trials: trials)
        let seriesRows = max(0, min(options.firstTrial + trials, options.seriesTrials) - options.firstTrial)
        var series = PeriodSeries(trials: seriesRows, periods: model.horizon)
        let blockCount = (trials + Self.blockSize - 1) / Self.blockSize
        let workers = max(1, min(options.threads, blockCount))
        let nextBlock = Atomic<Int>(0)
        let completed = Atomic<Int>(0)
        let cancelled = Atomic<Bool>(false)
        let flags = FlagCounters(strategies: model.strategies.count)
        let seriesTrials = series.trials
        let first = options.firstTrial

        metrics.values.withUnsafeMutableBufferPointer { metricBuffer in
            inputs.values.withUnsafeMutableBufferPointer { inputBuffer in
                series.activeCustomers.withUnsafeMutableBufferPointer { activeBuffer in
                    series.netCashFlow.withUnsafeMutableBufferPointer { cashBuffer in
                        let out = BlockOutput(metrics: metricBuffer, inputs: inputBuffer,
                                              active: activeBuffer, cash: cashBuffer)
                        DispatchQueue.concurrentPerform(iterations: workers) { _ in
                            var worker = BlockWorker(model: model, options: options, metricCount: names.count,
                                                     seriesTrials: seriesTrials, hypercube: hypercube)
                            while true {
                                if let isCancelled, isCancelled() { cancelled.store(true, ordering: .relaxed) }
                                if cancelled.load(ordering: .relaxed) { return }
                                let b = nextBlock.add(1, ordering: .relaxed).oldValue
                                guard b < blockCount else { break }
                                let range = (first + b * Self.blockSize)..<(first + min(trials, (b + 1) * Self.blockSize))
                                worker.run(range, into: out)
                                let done = completed.add(range.count, ordering: .relaxed).newValue
                                progress?(done)
                            }
                            flags.add(worker.flags)
                        }
                    }
                }
            }
        }
        if cancelled.load(ordering: .relaxed) { throw .cancelled }
        return SimulationResult(scenario: model.scenario, options: options, metrics: metrics, inputs: inputs,
                                series: series, warnings: flags.warnings(model: model, trials: trials))
    }
}

/// Pointers into the run's output arrays, shared by the workers; each trial's slots are written
/// by exactly one worker.
struct BlockOutput: @unchecked Sendable {
    let metrics: UnsafeMutableBufferPointer<Double>
    let inputs: UnsafeMutableBufferPointer<Double>
    let active: UnsafeMutableBufferPointer<Double>
    let cash: UnsafeMutableBufferPointer<Double>
}

/// Counts of per-trial events that earn a warning.
struct TrialFlags: Sendable {
    var cappedTrials = 0
    var clampedStrategyTrials: [Int]

    init(strategies: Int) { clampedStrategyTrials = [Int](repeating: 0, count: strategies) }
}

/// Thread-safe accumulation of the workers' `TrialFlags`.
final class FlagCounters: Sendable {
    private let state: Mutex<TrialFlags>

    init(strategies: Int) { state = Mutex(TrialFlags(strategies: strategies)) }

    func add(_ flags: TrialFlags) {
        state.withLock { total in
            total.cappedTrials += flags.cappedTrials
            for i in total.clampedStrategyTrials.indices { total.clampedStrategyTrials[i] += flags.clampedStrategyTrials[i] }
        }
    }

    func warnings(model: SimulationModel, trials: Int) -> [String] {
        state.withLock { flags in
            var result: [String] = []
            if flags.cappedTrials > 0 {
                result.append("customer counts exceeded \(TrialParameters.maximumCount) in \(flags.cappedTrials) of \(trials) trials and were capped; lower the viral coefficient or the horizon")
            }
            for (j, count) in flags.clampedStrategyTrials.enumerated() where count > 0 {
                result.append("strategy '\(model.strategies[j].name)' pushed an input outside its domain (e.g. a retention rate past 1) in \(count) of \(trials) trials; the values were clamped")
            }
            return result
        }
    }
}
