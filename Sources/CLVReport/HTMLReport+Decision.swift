import CLVCore

extension HTMLReport {
    /// The recommendation, first on the page when the scenario has strategies: one line with the
    /// leading strategy (or doing nothing) and its figures, then what it rests on.
    static func recommendationSection(_ c: ReportContext, _ recommendation: Recommendation) -> String {
        let level = c.levels.last ?? 0.9
        var html = "<section id=\"recommendation\">\n<h2>Recommendation</h2>\n"
        html += "<p class=\"recommendation\">\(escape(recommendation.line(level: level, money: c.money)))</p>\n"
        let ranked = c.summary.strategies.sorted { ($0.netValue?.mean ?? -.infinity) > ($1.netValue?.mean ?? -.infinity) }
        let nothing = max(0, 1 - c.summary.strategies.reduce(0) { $0 + $1.probabilityBest })
        var detail = "Options are ranked by expected net value (incremental value − cost, against the baseline in the same trials); "
            + "doing nothing has net value 0 and is best in \(NumberFormat.percent(nothing)) of trials."
        if ranked.count > 1, let runnerUp = ranked.dropFirst().first(where: { $0.name != recommendation.leading.name }), let net = runnerUp.netValue {
            detail += " Next: \(runnerUp.name), expected net value \(StatDisplay.text(net.mean, unit: StatDisplay.unit(of: net.standardError), format: c.money)), P(best) \(NumberFormat.percent(runnerUp.probabilityBest))."
        }
        html += "<p class=\"facts\">\(escape(detail)) The strategy section below has every strategy's distributions, percentiles and drivers.</p>\n"
        return html + "</section>"
    }

    /// The strategies' net value and ROMI distributions: an overlay of net value, exceedance
    /// curves of net value and ROMI, percentile tables, and incremental value by segment and
    /// payback when the run has them.
    static func strategyDistributions(_ c: ReportContext) -> String {
        let unit = c.currency.map { " (\($0))" } ?? ""
        let strategies = c.result.scenario.strategies
        let net = strategies.indices.map { (label: strategies[$0].name, values: c.result.column(.netValue(strategy: $0)) ?? []) }
        let romi = strategies.indices.map { (label: strategies[$0].name, values: c.result.column(.romi(strategy: $0)) ?? []) }
        var html = "<h3>Distributions of net value and ROMI</h3>\n"
        html += figure(SVGDistributionOverlay.chart(id: "chart-strategy-net-value-overlay", title: "Net value distributions of the strategies",
                                                    series: net, xTitle: "net value\(unit)"),
                       caption: "Share of trials by net value, one outline per strategy on the same bins; right of the dashed zero line the strategy pays. The extreme 0.1% of trials at each end are counted in the outermost bins.")
        html += "\n" + figure(SVGCumulativeCurve.exceedance(id: "chart-strategy-net-value-cdf", title: "Chance that net value exceeds each amount",
                                                            series: net, xTitle: "net value x\(unit)"),
                              caption: "P(net value > x) for each strategy: read the chance of beating any target off the curve; at the dashed zero line it is P(net > 0).")
        html += "\n" + figure(SVGCumulativeCurve.exceedance(id: "chart-strategy-romi-cdf", title: "Chance that ROMI exceeds each level",
                                                            series: romi, xTitle: "return on marketing investment x"),
                              caption: "P(ROMI > x) for each strategy; ROMI > 0 exactly when net value > 0. Trials in which a strategy costs nothing have no ROMI and are left out.")
        var rows: [[String]] = []
        for (j, strategy) in strategies.enumerated() {
            // Amounts in three significant digits (148k), so that fifteen columns fit a page.
            for (name, values, format) in [("net value\(unit)", net[j].values, NumberFormat.compact as (Double) -> String),
                                           ("ROMI", romi[j].values, NumberFormat.ratio)] {
                let finite = values.filter(\.isFinite)
                guard let stat = Stat(finite, levels: []) else {
                    rows.append([strategy.name, name] + Array(repeating: "n/a", count: Stat.percentileLevels.count + 3))
                    continue
                }
                rows.append([strategy.name, name] + stat.percentiles.map(format)
                            + [format(stat.sd), format(finite.min() ?? .nan), format(finite.max() ?? .nan)])
            }
        }
        html += "\n" + table(headers: ["strategy", "metric"] + Stat.percentileLevels.map(\.name) + ["sd", "min", "max"],
                             rows: rows, numericFrom: 2, id: "table-strategy-percentiles")
        let details = c.summary.strategies.map(StrategyDetails.init)
        html += strategyDetailTables(c, details)
        html += impliedRetentionTable(c)
        return html
    }

