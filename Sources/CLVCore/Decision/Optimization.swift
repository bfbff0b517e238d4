import Foundation
import Synchronization

/// What `clvsim optimize` asks for: a scenario with decisions, the objective, an optional
/// budget, and how to run each candidate (docs/optimization.md).
public struct OptimizationRequest: Sendable {
    public var scenario: Scenario
    /// Trials, seed and threads of every candidate's run (common random numbers: the same
    /// trials and seed for every candidate).
    public var options: SimulationOptions
    public var objective: OptimizationObjective
    /// Upper bound on the expected total discounted spend (acquisition + retention); nil for none.
    public var budget: Double?
    /// Independent repetitions of the search with other seeds, for the optimum's Monte Carlo
    /// uncertainty (0 to skip).
    public var replications: Int
    /// Points of each decision's profile around the optimum (0 to skip).
    public var profilePoints: Int
    /// Stopping tolerance of the search on the box-scaled variables (`BoxNelderMead`).
    public var tolerance: Double
    /// The scenario file's warnings, passed to the run at the optimum.
    public var scenarioWarnings: [String]

    public init(scenario: Scenario, options: SimulationOptions, objective: OptimizationObjective = .mean,
                budget: Double? = nil, replications: Int = 3, profilePoints: Int = 9, tolerance: Double = 1e-4,
                scenarioWarnings: [String] = []) {
        self.scenario = scenario
        self.options = options
        self.objective = objective
        self.budget = budget
        self.replications = replications
        self.profilePoints = profilePoints
        self.tolerance = tolerance
        self.scenarioWarnings = scenarioWarnings
    }
}

/// What `clvsim optimize` found (docs/optimization.md "Reading the answer").
public struct OptimizationOutcome: Sendable {
    /// One decision at the optimum.
    public struct DecisionResult: Sendable, Equatable {
        public let name: String
        public let min: Double
        public let max: Double
        /// The value at the optimum.
        public let value: Double
        /// The search's location tolerance, (π/2) · tolerance · (max − min).
        public let tolerance: Double
        /// Standard deviation of the optimum's value over the independent replications (other
        /// seeds): its Monte Carlo uncertainty; nil without replications.
        public let replicationSD: Double?
        /// The optimum's value in each replication.
        public let replications: [Double]
    }

    /// The objective as a function of one decision, the others held at the optimum.
    public struct Profile: Sendable, Equatable {
        public let decision: String
        public let values: [Double]
        public let objective: [Double]
    }

    public let objective: OptimizationObjective
    public let decisions: [DecisionResult]
    /// The objective at the optimum.
    public let objectiveValue: Double
    /// Expected total discounted spend (acquisition + retention) at the optimum.
    public let spend: Double
    public let budget: Double?
    /// Whether the budget constraint holds with equality (within 0.1%) at the optimum.
    public let budgetBinds: Bool
    /// d(objective)/d(budget): the objective one more unit of budget buys (0 when the budget
    /// does not bind); nil without a budget. From the gradients at the optimum, ∇f = λ∇g.
    public let marginalValueOfBudget: Double?
    public let profiles: [Profile]
    /// Candidate evaluations (runs of all trials) in the main search, the profiles and the
    /// gradients; the replications' own evaluations are in `replicationEvaluations`.
    public let evaluations: Int
    public let replicationEvaluations: Int
    /// The scenario with every decision at its optimum value, and its run (summary and trials).
    public let scenario: Scenario
    public let run: ScenarioRun.Output
}

/// Finds the decisions that maximise an objective of customer equity, by simulation under common
/// random numbers (docs/optimization.md).
///
/// Every candidate is one run of the same trials with the same seed, so the objective is a
/// deterministic function of the decisions and the same for any thread count; the search is
/// `BoxNelderMead`. With a budget B on the expected discounted spend g, the search maximises
/// the exact penalty f − μ · max(0, g − B) with μ = 1000 (exact while the marginal value of budget
/// is below μ). The marginal value of budget at a binding optimum is λ = ∇f·∇g / ∇g·∇g from
/// central differences (the Lagrange condition ∇f = λ∇g).
public enum Optimization {
    /// Penalty per unit of spend above the budget.
    static let budgetPenalty = 1000.0

