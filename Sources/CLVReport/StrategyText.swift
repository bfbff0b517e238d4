import CLVCore

/// A strategy's payback and implied retention change in words, the same in the terminal table
/// and the report (docs/strategies.md "Reading the results").
public enum StrategyText {
    /// The median payback period and the share of trials without one: "period 14",
    /// "period 14 (none in 31%)", or "none within the horizon".
    public static func payback(_ strategy: RunSummary.StrategySummary) -> String {
        guard let stat = strategy.paybackPeriod else { return "none within the horizon" }
        let median = stat.percentiles[Stat.percentileLevels.firstIndex { $0.name == "p50" } ?? 0]
        let period = "period \(NumberFormat.grouped(median.rounded(.up), decimals: 0))"
        return strategy.shareWithoutPayback > 0 ? "\(period) (none in \(NumberFormat.percent(strategy.shareWithoutPayback)))" : period
    }

    /// "monthly: churn 13.2% → 11.9% per renewal, expected lifetime 18.1 → 19.6 periods within the horizon".
    public static func impliedRetention(_ implied: ImpliedRetentionChange) -> String {
        "\(implied.segment): mean churn \(NumberFormat.percent(implied.meanChurnBaseline)) → \(NumberFormat.percent(implied.meanChurnStrategy)) per renewal, "
            + "expected lifetime \(NumberFormat.grouped(implied.expectedLifetimeBaseline, decimals: 1)) → "
            + "\(NumberFormat.grouped(implied.expectedLifetimeStrategy, decimals: 1)) periods within the horizon"
    }
}
