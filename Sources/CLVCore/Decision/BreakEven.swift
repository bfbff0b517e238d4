/// How big must a strategy's effect be for it to pay? (docs/strategies.md, "Break-even: how big
/// must the effect be?")
///
/// One change of one strategy is scaled: its *size* x is the `add` amount, or x = factor − 1 for a
/// `multiply` (for an uncertain amount, x₀ is its mean). For each size the scenario is run with
/// only that strategy, change I's amount replaced by the fixed size (its other changes, its cost
/// and the change's target and window kept), on the same trials
/// with the same seed — common random numbers — so that the curve
///
///   m(x) = mean net value over the trials at size x,  s(x) = share of trials with net value > 0
///
/// is a deterministic function of x for a given seed and the search is reproducible.
///
/// - `breakEvenMean`: the root x* of m(x) = 0. Sizes 0, x₀, 2x₀, 4x₀, … (x₀ the change's own size;
///   for a `multiply` below 1, sizes halve their distance to −1 instead) are evaluated until m
///   changes sign; the root is then refined by the Illinois variant of regula falsi until the step
///   is below 5% of the Monte Carlo error of the root. Its standard error is the delta method's,
///   SE(x*) = SE(m̂(x*)) / |m′(x*)|, with m′ a central difference over 5% of the first bracket's
///   width; the interval is x* ± 1.96 SE.
/// - `breakEvenProbability` (for a target share P): the root of s(x) = P, bracketed the same way
///   and refined by bisection. Its standard error is the binomial standard error of a share,
///   √(P(1 − P)/T), over the slope of s, a central difference widened until it spans at least ten
///   trials (s is a step function of x); this interval is approximate.
///
/// No root is reported (with the reason) when the sign does not change between size 0 and the
/// last size searched (2¹² · x₀), or when the net value stops changing (the changed input is at
/// the edge of its domain and clamped).
///
/// - Complexity: O(E · R): E runs of cost R each (a `ScenarioRun.perform` of `options.trials`
///   trials); E ≤ 14 sizes to bracket + 42 to refine the mean root + 52 to refine the probability
///   root, 10 to 30 in practice.
public struct BreakEven: Sendable {
    /// A break-even size with its Monte Carlo error.
    public struct Estimate: Sendable, Equatable {
        public let size: Double
        public let standardError: Double
        /// The interval size ± z · standardError.
        public let lower: Double
        public let upper: Double
        public let level: Double

        init(size: Double, standardError: Double, level: Double = 0.95) {
            self.size = size
            self.standardError = standardError
            let z = 1.959963984540054
            lower = size - z * standardError
            upper = size + z * standardError
            self.level = level
        }
    }

    /// The run at one size.
    public struct Evaluation: Sendable, Equatable {
        public let size: Double
        /// Mean net value over the trials, and its Monte Carlo standard error.
        public let meanNetValue: Double
        public let standardError: Double
        /// Share of trials with net value > 0.
        public let shareNetPositive: Double
    }

    /// The operation of the scaled change.
    public enum Operation: String, Sendable { case add, multiply }

    public let strategy: String
    public let change: Int
    public let target: String
    public let operation: Operation
    /// The change's own size in the scenario (x₀).
    public let currentSize: Double
    /// The target share P, when one was asked for.
    public let probability: Double?
    public let breakEvenMean: Estimate?
    /// Why there is no `breakEvenMean`; nil when there is one.
    public let meanReason: String?
    public let breakEvenProbability: Estimate?
    /// Why there is no `breakEvenProbability` although P was given; nil otherwise.
    public let probabilityReason: String?
    /// Every size evaluated, in increasing order of size.
    public let evaluations: [Evaluation]
    public let trials: Int
    public let seed: UInt64
}

extension BreakEven {
    /// Searches the break-even sizes of change `change` of strategy `strategy` of `scenario`.
    ///
    /// - Parameters:
    ///   - probability: the target share P of trials with net value > 0, in (0, 1); nil for none.
    ///   - isCancelled: polled within each run; the search stops with `.simulation(.cancelled)`.
    ///   - evaluated: called after each size is evaluated, with the evaluations so far.
    /// - Throws: `BreakEvenError` for a strategy, change or probability the search cannot use, and
    ///   for a run that fails or is cancelled.
    /// - Complexity: see the type.
    public static func search(
        scenario: Scenario, strategy name: String, change index: Int, probability: Double?,
        options: SimulationOptions, isCancelled: (@Sendable () -> Bool)? = nil,
        evaluated: ((Int) -> Void)? = nil
    ) throws(BreakEvenError) -> BreakEven {
        let curve = try NetValueCurve(scenario: scenario, strategy: name, change: index, probability: probability,
                                      options: options, isCancelled: isCancelled, evaluated: evaluated)
        let mean = try curve.meanRoot()
        let share = try probability.map { p throws(BreakEvenError) in try curve.shareRoot(p) }
        return BreakEven(strategy: curve.strategy.name, change: index, target: curve.changeTarget,
                         operation: curve.operation, currentSize: curve.currentSize, probability: probability,
                         breakEvenMean: mean.estimate, meanReason: mean.reason,
                         breakEvenProbability: share?.estimate, probabilityReason: share?.reason,
                         evaluations: curve.evaluations, trials: options.trials, seed: options.seed)
    }
}

/// Why a break-even search cannot be run.
public enum BreakEvenError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No strategy has this name; `hint` suggests close names.
    case unknownStrategy(String, hint: String)
    /// The change index is not one of the strategy's changes.
    case changeOutOfRange(Int, count: Int, strategy: String)
    /// A `set` change replaces the input by a distribution: it has no size to scale.
    case notScalable(strategy: String, change: Int, target: String)
    /// The change has size 0 (add 0, multiply 1): there is no direction to search in.
    case zeroSize(strategy: String, change: Int, target: String)
    /// The probability is not in (0, 1).
    case probabilityOutOfRange(Double)
    /// A run failed or was cancelled.
    case simulation(SimulationError)

    public var description: String {
        switch self {
        case .unknownStrategy(let name, let hint):
            return "no strategy is named '\(name)'; \(hint)"
        case .changeOutOfRange(let index, let count, let strategy):
            return "strategy '\(strategy)' has \(count) change\(count == 1 ? "" : "s") (0 to \(count - 1)); there is no change \(index)"
        case .notScalable(let strategy, let change, let target):
            return "change \(change) of strategy '\(strategy)' sets \(target) to a distribution, which has no size to scale; break-even works on `add` and `multiply` changes"
        case .zeroSize(let strategy, let change, let target):
            return "change \(change) of strategy '\(strategy)' leaves \(target) unchanged (size 0), so there is no direction to search in; give it the size you have in mind"
        case .probabilityOutOfRange(let p):
            return "the probability must be between 0 and 1 (exclusive), got \(p)"
        case .simulation(let error):
            return error.description
        }
    }
}