    /// Incremental value by segment and the payback period of each strategy, for the strategies
    /// whose summary has them; nothing when none has.
    static func strategyDetailTables(_ c: ReportContext, _ details: [StrategyDetails]) -> String {
        var html = ""
        let strategies = c.summary.strategies
        let segmentRows = zip(strategies, details).flatMap { s, d in
            d.bySegment.enumerated().map { k, part in
                [k == 0 ? s.name : "", part.segment] + statCells(c, part.incrementalValue, format: c.money)
            }
        }
        if !segmentRows.isEmpty {
            html += "\n<h3>Incremental value by segment</h3>\n"
            html += table(headers: ["strategy", "segment", "mean", "std. error"] + c.intervalHeaders, rows: segmentRows, numericFrom: 2,
                          id: "table-strategy-by-segment")
        }
        let paybackRows = zip(strategies, details).compactMap { s, d -> [String]? in
            guard d.paybackPeriod != nil || d.shareWithoutPayback != nil else { return nil }
            let stat = d.paybackPeriod
            let periods = NumberFormat.periods
            return [s.name, stat.flatMap { $0.percentile("p50") }.map(periods) ?? "n/a",
                    stat.map { periods($0.mean) } ?? "n/a",
                    stat.flatMap { $0.intervals.last }.map { "\(periods($0.lower)) to \(periods($0.upper))" } ?? "",
                    d.shareWithoutPayback.map { NumberFormat.percent($0) } ?? "n/a"]
        }
        if !paybackRows.isEmpty {
            html += "\n<h3>Payback period</h3>\n"
            html += table(headers: ["strategy", "median (periods)", "mean", "\(NumberFormat.level(c.levels.last ?? 0.9)) interval", "no payback within the horizon"],
                          rows: paybackRows, id: "table-strategy-payback")
            html += "\n<p class=\"note\">Payback: the first period from which the strategy's cumulative discounted net cash flow stays at or above zero, over the trials in which that happens within the horizon.</p>"
        }
        return html
    }

    /// The churn and lifetime each strategy's retention changes imply (`ImpliedRetentionChange`);
    /// nothing when no strategy changes constant or sBG retention.
    static func impliedRetentionTable(_ c: ReportContext) -> String {
        let rows = c.summary.strategies.flatMap { s in
            s.impliedRetention.map { implied in
                [s.name, implied.segment,
                 "\(NumberFormat.percent(implied.meanChurnBaseline)) → \(NumberFormat.percent(implied.meanChurnStrategy))",
                 "\(NumberFormat.grouped(implied.expectedLifetimeBaseline, decimals: 1)) → \(NumberFormat.grouped(implied.expectedLifetimeStrategy, decimals: 1))"]
            }
        }
        guard !rows.isEmpty else { return "" }
        return "\n<h3>What the retention changes mean</h3>\n"
            + table(headers: ["strategy", "segment", "mean churn per renewal", "expected lifetime (periods within the horizon)"],
                    rows: rows, numericFrom: 2, id: "table-implied-retention")
            + "\n<p class=\"note\">Without → with the strategy, averaged over the trials; a windowed change is shown as if it applied throughout (docs/strategies.md).</p>"
    }

    /// The tornado of the leading strategy's net value, beside the analysed metric's.
    static func strategyTornado(_ c: ReportContext, _ recommendation: Recommendation) -> String {
        let unit = c.currency.map { " (\($0))" } ?? ""
        let name = recommendation.leading.name
        guard let sensitivity = Sensitivity(c.result, metric: .netValue(strategy: recommendation.leadingIndex)) else {
            return "<p id=\"chart-strategy-tornado-missing\">Too few trials to analyse what drives the net value of \(escape(name)).</p>"
        }
        return "<h3>What drives the net value of \(escape(name))</h3>\n" + figure(SVGTornado.chart(id: "chart-strategy-tornado", title: "Tornado: net value of \(name) by input decile",
                                       sensitivity: sensitivity, xTitle: "mean net value of \(name)\(unit)", format: c.money),
                      caption: "What drives the leading strategy's net value: its mean over the trials where each input is in its bottom 10% (light) or top 10% (dark); the line is its overall mean.")
    }
}
