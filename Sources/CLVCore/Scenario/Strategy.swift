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

    /// The scenario path of the amount of change `change`: `strategies.<name>.changes.<change>.add`
    /// or `.multiply` (the name correlations and sensitivity use).
    public static func amountPath(strategy name: String, change: Int, operation: ChangeOperation) -> String {
        "strategies.\(name).changes.\(change).\(operation.key)"
    }
}

/// One change to one input, applied to the trial's drawn value, in every period or only in
/// the periods of its window (docs/strategies.md "Effects that are uncertain or time-bound").
public struct StrategyChange: Sendable, Equatable {
    /// Scenario path of a `Dist` field, e.g. `segments.monthly.retention.beta`.
    public var target: String
    public var operation: ChangeOperation
    /// The periods the change applies to; nil means the whole horizon.
    public var window: PeriodWindow?

    public init(target: String, operation: ChangeOperation, window: PeriodWindow? = nil) {
        self.target = target
        self.operation = operation
        self.window = window
    }
}

/// What a strategy change does to the drawn value x. The amounts of `add` and `multiply` are
/// themselves inputs, drawn once per trial (scenario path
/// `strategies.<name>.changes.<index>.add` or `.multiply`), so an uncertain lift is a `Dist`.
public enum ChangeOperation: Sendable, Equatable {
    /// Replace x by the value of this distribution at the quantile the trial drew for x.
    case set(Distribution)
    /// x + amount.
    case add(Distribution)
    /// x · factor.
    case multiply(Distribution)

    /// The key of the operation in a scenario file, and of its amount's input path.
    public var key: String {
        switch self {
        case .set: return "set"
        case .add: return "add"
        case .multiply: return "multiply"
        }
    }
}

/// The periods `fromPeriod … toPeriod` (1-based, inclusive) in which a change or a recurring
/// cost applies.
public struct PeriodWindow: Sendable, Equatable {
    public var fromPeriod: Int
    public var toPeriod: Int

    public init(fromPeriod: Int, toPeriod: Int) {
        self.fromPeriod = fromPeriod
        self.toPeriod = toPeriod
    }

    /// Whether period `t` lies in the window.
    @inline(__always)
    public func contains(_ t: Int) -> Bool { t >= fromPeriod && t <= toPeriod }
}

/// The cost of running a strategy, discounted like cash flows.
public struct StrategyCost: Sendable, Equatable {
    /// Paid once, in period 1.
    public var upfront: Distribution?
    /// Paid in every period of the window (default: the horizon).
    public var perPeriod: Distribution?
    /// Paid for each active customer-period of the `appliesTo` segments within the window.
    public var perActiveCustomer: Distribution?
    /// Segments whose active customers incur `perActiveCustomer`; nil means all.
    public var appliesTo: [String]?
    /// The periods in which `perPeriod` and `perActiveCustomer` are paid; nil means all.
    public var window: PeriodWindow?

    public init(upfront: Distribution? = nil, perPeriod: Distribution? = nil,
                perActiveCustomer: Distribution? = nil, appliesTo: [String]? = nil, window: PeriodWindow? = nil) {
        self.upfront = upfront
        self.perPeriod = perPeriod
        self.perActiveCustomer = perActiveCustomer
        self.appliesTo = appliesTo
        self.window = window
    }
}
