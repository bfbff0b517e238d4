import CLVRandom
import Foundation

/// A target precision for `Simulation.run(_:precision:...)`: run batches of trials until the 95%
/// half-widths of the mean customer equity and of its 5th and 95th percentiles are all below
/// `relativeHalfWidth` × |mean customer equity|, or `maximumTrials` is reached.
public struct PrecisionTarget: Sendable, Equatable {
    /// The target half-width as a fraction of the mean, e.g. 0.005.
    public var relativeHalfWidth: Double
    /// The most trials to run.
    public var maximumTrials: Int
    /// Trials per batch (a multiple of `Simulation.blockSize`).
    public var batchTrials: Int
    /// Batches run before the rule is first checked (batch means need a few batches).
    public var minimumBatches: Int

    public init(relativeHalfWidth: Double, maximumTrials: Int, batchTrials: Int = 1024, minimumBatches: Int = 10) {
        self.relativeHalfWidth = relativeHalfWidth
        self.maximumTrials = maximumTrials
        self.batchTrials = max(Simulation.blockSize, batchTrials / Simulation.blockSize * Simulation.blockSize)
        self.minimumBatches = max(2, minimumBatches)
    }
}

/// How a target-precision run ended.
public struct PrecisionOutcome: Sendable, Equatable {
    public let target: PrecisionTarget
    /// Whether every half-width got below the target.
    public let met: Bool
    public let trials: Int
    public let batches: Int
    /// Half-widths at the end, as fractions of |mean customer equity|.
    public let meanHalfWidth: Double
    public let p5HalfWidth: Double
    public let p95HalfWidth: Double
}

extension Simulation {
    /// Runs batches of `target.batchTrials` trials until the precision target is met.
    ///
    /// The stopping rule, checked after each batch from batch `minimumBatches` on:
    /// - mean: 1.96 · sd / √n over all n trials so far;
    /// - 5th and 95th percentiles, by batch means: t₀.₉₇₅,k−1 · sd(q₁ … q_k) / √k, where q_j is the
    ///   percentile within batch j;
    /// each divided by |mean customer equity|. Batches are whole runs of consecutive trials, so the
    /// result is that of one run with the final trial count: the same seed and target give the
    /// same trials and results for any thread count, and a tighter target never stops earlier.
    ///
    /// - Parameter reached: called after each batch with the trials so far and the widest of
    ///   the three relative half-widths (infinite before two batches), for a progress display.
    /// - Complexity: that of the trials run, plus O(n log B) for the percentiles of each batch.
    public func run(
        _ options: SimulationOptions, precision target: PrecisionTarget,
        progress: (@Sendable (Int) -> Void)? = nil, isCancelled: (@Sendable () -> Bool)? = nil,
        reached: (@Sendable (_ trials: Int, _ halfWidth: Double) -> Void)? = nil
    ) throws(SimulationError) -> (SimulationResult, PrecisionOutcome) {
        guard options.sampling == .monteCarlo else {
            throw .invalid("a target-precision run adds trials in batches, which Latin hypercube sampling cannot do")
        }
        var batches: [TrialRecords] = []
        let equityColumn = layout(extraDiscountRates: options.extraDiscountRates).position(of: .customerEquity) ?? 0
        var equity: [Double] = []
        var p5s: [Double] = [], p95s: [Double] = []
        var done = 0
        var outcome: PrecisionOutcome?
        while outcome == nil {
            var batch = options
            batch.firstTrial = done
            batch.trials = min(target.batchTrials, target.maximumTrials - done)
            let already = done
            var batchProgress: (@Sendable (Int) -> Void)?
            if let progress { batchProgress = { progress(already + $0) } }
            let next = try records(batch, progress: batchProgress, isCancelled: isCancelled)
            batches.append(next)
            done += batch.trials
            let batchEquity = next.metrics.column(at: equityColumn)
            equity += batchEquity
            let sorted = batchEquity.filter { $0.isFinite }.sorted()
            p5s.append(Stat.quantile(sorted, 0.05))
            p95s.append(Stat.quantile(sorted, 0.95))
            let widths = Self.halfWidths(equity, p5s: p5s, p95s: p95s)
            reached?(done, widths.max() ?? .infinity)
            guard p5s.count >= target.minimumBatches || done >= target.maximumTrials else { continue }
            let met = widths.allSatisfy { $0 < target.relativeHalfWidth }
            if met || done >= target.maximumTrials {
                outcome = PrecisionOutcome(target: target, met: met, trials: done, batches: p5s.count,
                                           meanHalfWidth: widths[0], p5HalfWidth: widths[1], p95HalfWidth: widths[2])
            }
        }
        guard let records = TrialRecords.joined(batches), let outcome else { throw .invalid("no trials were run") }
        var whole = options
        whole.trials = done
        let result = SimulationResult(scenario: model.scenario, options: whole,
                                      layout: layout(extraDiscountRates: options.extraDiscountRates),
                                      metrics: records.metrics, inputs: records.inputs, series: records.series,
                                      diagnostics: records.diagnostics)
        return (result, outcome)
    }

    /// Relative 95% half-widths of the mean, p5 and p95 (infinite when they cannot be judged yet).
    ///
    /// - Complexity: O(n + batches); nothing is sorted.
    static func halfWidths(_ equity: [Double], p5s: [Double], p95s: [Double]) -> [Double] {
        let finite = equity.filter { $0.isFinite }
        let (mean, sd) = Stat.moments(finite)
        guard !finite.isEmpty, mean != 0, p5s.count >= 2 else {
            return [.infinity, .infinity, .infinity]
        }
        let scale = abs(mean)
        let standardError = sd / Double(finite.count).squareRoot()
        let t = studentT975(degreesOfFreedom: p5s.count - 1)
        func batchHalfWidth(_ q: [Double]) -> Double {
            let mean = q.reduce(0, +) / Double(q.count)
            let variance = q.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(q.count - 1)
            return t * (variance / Double(q.count)).squareRoot() / scale
        }
        return [1.959963984540054 * standardError / scale, batchHalfWidth(p5s), batchHalfWidth(p95s)]
    }

    /// The 97.5% quantile of Student's t distribution.
    static func studentT975(degreesOfFreedom df: Int) -> Double {
        let table: [Double] = [12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004,
                               2.262157, 2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905,
                               2.109816, 2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658, 2.063899,
                               2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272]
        if df >= 1 && df <= table.count { return table[df - 1] }
        // Cornish–Fisher expansion around the normal quantile for larger df.
        let z = 1.959963984540054, n = Double(max(df, 1))
        return z + (z * z * z + z) / (4 * n) + (5 * pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * n * n)
    }
}
