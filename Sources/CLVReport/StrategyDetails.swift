import CLVCore

/// The per-strategy results the report shows beyond net value and ROMI: the incremental value
/// per segment and the payback period (docs/strategies.md), as the summary has them or as a
/// test builds them.
struct StrategyDetails {
    /// Incremental value from each segment's customers, in segment order; empty when absent.
    var bySegment: [(segment: String, incrementalValue: Stat?)] = []
    /// The first period from which cumulative discounted net cash flow stays ≥ 0, over the
    /// trials where it exists; nil when absent.
    var paybackPeriod: Stat?
    /// The share of trials without a payback within the horizon.
    var shareWithoutPayback: Double?

    init(_ strategy: RunSummary.StrategySummary) {
        bySegment = strategy.bySegment
        paybackPeriod = strategy.paybackPeriod
        shareWithoutPayback = strategy.shareWithoutPayback
    }

    init(bySegment: [(segment: String, incrementalValue: Stat?)], paybackPeriod: Stat?, shareWithoutPayback: Double?) {
        self.bySegment = bySegment
        self.paybackPeriod = paybackPeriod
        self.shareWithoutPayback = shareWithoutPayback
    }
}
