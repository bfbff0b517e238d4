import CLVCore
import CLVRandom

/// The human-readable report `clvsim run` prints on stdout.
public enum SummaryTable {
    /// The report as text lines.
    ///
    /// - Complexity: O(segments + strategies).
    public static func lines(_ summary: RunSummary, run: RunInfo, scenario: Scenario) -> [String] {
        let currency = scenario.currency.map { " (\($0))" } ?? ""
        var out: [String] = []
        if !scenario.strategies.isEmpty, let recommendation = Recommendation(summary) {
            out.append(recommendation.line(level: summary.levels.last ?? 0.9, money: NumberFormat.money))
            out.append("")
        }
        out.append("clvsim \(run.version) — \(run.scenarioName): \(NumberFormat.grouped(Double(run.trials))) trials, seed \(run.seed), \(run.threads) thread\(run.threads == 1 ? "" : "s"), \(String(format: "%.2f", run.elapsedSeconds)) s")
        out.append("Values are discounted to the start of period 1 at \(describe(scenario.annualDiscountRate)) a year; "
                   + "horizon \(scenario.horizonPeriods) periods (\(scenario.periodsPerYear) a year), cash flows at the \(scenario.cashFlowTiming.rawValue) of each period.")
        out.append("")
        let levels = summary.levels
        let intervalHeaders = levels.map { "\(NumberFormat.level($0)) interval" }

        out.append("Customer equity\(currency)")
        var equity = TextTable(headers: ["metric", "mean", "std. error"] + intervalHeaders,
                               alignments: [.left, .right, .right] + levels.map { _ in .right })
        for (metric, stat) in summary.metrics {
            equity.add([metric.label ?? ""] + cells(stat, levels: levels, format: NumberFormat.money))
        }
        for rate in summary.discountRates {
            equity.add(["customer equity at \(NumberFormat.level(rate.rate))"]
                       + cells(rate.customerEquity, levels: levels, format: NumberFormat.money))
        }
        out += equity.lines()
        out.append("")
        let rateRows = RateRows.rows(summary)
        if !rateRows.isEmpty {
            out.append("At the other discount rates\(currency)")
            var table = TextTable(headers: ["value", "mean", "std. error"] + intervalHeaders,
                                  alignments: [.left, .right, .right] + levels.map { _ in .right })
            for row in rateRows {
                table.add([row.label] + cells(row.stat, levels: levels, format: row.isMoney ? NumberFormat.money : NumberFormat.ratio))
            }
            out += table.lines()
            out.append("")
        }

        out.append("Value of one customer\(currency), by segment")
        var segments = TextTable(headers: ["segment", "metric", "mean", "std. error"] + intervalHeaders,
                                 alignments: [.left, .left, .right, .right] + levels.map { _ in .right })
        for (segment, definition) in zip(summary.segments, scenario.segments) {
            segments.add([segment.name, "CLV (new customer)"] + cells(segment.clv, levels: levels, format: NumberFormat.money))
            if definition.referrals != nil {
                segments.add(["", "CLV with referrals"] + cells(segment.clvWithReferrals, levels: levels, format: NumberFormat.money))
            }
            segments.add(["", "residual CLV (current)"] + cells(segment.residualClv, levels: levels, format: NumberFormat.money))
            if let ltv = segment.ltvToCac {
                segments.add(["", "LTV / CAC"] + cells(ltv, levels: levels, format: NumberFormat.ratio))
            }
        }
        out += segments.lines()
        let stateRows = StateValueRows.rows(summary, scenario: scenario)
        if !stateRows.isEmpty {
            out.append("")
            out.append("Value by state\(currency): one customer in period 1, over the horizon unless stated")
            var table = TextTable(headers: ["segment", "state", "mean", "std. error"] + intervalHeaders,
                                  alignments: [.left, .left, .right, .right] + levels.map { _ in .right })
            for row in stateRows { table.add([row.segment, row.state] + cells(row.stat, levels: levels, format: NumberFormat.money)) }
            out += table.lines()
        }

        if !summary.strategies.isEmpty {
            out.append("")
            out.append("Strategies\(currency), ranked by expected net value (net value = incremental value − cost)")
            let level = levels.last ?? 0.9
            var table = TextTable(
                headers: ["strategy", "net value", "\(NumberFormat.level(level)) interval", "incremental value", "cost",
                          "ROMI", "ROMI \(NumberFormat.level(level)) interval", "P(net > 0)", "P(best)", "payback (median)"],
                alignments: [.left] + Array(repeating: .right, count: 9))
            let ranked = summary.strategies.sorted { ($0.netValue?.mean ?? -.infinity) > ($1.netValue?.mean ?? -.infinity) }
            for s in ranked {
                table.add([
                    s.name,
                    mean(s.netValue, format: NumberFormat.money) ?? "n/a",
                    interval(s.netValue, level: level, format: NumberFormat.money),
                    mean(s.incrementalValue, format: NumberFormat.money) ?? "n/a",
                    mean(s.cost, format: NumberFormat.money) ?? "n/a",
                    mean(s.romi, format: NumberFormat.ratio) ?? "undefined",
                    interval(s.romi, level: level, format: NumberFormat.ratio),
                    NumberFormat.percent(s.probabilityNetPositive),
                    NumberFormat.percent(s.probabilityBest),
                    StrategyText.payback(s),
                ])
            }
            out += table.lines()
            if summary.segments.count > 1 {
                out.append("")
                out.append("Incremental value by segment\(currency) (mean; the parts add up to the incremental value)")
                var bySegment = TextTable(headers: ["strategy"] + summary.segments.map(\.name),
                                          alignments: [.left] + Array(repeating: .right, count: summary.segments.count))
                for s in ranked {
                    bySegment.add([s.name] + s.bySegment.map { mean($0.incrementalValue, format: NumberFormat.money) ?? "n/a" })
                }
                out += bySegment.lines()
            }
            let implied = ranked.flatMap { s in s.impliedRetention.map { "  \(s.name) · " + StrategyText.impliedRetention($0) } }
            if !implied.isEmpty {
                out.append("")
                out.append("What the retention changes mean (averaged over the trials)")
                out += implied
            }
        }
        if let sensitivity = summary.sensitivity {
            out.append("")
            let r2 = sensitivity.rSquared.map { ", linear fit R² = \(NumberFormat.grouped($0, decimals: 2))" } ?? ""
            out.append("Sensitivity of \(sensitivity.metric) to the uncertain inputs (largest first\(r2))")
            var table = TextTable(headers: ["input", "variance share", "SRC", "Spearman", "mean, input in bottom 10%", "mean, input in top 10%"],
                                  alignments: [.left, .right, .right, .right, .right, .right])
            for input in sensitivity.inputs.prefix(10) {
                table.add([InputLabel.text(for: input.path),
                           input.varianceShare.map { NumberFormat.percent($0) } ?? "n/a",
                           input.standardizedRegressionCoefficient.map { NumberFormat.grouped($0, decimals: 3) } ?? "n/a",
                           NumberFormat.grouped(input.spearman, decimals: 3),
                           NumberFormat.money(input.bottomDecileMean), NumberFormat.money(input.topDecileMean)])
            }
            out += table.lines()
            if sensitivity.inputs.count > 10 { out.append("  … \(sensitivity.inputs.count - 10) more inputs in summary.json") }
            out.append("  " + sensitivity.explanation)
        }
        if let precision = summary.precision {
            out.append("")
            out.append("Precision: target ±\(NumberFormat.percent(precision.target.relativeHalfWidth)) of the mean; "
                       + (precision.met ? "met" : "NOT met") + " after \(NumberFormat.grouped(Double(precision.trials))) trials "
                       + "(half-widths: mean \(NumberFormat.percent(precision.meanHalfWidth)), p5 \(NumberFormat.percent(precision.p5HalfWidth)), p95 \(NumberFormat.percent(precision.p95HalfWidth)))")
        }
        if !summary.warnings.isEmpty {
            out.append("")
            out.append("Warnings")
            out += summary.warnings.map { "  - " + $0 }
        }
        return out
    }

    /// Mean, std. error and interval cells, no more precise than the std. error supports.
    private static func cells(_ stat: Stat?, levels: [Double], format: (Double) -> String) -> [String] {
        StatDisplay.cells(stat, levels: levels, separator: " … ", format: format)
    }

    private static func interval(_ stat: Stat?, level: Double, format: (Double) -> String) -> String {
        guard let stat, stat.intervals.contains(where: { $0.level == level }) else { return "" }
        return StatDisplay.cells(stat, levels: [level], separator: " … ", format: format)[2]
    }

    private static func mean(_ stat: Stat?, format: (Double) -> String) -> String? {
        stat.map { StatDisplay.text($0.mean, unit: StatDisplay.unit(of: $0.standardError), format: format) }
    }

    /// The annual discount rate as the report states it: "10%", or "an uncertain rate (mean 10%)".
    static func describe(_ rate: CLVRandom.Distribution) -> String {
        if case .fixed(let r) = rate { return NumberFormat.level(r) }
        return "an uncertain rate (mean \(NumberFormat.level(rate.mean)))"
    }
}
