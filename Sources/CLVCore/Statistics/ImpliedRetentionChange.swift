/// What a strategy's changes to a segment's retention parameters mean for its customers: the
/// mean churn probability per renewal and the expected lifetime of a new customer, with and
/// without the strategy (docs/strategies.md "Effects that are uncertain or time-bound").
///
/// A lift to sBG's β of 25% says little by itself; the churn and lifetime it implies do.
/// - sBG(α, β): mean churn E[θ] = α/(α+β); a new customer is active k periods after acquisition
///   with probability S_k = Π_{n=1}^{k} (β+n−1)/(α+β+n−1).
/// - constant r: churn 1 − r, S_k = r^k.
/// The expected lifetime is Σ_{k=0}^{H−1} S_k, the periods a new customer acquired in period 1 is
/// expected to be active within the horizon (finite even when E[1/θ] is not, as for α ≤ 1).
/// Both are averaged over the trials, with the strategy's `add` and `multiply` changes applied
/// to each trial's drawn values (a `set` is not reflected); a change with a window is shown as
/// if it applied throughout.
public struct ImpliedRetentionChange: Sendable, Equatable {
    public let segment: String
    public let meanChurnBaseline: Double
    public let meanChurnStrategy: Double
    public let expectedLifetimeBaseline: Double
    public let expectedLifetimeStrategy: Double

    /// The implied changes of strategy `j`, one per segment whose constant or sBG retention it
    /// changes by `add` or `multiply`.
    ///
    /// - Complexity: O(trials · H) per such segment.
    public static func of(strategy j: Int, in result: SimulationResult) -> [ImpliedRetentionChange] {
        let scenario = result.scenario
        let horizon = scenario.horizonPeriods
        let strategy = scenario.strategies[j]
        let trials = result.metrics.trials
        var inputColumns: [String: [Double]] = [:]
        /// The drawn values of the input at `path`: its column, or its fixed value.
        func values(_ path: String) -> [Double]? {
            if let column = inputColumns[path] { return column }
            let column: [Double]
            if let c = result.inputs.names.firstIndex(of: path) {
                column = result.inputs.column(at: c)
            } else if let input = scenario.inputs.first(where: { $0.path == path }), case .fixed(let x) = input.distribution {
                column = [Double](repeating: x, count: trials)
            } else {
                return nil
            }
            inputColumns[path] = column
            return column
        }
        var result: [ImpliedRetentionChange] = []
        // Billing cycles, migration and recency make a renewal something other than a period's
        // stay-or-churn, so the implied per-period churn and lifetime would not mean what they say.
        for segment in scenario.segments where !segment.hasDynamics {
            let fields: [String]
            switch segment.retention {
            case .constant: fields = ["retention.rate"]
            case .sbg: fields = ["retention.alpha", "retention.beta"]
            case .curve, .constantResponse, .recency: continue
            }
            var baseline: [[Double]] = []
            var changed: [[Double]] = []
            var touched = false
            for field in fields {
                let path = "segments.\(segment.name).\(field)"
                guard let drawn = values(path) else { return [] }
                var after = drawn
                for (c, change) in strategy.changes.enumerated() where change.target == path {
                    guard change.operation.key != "set",
                          let amounts = values(Strategy.amountPath(strategy: strategy.name, change: c, operation: change.operation))
                    else { continue }
                    touched = true
                    for i in after.indices {
                        if case .add = change.operation { after[i] += amounts[i] } else { after[i] *= amounts[i] }
                    }
                }
                baseline.append(drawn)
                changed.append(after)
            }
            guard touched, trials > 0 else { continue }
            var churn = (0.0, 0.0), lifetime = (0.0, 0.0)
            for i in 0..<trials {
                let before = Self.churnAndLifetime(segment.retention, baseline.map { $0[i] }, horizon: horizon)
                let after = Self.churnAndLifetime(segment.retention, changed.map { $0[i] }, horizon: horizon)
                churn.0 += before.churn; churn.1 += after.churn
                lifetime.0 += before.lifetime; lifetime.1 += after.lifetime
            }
            let n = Double(trials)
            result.append(ImpliedRetentionChange(segment: segment.name, meanChurnBaseline: churn.0 / n, meanChurnStrategy: churn.1 / n,
                                                 expectedLifetimeBaseline: lifetime.0 / n, expectedLifetimeStrategy: lifetime.1 / n))
        }
        return result
    }

    /// Mean churn and expected lifetime within `horizon` for one trial's parameters
    /// (`[rate]` or `[α, β]`), clamped into their domains as the simulation clamps them; the
    /// survival uses the kernel's renewal probabilities (`SegmentSchedule.renewalProbability`).
    static func churnAndLifetime(_ model: RetentionModel, _ parameters: [Double], horizon: Int) -> (churn: Double, lifetime: Double) {
        var p = SegmentParameters()
        let churn: Double
        if case .sbg = model {
            p.retentionAlpha = max(parameters[0], Double.leastNormalMagnitude)
            p.retentionBeta = max(parameters[1], Double.leastNormalMagnitude)
            churn = p.retentionAlpha / (p.retentionAlpha + p.retentionBeta)
        } else {
            p.retentionRate = min(max(parameters[0], 0), 1)
            churn = 1 - p.retentionRate
        }
        var survival = 1.0, lifetime = 0.0
        for k in 0..<horizon {
            lifetime += survival
            survival *= SegmentSchedule.renewalProbability(model, p, number: k + 1)
        }
        return (churn, lifetime)
    }
}
