import CLVRandom

/// Everything about a scenario that does not change between trials, computed once per run.
struct SimulationModel: Sendable {
    let scenario: Scenario
    let layout: InputLayout
    let horizon: Int
    /// Index of each plan's segment.
    let planSegment: [Int]
    /// Number of each plan's periods within the horizon.
    let planPeriods: [Int]
    /// Index of the segment each segment's referrals join.
    let referralTarget: [Int]
    /// Cycle of each segment's referrals, 0 when it has none.
    let referralCycle: [Int]
    /// Each segment's spend variation (the Gamma shape of its customers' spend multipliers); nil
    /// when every customer has multiplier 1.
    let spendVariation: [SpendVariation?]
    /// Indices of the inputs whose distribution is not fixed, in input order.
    let uncertainInputs: [Int]
    /// The quantile function of every input, in input order.
    let quantiles: [InputQuantile]
    /// The copula tying correlated inputs; nil without correlations.
    let correlation: InputCorrelation?
    /// The stream key of every input: a hash of its path, made unique within the scenario.
    let inputKeys: [UInt64]
    /// Per segment: the indices of the budget plans that acquire into it.
    let budgetPlans: [[Int]]
    let strategies: [StrategyModel]
    /// Per segment: whether its renewals are thinned by inversion (`Sampler.binomialQuantile`,
    /// one uniform per draw), so that counts move monotonically with the renewal probability and
    /// the cohort size: segments whose retention is a response curve or that a prospect plan
    /// acquires into (docs/optimization.md "Common random numbers").
    let monotoneThinning: [Bool]
    /// Per segment: the state chain its customers follow (docs/model.md "Customer dynamics:
    /// recency, migration and billing cycles"), nil for segments whose customers only stay or
    /// churn.
    let chains: [CustomerChain?]
    /// Per segment with recency retention: the index of its recency state 0 among all recency
    /// states of the scenario (for `TrialHistory.recencyActive`); nil for the others.
    let recencyStateOffset: [Int?]
    /// The number of recency states of all recency segments together.
    let recencyStateCount: Int

    init(scenario: Scenario) throws(SimulationError) {
        guard scenario.horizonPeriods >= 1, scenario.periodsPerYear >= 1, !scenario.segments.isEmpty else {
            throw .invalid("a scenario needs at least one segment, one period of horizon and one period per year")
        }
        guard scenario.segments.allSatisfy({ $0.customers >= 0 && $0.renewals >= 0 }) else {
            throw .invalid("customers and renewals must not be negative")
        }
        self.scenario = scenario
        let layout = InputLayout(scenario: scenario)
        self.layout = layout
        horizon = scenario.horizonPeriods
        var planSegment: [Int] = []
        var budgetPlans = [[Int]](repeating: [], count: scenario.segments.count)
        for (p, plan) in scenario.acquisition.enumerated() {
            guard let s = scenario.segmentIndex(named: plan.segment) else {
                throw .unknownSegment(plan.segment, path: "acquisition.\(p).segment")
            }
            planSegment.append(s)
            if case .budget = plan.volume { budgetPlans[s].append(p) }
        }
        self.planSegment = planSegment
        planPeriods = scenario.acquisition.map { max(0, min(scenario.horizonPeriods, $0.toPeriod) - max(1, $0.fromPeriod) + 1) }
        self.budgetPlans = budgetPlans
        var targets: [Int] = []
        var cycles: [Int] = []
        for segment in scenario.segments {
            if let referrals = segment.referrals {
                let name = referrals.into ?? segment.name
                guard let t = scenario.segmentIndex(named: name) else {
                    throw .unknownSegment(name, path: "segments.\(segment.name).referrals.into")
                }
                targets.append(t)
                cycles.append(max(1, referrals.cyclePeriods))
            } else {
                targets.append(0)
                cycles.append(0)
            }
        }
        referralTarget = targets
        referralCycle = cycles
        spendVariation = scenario.segments.map { $0.revenueVariation.map { SpendVariation(shape: $0.shape) } }
        monotoneThinning = scenario.segments.enumerated().map { s, segment in
            if case .constantResponse = segment.retention { return true }
            // A segment fed by a prospect plan: its cohorts' sizes move with the conversion
            // spend, and the inversion sampler is monotone in the count too.
            return scenario.acquisition.indices.contains { p in
                if case .prospects = scenario.acquisition[p].volume { return planSegment[p] == s }
                return false
            }
        }
        for segment in scenario.segments {
            for (m, migration) in segment.migration.enumerated() where scenario.segmentIndex(named: migration.to) == nil {
                throw .unknownSegment(migration.to, path: "segments.\(segment.name).migration.\(m).to")
            }
        }
        chains = scenario.segments.indices.map { CustomerChain(scenario: scenario, origin: $0) }
        if let chain = chains.first(where: { ($0?.stateCount ?? 0) > ScenarioLimits.maximumChainStates }), let chain {
            throw .invalid("segments.\(scenario.segments[chain.origin].name): a customer can be in \(chain.stateCount) states; the limit is \(ScenarioLimits.maximumChainStates)")
        }
        var offsets: [Int?] = []
        var stateCount = 0
        for chain in chains {
            if let chain, chain.isRecency {
                offsets.append(stateCount)
                stateCount += chain.stateCount
            } else {
                offsets.append(nil)
            }
        }
        recencyStateOffset = offsets
        recencyStateCount = stateCount
        uncertainInputs = layout.inputs.indices.filter { !layout.inputs[$0].distribution.isFixed }
        quantiles = layout.inputs.map { InputQuantile($0.distribution) }
        correlation = try InputCorrelation(scenario: scenario, layout: layout)
        var keys: [UInt64] = []
        var used = Set<UInt64>()
        for input in layout.inputs {
            // A collision of 56-bit hashes is astronomically unlikely; resolve it deterministically.
            var key = StreamKey.path(input.path) & 0x00FF_FFFF_FFFF_FFFF
            while used.contains(key) { key = (key &+ 0x9E37_79B9_7F4A_7C15) & 0x00FF_FFFF_FFFF_FFFF }
            used.insert(key)
            keys.append(key)
        }
        inputKeys = keys
        var strategies: [StrategyModel] = []
        for (j, strategy) in scenario.strategies.enumerated() {
            strategies.append(try StrategyModel(strategy, index: j, scenario: scenario, layout: layout))
        }
        self.strategies = strategies
    }
}

