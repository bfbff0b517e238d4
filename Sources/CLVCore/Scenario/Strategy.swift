import CLVRandom

/// A change to the scenario's inputs with a cost, compared with the baseline trial by trial
/// under common random numbers (docs/strategies.md, "Describing a strategy").
public struct Strategy: Sendable, Equatable {
    public var name: String
    public var changes: [StrategyChange]
    public var cost: StrategyCost

    public init(name: String, changes: [StrategyChange], cost: StrategyCost = StrategyCost()) {
        self.name = name
        self.changes = changes
        self.cost = cost
    }
}

/// One change to one input, applied to the trial's drawn value.
public struct StrategyChange: Sendable, Equatable {
    /// Scenario path of a `Dist` field, e.g. `segments.monthly.retention.beta`.
    public var target: String
    public var operation: ChangeOperation

    public init(target: String, operation: ChangeOperation) {
        self.target = target
        self.operation = operation
    }
}

/// What a strategy change does to the drawn value x.
public enum ChangeOperation: Sendable, Equatable {
    /// Replace x by a draw of this distribution.
    case set(Distribution)
    /// x + amount.
    case add(Double)
    /// x · factor.
    case multiply(Double)
}

/// The cost of running a strategy, discounted like cash flows.
public struct StrategyCost: Sendable, Equatable {
    /// Paid once, in period 1.
    public var upfront: Distribution?
    /// Paid in every period of the horizon.
    public var perPeriod: Distribution?
    /// Paid for each active customer-period of the `appliesTo` segments.
    public var perActiveCustomer: Distribution?
    /// Segments whose active customers incur `perActiveCustomer`; nil means all.
    public var appliesTo: [String]?

    public init(upfront: Distribution? = nil, perPeriod: Distribution? = nil,
                perActiveCustomer: Distribution? = nil, appliesTo: [String]? = nil) {
        self.upfront = upfront
        self.perPeriod = perPeriod
        self.perActiveCustomer = perActiveCustomer
        self.appliesTo = appliesTo
    }
}
