/// How to run a scenario: everything a user may set on the command line.
public struct SimulationOptions: Sendable, Equatable {
    /// Number of trials.
    public var trials: Int
    /// Seed of every random stream.
    public var seed: UInt64
    /// Worker threads (≥ 1). Results do not depend on it.
    public var threads: Int
    /// Extra annual discount rates at which customer equity is also reported.
    public var extraDiscountRates: [Double]
    /// Per-period series (active customers, net cash flow) are kept for the first this-many trials.
    public var seriesTrials: Int
    /// Index of the first trial: the run simulates trials [firstTrial, firstTrial + trials).
    /// Results of a trial never depend on it (a shard of a run gives the same trials).
    public var firstTrial: Int = 0
    /// The trial count of the whole run this one is part of (a shard's `T`); nil when the run
    /// is whole. Latin hypercube strata are cut for the whole run.
    public var wholeRunTrials: Int?
    /// How per-trial inputs are sampled.
    public var sampling: Sampling = .monteCarlo
    /// Whether strategies are simulated coupled to the baseline's draws (docs/strategies.md "How
    /// coupling works, and what it buys"); off by default: common random numbers alone pair the
    /// worlds more tightly on the cases measured there.
    public var couplesStrategies = false

    public init(trials: Int, seed: UInt64, threads: Int = 1, extraDiscountRates: [Double] = [], seriesTrials: Int = 10_000) {
        self.trials = trials
        self.seed = seed
        self.threads = threads
        self.extraDiscountRates = extraDiscountRates
        self.seriesTrials = seriesTrials
    }

    /// How the per-trial uniform draws of the inputs are spread over the trials.
    public enum Sampling: String, Sendable, Equatable, CaseIterable {
        /// Independent uniforms in every trial.
        case monteCarlo = "mc"
        /// Latin hypercube: for each input, the trials' uniforms fall one in each of `trials`
        /// equal strata of (0, 1), in a random order of the input's own.
        case latinHypercube = "lhs"
    }

    /// The scenario's own trial count and seed.
    public init(scenario: Scenario, threads: Int = 1) {
        self.init(trials: scenario.trials, seed: scenario.seed, threads: threads)
    }
}