/// A strategy with its change targets resolved to input indices, its amounts to their inputs,
/// its windows to parameter regimes, and its cost to segments (docs/strategies.md).
struct StrategyModel: Sendable {
    struct Change: Sendable {
        /// The input the change acts on.
        let input: Int
        let operation: ChangeOperation
        /// The input holding the trial's amount of an `add` or `multiply` (nil for `set`).
        let amountInput: Int?
    }

    let name: String
    let changes: [Change]
    /// The distinct sets of active changes over the horizon (indices into `changes`), and the
    /// regime of each period (element t − 1). One regime when no change has a window.
    let regimes: [[Int]]
    let regimeOfPeriod: [Int]
    let upfront: Distribution?
    let perPeriod: Distribution?
    let perActiveCustomer: Distribution?
    /// Whether each segment's active customers incur `perActiveCustomer`.
    let appliesTo: [Bool]
    /// Whether `perPeriod` and `perActiveCustomer` are paid in period t (element t − 1).
    let costPeriods: [Bool]
    /// Stream keys of the cost items `upfront`, `perPeriod` and `perActiveCustomer`, hashes of
    /// their paths (`strategies.<name>.cost.upfront`, …), so that the order of strategies in
    /// the file changes no draw.
    let costKeys: [UInt64]

    init(_ strategy: Strategy, index j: Int, scenario: Scenario, layout: InputLayout) throws(SimulationError) {
        name = strategy.name
        var changes: [Change] = []
        for (c, change) in strategy.changes.enumerated() {
            guard let index = layout.index(ofPath: change.target) else {
                throw .unknownPath(change.target, strategy: strategy.name)
            }
            let amount = layout.inputs.firstIndex { $0.site == .strategyChange(strategy: j, change: c) }
            changes.append(Change(input: index, operation: change.operation, amountInput: amount))
        }
        self.changes = changes
        let horizon = scenario.horizonPeriods
        var regimes: [[Int]] = []
        var regimeOfPeriod: [Int] = []
        for t in 1...horizon {
            let active = strategy.changes.indices.filter { strategy.changes[$0].window?.contains(t) ?? true }
            if let r = regimes.firstIndex(of: active) {
                regimeOfPeriod.append(r)
            } else {
                regimeOfPeriod.append(regimes.count)
                regimes.append(active)
            }
        }
        self.regimes = regimes
        self.regimeOfPeriod = regimeOfPeriod
        upfront = strategy.cost.upfront
        perPeriod = strategy.cost.perPeriod
        perActiveCustomer = strategy.cost.perActiveCustomer
        costPeriods = (1...horizon).map { strategy.cost.window?.contains($0) ?? true }
        costKeys = ["upfront", "perPeriod", "perActiveCustomer"].map { StreamKey.path("strategies.\(strategy.name).cost.\($0)") }
        if let names = strategy.cost.appliesTo {
            var mask = [Bool](repeating: false, count: scenario.segments.count)
            for name in names {
                guard let s = scenario.segmentIndex(named: name) else {
                    throw .unknownSegment(name, path: "strategies.\(strategy.name).cost.appliesTo")
                }
                mask[s] = true
            }
            appliesTo = mask
        } else {
            appliesTo = [Bool](repeating: true, count: scenario.segments.count)
        }
    }
}

/// A scenario the kernel cannot simulate. `ScenarioReader` rejects all of these first; the
/// kernel checks again so that scenarios built in code get an error, not a trap.
public enum SimulationError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownSegment(String, path: String)
    case unknownPath(String, strategy: String)
    case invalid(String)
    /// The run was stopped before it finished.
    case cancelled

    public var description: String {
        switch self {
        case .unknownSegment(let name, let path): return "\(path): no segment is named '\(name)'"
        case .unknownPath(let path, let strategy):
            return "strategies.\(strategy): '\(path)' is not the path of a distribution in this scenario"
        case .invalid(let message): return message
        case .cancelled: return "the run was cancelled"
        }
    }
}
