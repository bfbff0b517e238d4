import CLVCore

/// A strategy's payback and implied retention change in words, the same in the terminal table
/// and the report (docs/strategies.md "Reading the results").
public enum StrategyText {
    /// The median payback period and how often there is none: "period 14",
    /// "period 14 (none in 31.0%)", "none in 9,998 of 10,000 trials (period 32 in the others)",
    /// or "none within the horizon". The median is over the trials with a payback.
    public static func payback(_ strategy: RunSummary.StrategySummary) -> String {
        guard let stat = strategy.paybackPeriod else { return "none within the horizon" }
        let median = stat.percentiles[Stat.percentileLevels.firstIndex { $0.name == "p50" } ?? 0]
        let period = "period \(NumberFormat.grouped(median.rounded(.up), decimals: 0))"
        if strategy.shareWithoutPayback == 0 { return period }
        if strategy.shareWithoutPayback < 0.5 { return "\(period) (none in \(NumberFormat.percent(strategy.shareWithoutPayback)))" }
        let trials = stat.count + stat.undefined
        return "none in \(NumberFormat.grouped(Double(stat.undefined))) of \(NumberFormat.grouped(Double(trials))) trials (\(period) in the others)"
    }

    /// "monthly: churn 13.2% → 11.9% per renewal, expected lifetime 18.1 → 19.6 periods within the horizon".
    public static func impliedRetention(_ implied: ImpliedRetentionChange) -> String {
        "\(implied.segment): mean churn \(NumberFormat.percent(implied.meanChurnBaseline)) → \(NumberFormat.percent(implied.meanChurnStrategy)) per renewal, "
            + "expected lifetime \(NumberFormat.grouped(implied.expectedLifetimeBaseline, decimals: 1)) → "
            + "\(NumberFormat.grouped(implied.expectedLifetimeStrategy, decimals: 1)) periods within the horizon"
    }
}
