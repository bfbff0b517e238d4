import CLVRandom

/// A validated scenario: everything a run needs, with every default filled in (docs/scenario-format.md, "Top-level keys").
///
/// Values of this type come from `ScenarioReader` (which checks every rule of the format) or are
/// built directly in code and tests. Distribution-valued fields hold `Distribution`s already
/// resolved to their canonical parameters.
public struct Scenario: Sendable, Equatable {
    /// The format version; 1 is the only one supported.
    public var schemaVersion: Int = 1
    /// A short name; also the default output folder, `results/<name>/`.
    public var name: String
    /// Free text for readers.
    public var description: String?
    /// ISO-4217-like currency code used to label money (e.g. "EUR"); nil when not given.
    public var currency: String?
    /// Periods per year (12 monthly, 4 quarterly, 1 yearly, ...).
    public var periodsPerYear: Int = 12
    /// Number of simulated periods, H.
    public var horizonPeriods: Int
    /// Annual discount rate R; drawn once per trial.
    public var annualDiscountRate: Distribution
    /// When within a period cash flows fall.
    public var cashFlowTiming: CashFlowTiming = .start
    /// Default number of trials.
    public var trials: Int = 10_000
    /// Default seed.
    public var seed: UInt64 = 1
    /// Confidence levels of the equal-tailed intervals reported for every Stat.
    public var intervals: [Double] = [0.9]
    /// Customer segments (at least one, unique names).
    public var segments: [Segment]
    /// Acquisition plans.
    public var acquisition: [AcquisitionPlan] = []
    /// Rank correlations between per-trial inputs.
    public var correlations: [Correlation] = []
    /// Strategies to compare against the baseline.
    public var strategies: [Strategy] = []
    /// Decision variables that response curves spend (docs/optimization.md).
    public var decisions: [Decision] = []

    public init(
        name: String, horizonPeriods: Int, annualDiscountRate: Distribution, segments: [Segment]
    ) {
        self.name = name
        self.horizonPeriods = horizonPeriods
        self.annualDiscountRate = annualDiscountRate
        self.segments = segments
    }

    /// Index of the segment named `name`, if any.
    public func segmentIndex(named name: String) -> Int? {
        segments.firstIndex { $0.name == name }
    }
}

/// When within a period its cash flows are counted for discounting (docs/model.md, "Time, timing and discounting").
public enum CashFlowTiming: String, Sendable, Equatable, CaseIterable {
    /// Period t is discounted by (1+d)^−(t−1).
    case start
    /// Period t is discounted by (1+d)^−t.
    case end
}