    /// Runs the search, the replications, the profiles and the run at the optimum.
    ///
    /// - Parameters:
    ///   - progress: called with the number of candidate evaluations so far.
    ///   - isCancelled: polled within every candidate's run.
    /// - Throws: `SimulationError.invalid` for a scenario without decisions or a bad budget,
    ///   `.cancelled` when stopped.
    /// - Complexity: evaluations × the cost of a run of `options.trials` trials; about
    ///   (1 + replications) · 40 · d + profilePoints · d + 4d evaluations.
    public static func perform(_ request: OptimizationRequest, progress: (@Sendable (Int) -> Void)? = nil,
                               isCancelled: (@Sendable () -> Bool)? = nil) throws(SimulationError) -> OptimizationOutcome {
        let scenario = request.scenario
        guard !scenario.decisions.isEmpty else {
            throw .invalid("the scenario declares no decisions, so there is nothing to optimise; add a top-level \"decisions\" list and spend a decision in a response curve")
        }
        if let budget = request.budget, !(budget >= 0 && budget.isFinite) {
            throw .invalid("the budget must be a number of at least 0")
        }
        let counter = Atomic<Int>(0)
        let evaluator = CandidateEvaluator(scenario: scenario, options: request.options, objective: request.objective,
                                           isCancelled: isCancelled) {
            progress?(counter.add(1, ordering: .relaxed).newValue)
        }
        let main = try search(evaluator, request)
        let best = main.x
        // Replications: the same search with other seeds.
        var replicated: [[Double]] = []
        var replicationEvaluations = 0
        for r in 0..<max(0, request.replications) {
            var options = request.options
            options.seed = request.options.seed &+ UInt64(r + 1) &* 0x9E37_79B9_7F4A_7C15
            let other = CandidateEvaluator(scenario: scenario, options: options, objective: request.objective,
                                           isCancelled: isCancelled) { progress?(counter.add(1, ordering: .relaxed).newValue) }
            let found = try search(other, request)
            replicated.append(found.x)
            replicationEvaluations += found.evaluations
        }
        let at = try evaluator.evaluate(best)
        var evaluations = main.evaluations + 1
        // Profiles around the optimum: ±20% of each decision's range.
        var profiles: [OptimizationOutcome.Profile] = []
        if request.profilePoints >= 2 {
            for (i, decision) in scenario.decisions.enumerated() where decision.max > decision.min {
                let width = decision.max - decision.min
                let lo = max(decision.min, best[i] - 0.2 * width), hi = min(decision.max, best[i] + 0.2 * width)
                var values: [Double] = [], objective: [Double] = []
                for k in 0..<request.profilePoints {
                    var x = best
                    x[i] = lo + (hi - lo) * Double(k) / Double(request.profilePoints - 1)
                    values.append(x[i])
                    objective.append(try evaluator.evaluate(x).objective)
                    evaluations += 1
                }
                profiles.append(.init(decision: decision.name, values: values, objective: objective))
            }
        }
        // Marginal value of budget.
        var marginal: Double?
        var binds = false
        if let budget = request.budget {
            binds = at.spend >= budget * (1 - 1e-3) && budget > 0
            marginal = 0
            if binds {
                var dotFG = 0.0, dotGG = 0.0
                for (i, decision) in scenario.decisions.enumerated() where decision.max > decision.min {
                    let h = 1e-3 * (decision.max - decision.min)
                    var up = best, down = best
                    up[i] = min(decision.max, best[i] + h)
                    down[i] = max(decision.min, best[i] - h)
                    let a = try evaluator.evaluate(up), b = try evaluator.evaluate(down)
                    evaluations += 2
                    let dx = up[i] - down[i]
                    guard dx > 0 else { continue }
                    let df = (a.objective - b.objective) / dx, dg = (a.spend - b.spend) / dx
                    dotFG += df * dg
                    dotGG += dg * dg
                }
                marginal = dotGG > 0 ? dotFG / dotGG : 0
            }
        }
        let location = BoxNelderMead(lower: scenario.decisions.map(\.min), upper: scenario.decisions.map(\.max),
                                     tolerance: request.tolerance).locationTolerance
        let decisions = scenario.decisions.enumerated().map { i, decision in
            let values = replicated.map { $0[i] }
            var sd: Double?
            if values.count >= 2 {
                sd = Stat.moments(values).sd
            } else if values.count == 1 {
                sd = abs(values[0] - best[i])
            }
            return OptimizationOutcome.DecisionResult(name: decision.name, min: decision.min, max: decision.max, value: best[i],
                                                      tolerance: location[i], replicationSD: sd, replications: values)
        }
        var optimum = evaluator.scenario(at: best)
        optimum.strategies = scenario.strategies
        let run = try ScenarioRun.perform(RunRequest(scenario: optimum, options: request.options,
                                                     scenarioWarnings: request.scenarioWarnings),
                                          isCancelled: isCancelled)
        return OptimizationOutcome(objective: request.objective, decisions: decisions, objectiveValue: at.objective,
                                   spend: at.spend, budget: request.budget, budgetBinds: binds,
                                   marginalValueOfBudget: marginal, profiles: profiles, evaluations: evaluations,
                                   replicationEvaluations: replicationEvaluations, scenario: optimum, run: run)
    }

