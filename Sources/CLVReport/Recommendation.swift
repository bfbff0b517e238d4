import CLVCore

/// The decision a run's strategies point to, in one line (docs/results.md, "The
/// recommendation"): the strategy with the highest expected net value, or doing nothing when no
/// strategy has a positive expected net value — with the figures a decision rests on: P(best),
/// P(net > 0), the net value interval, the expected cost, the ROMI interval and, when the run has
/// it, the median payback period.
public struct Recommendation: Sendable {
    /// The strategy with the highest expected net value.
    public let leading: RunSummary.StrategySummary
    /// Its position in the scenario's strategies.
    public let leadingIndex: Int
    /// Whether doing nothing is recommended: no strategy's expected net value is above 0.
    public let doNothing: Bool

    /// The recommendation of `summary`; nil without strategies or without a finite net value.
    ///
    /// - Complexity: O(strategies).
    public init?(_ summary: RunSummary) {
        let ranked = summary.strategies.enumerated().compactMap { j, s in s.netValue.map { (j, s, $0.mean) } }
            .filter { $0.2.isFinite }
        guard let top = ranked.max(by: { $0.2 < $1.2 }) else { return nil }
        leadingIndex = top.0
        leading = top.1
        doNothing = !(top.2 > 0)
    }

    /// The recommendation as one sentence, amounts formatted by `money`, intervals at `level`.
    ///
    /// - Complexity: O(levels).
    public func line(level: Double, money: (Double) -> String) -> String {
        let s = leading
        var figures: [String] = []
        if let net = s.netValue {
            figures.append("expected net value \(StatDisplay.text(net.mean, unit: StatDisplay.unit(of: net.standardError), format: money))"
                           + (Self.interval(net, level: level, format: money).map { " (\($0))" } ?? ""))
        }
        figures.append("P(best) \(NumberFormat.percent(s.probabilityBest))")
        figures.append("P(net > 0) \(NumberFormat.percent(s.probabilityNetPositive))")
        if let cost = s.cost {
            figures.append("expected cost \(StatDisplay.text(cost.mean, unit: StatDisplay.unit(of: cost.standardError), format: money))")
        }
        if let romi = s.romi, let interval = Self.interval(romi, level: level, format: NumberFormat.ratio) {
            figures.append("ROMI \(interval)")
        } else if s.romi == nil {
            figures.append("ROMI undefined (no cost)")
        }
        if s.paybackPeriod != nil {
            figures.append("median payback \(StrategyText.payback(s))")
        }
        let text = figures.joined(separator: ", ")
        if doNothing {
            return "Recommendation: do nothing — no strategy has a positive expected net value; the best, \(s.name): \(text)."
        }
        return "Recommendation: \(s.name) — \(text)."
    }

    /// "lower to upper at L" for the interval of `stat` at `level`, rounded to its standard error.
    static func interval(_ stat: Stat, level: Double, format: (Double) -> String) -> String? {
        guard stat.intervals.contains(where: { $0.level == level }) else { return nil }
        return StatDisplay.cells(stat, levels: [level], separator: " to ", format: format)[2] + " at \(NumberFormat.level(level))"
    }
}
