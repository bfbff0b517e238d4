/// A whole run as one library call: scenario in, per-trial result and summary out
/// (docs/results.md). `clvsim run`, `compare`, target-precision runs, shards and merge all go
/// through it; the command line only reads files, calls it, prints and writes.
public enum ScenarioRun {
    /// What a run produced.
    public struct Output: Sendable {
        /// The per-trial tables (for a shard, only its trials).
        public let result: SimulationResult
        /// The summary across trials; nil for a shard, whose summary only the merge can make.
        public let summary: RunSummary?
        /// How a target-precision run ended; nil otherwise.
        public let precision: PrecisionOutcome?
    }

    /// Runs `request`.
    ///
    /// - Parameters:
    ///   - progress: called from worker threads with the trials completed so far.
    ///   - isCancelled: polled between blocks of trials and within trials; the run stops when
    ///     it returns true.
    ///   - precisionReached: for a target-precision run, called after each batch with the
    ///     trials so far and the widest relative half-width reached.
    /// - Throws: `SimulationError.cancelled` when stopped, `.invalid` for a request that cannot
    ///   be run (a target-precision shard, a shard of more parts than trials).
    /// - Complexity: that of the trials, plus the summary's O(metrics · trials · log trials).
    public static func perform(
        _ request: RunRequest,
        progress: (@Sendable (Int) -> Void)? = nil,
        isCancelled: (@Sendable () -> Bool)? = nil,
        precisionReached: (@Sendable (_ trials: Int, _ halfWidth: Double) -> Void)? = nil
    ) throws(SimulationError) -> Output {
        let simulation = try Simulation(scenario: request.scenario)
        if let shard = request.shard {
            guard request.precision == nil else {
                throw .invalid("a target-precision run decides its trial count as it goes, so it cannot be split into shards; give a fixed trial count")
            }
            guard shard.count <= request.options.trials else {
                throw .invalid("\(shard.count) shards need at least as many trials; the run has \(request.options.trials)")
            }
            var options = request.options
            let range = shard.trialRange(of: options.trials)
            options.wholeRunTrials = options.trials
            options.firstTrial = range.lowerBound
            options.trials = range.count
            let result = try simulation.run(options, progress: progress, isCancelled: isCancelled)
            return Output(result: result, summary: nil, precision: nil)
        }
        if let target = request.precision {
            let (result, outcome) = try simulation.run(request.options, precision: target, progress: progress,
                                                       isCancelled: isCancelled, reached: precisionReached)
            return Output(result: result, summary: summarise(result, request, precision: outcome), precision: outcome)
        }
        let result = try simulation.run(request.options, progress: progress, isCancelled: isCancelled)
        return Output(result: result, summary: summarise(result, request, precision: nil), precision: nil)
    }

    /// The summary of a whole run's result (a one-process run, or shards merged).
    ///
    /// - Complexity: O(metrics · trials · log trials).
    public static func summarise(_ result: SimulationResult, _ request: RunRequest,
                                 precision: PrecisionOutcome?) -> RunSummary {
        RunSummary(result, sensitivityMetric: request.sensitivityMetric, precision: precision,
                   scenarioWarnings: request.scenarioWarnings)
    }
}
