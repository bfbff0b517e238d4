/// The bounds a scenario file must respect; each is stated in the message that enforces it and in
/// `docs/scenario-format.md`.
public enum ScenarioLimits {
    /// The only supported `schemaVersion`.
    public static let schemaVersion = 1
    /// Largest scenario file, in bytes (64 MiB).
    public static let maximumFileBytes = 64 * 1024 * 1024
    /// Largest number of JSON values in a file.
    public static let maximumJSONValues = 5_000_000
    /// Deepest nesting of arrays and objects.
    public static let maximumDepth = 256
    /// `periodsPerYear`: 1 (yearly) … 366 (daily).
    public static let periodsPerYear: ClosedRange<Int> = 1...366
    /// `horizonPeriods`: 1 … 6000.
    public static let horizonPeriods: ClosedRange<Int> = 1...6000
    /// `trials`: 1 … 100,000,000 (trial indices must fit a 32-bit counter).
    public static let trials: ClosedRange<Int> = 1...100_000_000
    /// `customers` of a segment: 0 … 10¹².
    public static let customers: ClosedRange<Int> = 0...1_000_000_000_000
    /// `renewals` of a segment: 0 … 1,000,000.
    public static let renewals: ClosedRange<Int> = 0...1_000_000
    /// Number of segments: 1 … 1000.
    public static let segments: ClosedRange<Int> = 1...1000
    /// Most decision variables a scenario may declare (the optimiser searches a box of them).
    public static let maximumDecisions = 20
    /// Number of acquisition plans, correlations and strategies: at most 1000 each.
    public static let maximumListCount = 1000
    /// Number of interval levels: 1 … 20.
    public static let intervals: ClosedRange<Int> = 1...20
    /// Entries of a `discrete` or `empirical` distribution: 1 … 1,000,000.
    public static let distributionEntries: ClosedRange<Int> = 1...1_000_000
    /// Entries of a retention `curve`: 1 … 6000.
    public static let curveRates: ClosedRange<Int> = 1...6000
    /// Recency states of a `recency` retention model (entries of `purchaseProbability`): 1 … 120.
    public static let recencyStates: ClosedRange<Int> = 1...120
    /// `billingPeriods` of a segment: 1 … 6000 (a cycle longer than the horizon never renews).
    public static let billingPeriods: ClosedRange<Int> = 1...6000
    /// Most states a customer's chain may visit (recency states, or the billing phases of every
    /// segment reachable by migration): 240, so that the per-trial matrix computations of their
    /// expected values stay fast (docs/model.md "Expected values of the state chains").
    public static let maximumChainStates = 240
    /// Length of names (scenario, segment, strategy) and of the currency, in characters.
    public static let maximumNameLength = 200
    /// Largest revenue per customer and period that growth with tenure may reach by the horizon,
    /// as a power of ten: 10^300, leaving room below the largest number (about 1.8·10^308) for
    /// sums over customers and periods.
    public static let largestRevenueMagnitude = 300.0
    /// Largest weight a negative discount rate may give a cash flow by the horizon,
    /// (1 + rate)^(−years), as a power of ten: 10^100.
    public static let largestDiscountWeightMagnitude = 100.0
    /// Most errors reported for one file; the rest are counted in a final line.
    public static let maximumReportedErrors = 500
}