    /// One search from the decisions' values.
    private static func search(_ evaluator: CandidateEvaluator, _ request: OptimizationRequest) throws(SimulationError)
        -> (x: [Double], value: Double, evaluations: Int) {
        let decisions = request.scenario.decisions
        let method = BoxNelderMead(lower: decisions.map(\.min), upper: decisions.map(\.max), tolerance: request.tolerance,
                                   maximumEvaluations: 300 * decisions.count)
        let budget = request.budget
        return try method.maximise(from: decisions.map(\.value)) { (x: [Double]) throws(SimulationError) -> Double in
            let candidate = try evaluator.evaluate(x)
            guard let budget else { return candidate.objective }
            return candidate.objective - Self.budgetPenalty * max(0, candidate.spend - budget)
        }
    }
}

/// Runs one candidate: the scenario with its decisions at given values, on the request's trials.
struct CandidateEvaluator {
    let base: Scenario
    let options: SimulationOptions
    let objective: OptimizationObjective
    let isCancelled: (@Sendable () -> Bool)?
    let counted: () -> Void

    init(scenario: Scenario, options: SimulationOptions, objective: OptimizationObjective,
         isCancelled: (@Sendable () -> Bool)?, counted: @escaping () -> Void) {
        var base = scenario
        // Strategies do not enter customer equity; leave them out of the candidates' runs unless
        // a correlation names one of their amounts (the copula needs them).
        if !scenario.correlations.contains(where: { correlation in correlation.between.contains { $0.hasPrefix("strategies.") } }) {
            base.strategies = []
        }
        self.base = base
        var options = options
        options.seriesTrials = 0
        options.extraDiscountRates = []
        self.options = options
        self.objective = objective
        self.isCancelled = isCancelled
        self.counted = counted
    }

    /// The scenario with decision i at x[i] (clamped into its bounds).
    func scenario(at x: [Double]) -> Scenario {
        var scenario = base
        for i in scenario.decisions.indices {
            scenario.decisions[i].value = min(max(x[i], scenario.decisions[i].min), scenario.decisions[i].max)
        }
        return scenario
    }

    /// The objective and the mean discounted spend (acquisition + retention) of a candidate.
    ///
    /// - Complexity: one run of `options.trials` trials.
    func evaluate(_ x: [Double]) throws(SimulationError) -> (objective: Double, spend: Double) {
        let simulation = try Simulation(scenario: scenario(at: x))
        let result = try simulation.run(options, isCancelled: isCancelled)
        counted()
        let equity = result.column(.customerEquity) ?? []
        let acquisition = result.column(.acquisitionSpend) ?? [], retention = result.column(.retentionSpend) ?? []
        var spend = 0.0
        for t in equity.indices { spend += acquisition[t] + retention[t] }
        return (objective.value(equity), equity.isEmpty ? 0 : spend / Double(equity.count))
    }
}
