/// What a run reports about the states of the customers of a scenario with dynamics
/// (docs/results.md "Customers by state"): the one definition of which state metrics and which
/// per-period state counts a scenario has.
///
/// - Value by state: for a segment with recency retention, the value of a customer at each
///   recency 1 … k in period 1 (`TrialMetric.recencyValue`); for a segment whose state chain does
///   not change with tenure — every segment it can reach keeps its renewal probability
///   (constant or recency retention) and has a fixed `revenueGrowth` of 0 — the infinite-horizon
///   value of a new customer (`TrialMetric.perpetualClv`).
/// - Customers by state: when some segment has recency retention or migration, the active
///   customers of each period split into groups that partition them: each recency state
///   0 … k of a recency segment (0 = acquired in the period), and each other segment as a whole
///   (a customer who migrated counts in the segment they are in now). The groups' counts add up
///   to the period's active customers. A scenario with neither has no groups, and its outputs
///   are those of a scenario without dynamics.
///
/// - Complexity: O(S + states) to build.
public struct CustomerStates: Sendable, Equatable {
    /// A group of customers counted in each period: one recency state of a recency segment
    /// (0 = the period of acquisition, j = recency j), or a whole segment (`recency` nil).
    public struct Group: Hashable, Sendable {
        /// The segment's index in the scenario.
        public let segment: Int
        public let recency: Int?
    }

    /// Per segment: the number k of its recency states 1 … k (0 for a segment without recency
    /// retention).
    public let recencyStates: [Int]
    /// Per segment: whether the run reports its `perpetualClv`.
    public let hasPerpetualClv: [Bool]
    /// The groups of the per-period counts, in segment order; empty without recency retention
    /// and migration.
    public let groups: [Group]

    /// Whether a run of the scenario reports anything by state.
    public var hasDynamics: Bool { !groups.isEmpty || hasPerpetualClv.contains(true) }

    /// The states reported for `scenario`.
    public init(scenario: Scenario) {
        self.init(scenario: scenario, chains: scenario.segments.indices.map { CustomerChain(scenario: scenario, origin: $0) })
    }

    /// The states reported for `scenario`, whose segments follow `chains`.
    init(scenario: Scenario, chains: [CustomerChain?]) {
        let segments = scenario.segments
        recencyStates = segments.map { segment in
            if case .recency(let probabilities) = segment.retention { return probabilities.count }
            return 0
        }
        hasPerpetualClv = chains.map { chain in
            guard let chain else { return false }
            return chain.hasTenureFreeRetention && chain.segments.allSatisfy { segments[$0].revenueGrowth == .fixed(0) }
        }
        let recencyStates = recencyStates
        let hasGroups = recencyStates.contains { $0 > 0 } || segments.contains { !$0.migration.isEmpty }
        groups = !hasGroups ? [] : segments.indices.flatMap { s -> [Group] in
            recencyStates[s] > 0 ? (0...recencyStates[s]).map { Group(segment: s, recency: $0) } : [Group(segment: s, recency: nil)]
        }
    }

    /// The active customers of group `g` in period `t` (1-based) of a trial's history.
    ///
    /// - Complexity: O(1).
    func count(_ g: Int, in history: TrialHistory, model: SimulationModel, period t: Int) -> Double {
        let group = groups[g], horizon = model.horizon
        if let recency = group.recency, let offset = model.recencyStateOffset[group.segment] {
            return history.recencyActive[(offset + recency) * horizon + t - 1]
        }
        return history.activeBySegment[group.segment * horizon + t - 1]
    }
}
