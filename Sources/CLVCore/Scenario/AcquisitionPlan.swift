import CLVRandom

/// New customers bought into a segment over a range of periods (docs/scenario-format.md, "Acquisition plans").
public struct AcquisitionPlan: Sendable, Equatable {
    /// The segment the new customers join.
    public var segment: String
    /// First period of the plan (1-based, inclusive).
    public var fromPeriod: Int
    /// Last period of the plan (inclusive, ≤ horizon).
    public var toPeriod: Int
    /// How many customers each period brings and what they cost.
    public var volume: AcquisitionVolume

    public init(segment: String, fromPeriod: Int, toPeriod: Int, volume: AcquisitionVolume) {
        self.segment = segment
        self.fromPeriod = fromPeriod
        self.toPeriod = toPeriod
        self.volume = volume
    }
}

/// The two forms of an acquisition plan.
public enum AcquisitionVolume: Sendable, Equatable {
    /// A number of customers per period (⌊value⌋ of the trial's draw), at no modelled spend.
    case customers(perPeriod: Distribution)
    /// A budget per period and a cost per acquired customer: ⌊budget / cac⌋ customers per period;
    /// the spend is the budget.
    case budget(perPeriod: Distribution, cac: Distribution)
    /// ⌊prospects⌋ prospects per period, each converted with the probability a response curve
    /// gives for the spend per prospect: Binomial(⌊prospects⌋, rate) customers per period; the
    /// spend is ⌊prospects⌋ · spend (docs/optimization.md "Response curves").
    case prospects(perPeriod: Distribution, conversion: ResponseCurve)
}
