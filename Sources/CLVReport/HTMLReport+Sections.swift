import CLVCore

extension HTMLReport {
    /// Mean, std. error and interval cells, no more precise than the std. error supports.
    static func statCells(_ c: ReportContext, _ stat: Stat?, format: (Double) -> String) -> [String] {
        StatDisplay.cells(stat, levels: c.levels, separator: " to ", format: format)
    }

    /// The headline: mean customer equity, its intervals, and the components table.
    static func equitySection(_ c: ReportContext) -> String {
        var html = "<section id=\"customer-equity\">\n<h2>Customer equity</h2>\n"
        if let ce = c.summary.metric(.customerEquity) {
            let unit = StatDisplay.unit(of: ce.standardError)
            html += "<div class=\"headline\"><span class=\"value\">\(escape(StatDisplay.text(ce.mean, unit: unit, format: c.money)))</span>"
            for interval in ce.intervals {
                html += "<span class=\"interval\">\(NumberFormat.level(interval.level)) interval: "
                    + "\(escape(StatDisplay.text(interval.lower, unit: unit, format: c.money))) to \(escape(StatDisplay.text(interval.upper, unit: unit, format: c.money)))</span>"
            }
            html += "<span class=\"facts\">mean over \(NumberFormat.grouped(Double(c.summary.trials))) trials; std. error \(escape(StatDisplay.standardError(ce.standardError, format: c.money)))</span></div>\n"
        } else {
            html += "<p>Customer equity is undefined in every trial.</p>\n"
        }
        var rows = c.summary.metrics.map { [$0.metric.label ?? ""] + statCells(c, $0.stat, format: c.money) }
        for rate in c.summary.discountRates {
            rows.append(["customer equity at \(NumberFormat.level(rate.rate)) a year"] + statCells(c, rate.customerEquity, format: c.money))
        }
        html += table(headers: ["component", "mean", "std. error"] + c.intervalHeaders, rows: rows, id: "table-equity")
        let rateRows = RateRows.rows(c.summary)
        if !rateRows.isEmpty {
            html += "\n<h3>At the other discount rates</h3>\n"
            html += table(headers: ["value", "mean", "std. error"] + c.intervalHeaders,
                          rows: rateRows.map { [$0.label] + statCells(c, $0.stat, format: $0.isMoney ? c.money : NumberFormat.ratio) },
                          id: "table-rates")
        }
        html += "\n<p class=\"facts\">Customer equity = current customers + acquired customers + referred customers − acquisition spend, all discounted.</p>\n</section>"
        return html
    }

    /// Histogram and cumulative curve of customer equity, intervals marked.
    static func distributionSection(_ c: ReportContext) -> String {
        guard let values = c.result.column(.customerEquity), let stat = c.summary.metric(.customerEquity) else {
            return "<section id=\"equity-distribution\"><h2>Distribution of customer equity</h2><p>No finite values.</p></section>"
        }
        let unit = c.currency.map { " (\($0))" } ?? ""
        let histogram = Histogram(centralOf: values)
        var html = "<section id=\"equity-distribution\">\n<h2>Distribution of customer equity</h2>\n"
        html += figure(SVGHistogram.chart(id: "chart-equity-histogram", title: "Customer equity across trials",
                                          histogram: histogram, total: values.count, markers: c.markers(stat),
                                          shadedSpans: stat.intervals.map { ($0.lower, $0.upper) },
                                          xTitle: "customer equity\(unit)"),
                       caption: "Share of trials by customer equity. Red line: mean; dashed lines: interval ends; shaded: the intervals. The extreme 0.1% of trials at each end are counted in the outermost bars.")
        html += "\n"
        // The same x-range as the histogram above, so the two charts can be read together.
        html += figure(SVGCumulativeCurve.chart(id: "chart-equity-cumulative", title: "Cumulative distribution of customer equity",
                                                values: values, markers: c.markers(stat), levels: c.levels,
                                                xTitle: "customer equity\(unit)", domain: (histogram.lower, histogram.upper)),
                       caption: "Share of trials with customer equity at or below each value: read the chance of falling short of a target off the curve. Dashed horizontal guides mark the interval probabilities.")
        return html + "\n</section>"
    }

    /// CLV per segment: interval bars and a table.
    static func segmentSection(_ c: ReportContext) -> String {
        let unit = c.currency.map { " (\($0))" } ?? ""
        var rows: [IntervalRow] = []
        var tableRows: [[String]] = []
        for (segment, summary) in zip(c.result.scenario.segments, c.summary.segments) {
            if let clv = summary.clv {
                rows.append(IntervalRow(label: "\(segment.name) · new customer", stat: clv))
            }
            if segment.referrals != nil, let clv = summary.clvWithReferrals {
                rows.append(IntervalRow(label: "\(segment.name) · with referrals", stat: clv))
            }
            if segment.customers > 0, let residual = summary.residualClv {
                rows.append(IntervalRow(label: "\(segment.name) · current customer", stat: residual))
            }
            tableRows.append([segment.name, "CLV (new customer)"] + statCells(c, summary.clv, format: c.money))
            if segment.referrals != nil {
                tableRows.append(["", "CLV with referrals"] + statCells(c, summary.clvWithReferrals, format: c.money))
            }
            tableRows.append(["", "residual CLV (current customer)"] + statCells(c, summary.residualClv, format: c.money))
            if let ltv = summary.ltvToCac {
                tableRows.append(["", "LTV / CAC"] + statCells(c, ltv, format: NumberFormat.ratio))
            }
        }
        var html = "<section id=\"segments\">\n<h2>Customer lifetime value by segment</h2>\n"
        html += figure(SVGIntervalBars.chart(id: "chart-segment-clv", title: "CLV per customer by segment",
                                             rows: rows, xTitle: "value of one customer\(unit)", format: c.money),
                       caption: "Value of one customer. Bars: the intervals (thin: widest, thick: 50%); tick: median; dot: mean.")
        html += "\n" + table(headers: ["segment", "metric", "mean", "std. error"] + c.intervalHeaders, rows: tableRows,
                             numericFrom: 2, id: "table-segments")
        return html + "\n</section>"
    }

    /// Sensitivity of the analysed metric: a tornado and the table of every input.
    static func sensitivitySection(_ c: ReportContext, _ sensitivity: Sensitivity, leading: Recommendation? = nil) -> String {
        let unit = c.currency.map { " (\($0))" } ?? ""
        var html = "<section id=\"sensitivity\">\n<h2>What drives \(escape(sensitivity.metric))</h2>\n"
        html += figure(SVGTornado.chart(id: "chart-sensitivity-tornado", title: "Tornado: \(sensitivity.metric) by input decile",
                                        sensitivity: sensitivity, xTitle: "mean \(sensitivity.metric)\(unit)", format: c.money),
                       caption: "Mean of \(sensitivity.metric) over the trials where each input is in its bottom 10% (light) or top 10% (dark); the line is the overall mean. Inputs with the widest swing are at the top.")
        let rows = sensitivity.inputs.map { input in
            [InputLabel.text(for: input.path),
             input.varianceShare.map { NumberFormat.percent($0) } ?? "n/a",
             input.standardizedRegressionCoefficient.map { NumberFormat.grouped($0, decimals: 3) } ?? "n/a",
             NumberFormat.grouped(input.spearman, decimals: 3),
             c.money(input.bottomDecileMean), c.money(input.topDecileMean)]
        }
        html += "\n" + table(headers: ["input", "variance share", "SRC", "Spearman", "mean, bottom 10%", "mean, top 10%"],
                             rows: rows, id: "table-sensitivity")
        let fit = sensitivity.rSquared.map { " The fit explains R² = \(NumberFormat.grouped($0, decimals: 2)) of the variance." } ?? ""
        html += "\n<p class=\"note\" id=\"sensitivity-measure\">\(escape(sensitivity.explanation))\(fit) See docs/analysis.md.</p>"
        if let leading { html += "\n" + strategyTornado(c, leading) }
        return html + "\n</section>"
    }

    /// Fan charts of active customers and net cash flow per period.
    static func periodSection(_ c: ReportContext) -> String {
        let series = c.result.series
        let unit = c.currency.map { " (\($0))" } ?? ""
        var html = "<section id=\"periods\">\n<h2>Customers and cash flow over time</h2>\n"
        html += "<p class=\"facts\">From the first \(NumberFormat.grouped(Double(series.trials))) trials.</p>\n"
        let active = PeriodBands(values: series.activeCustomers, trials: series.trials, periods: series.periods)
        html += figure(SVGFanChart.chart(id: "chart-active-customers", title: "Active customers per period",
                                         bands: active, yTitle: "active customers"),
                       caption: "Customers active in each period (current, acquired and referred): median, 50% and 90% bands across trials.")
        let cash = PeriodBands(values: series.netCashFlow, trials: series.trials, periods: series.periods)
        html += "\n" + figure(SVGFanChart.chart(id: "chart-net-cash-flow", title: "Net cash flow per period",
                                                bands: cash, yTitle: "net cash flow\(unit)"),
                              caption: "Margin less service cost less acquisition spend in each period, undiscounted: median, 50% and 90% bands across trials.")
        return html + "\n</section>"
    }

    /// Strategies: table, net value and ROMI interval bars, P(best).
    static func strategySection(_ c: ReportContext) -> String {
        let unit = c.currency.map { " (\($0))" } ?? ""
        let level = c.levels.last ?? 0.9
        let ranked = c.summary.strategies.sorted { ($0.netValue?.mean ?? -.infinity) > ($1.netValue?.mean ?? -.infinity) }
        var html = "<section id=\"strategies\">\n<h2>Strategies</h2>\n"
        html += "<p class=\"facts\">Each strategy is compared with the baseline in the same trials (common random numbers). Net value = incremental value − cost; ROMI = net value / cost.</p>\n"
        let money = NumberFormat.money
        let rows = ranked.map { s -> [String] in
            let net = StatDisplay.cells(s.netValue, levels: [level], separator: " to ", format: money)
            let romi = StatDisplay.cells(s.romi, levels: [level], separator: " to ", format: NumberFormat.ratio)
            return [
                s.name,
                net[0],
                net[2],
                s.incrementalValue.map { StatDisplay.text($0.mean, unit: StatDisplay.unit(of: $0.standardError), format: money) } ?? "n/a",
                s.cost.map { StatDisplay.text($0.mean, unit: StatDisplay.unit(of: $0.standardError), format: money) } ?? "n/a",
                s.romi == nil ? "undefined" : romi[0],
                romi[2],
                NumberFormat.percent(s.probabilityNetPositive),
                NumberFormat.percent(s.probabilityBest),
            ]
        }
        html += table(headers: ["strategy", "net value\(unit)", "\(NumberFormat.level(level)) interval", "incremental value\(unit)",
                                "cost\(unit)", "ROMI", "ROMI \(NumberFormat.level(level)) interval", "P(net > 0)", "P(best)"],
                      rows: rows, id: "table-strategies")
        let netRows = ranked.compactMap { s in s.netValue.map { IntervalRow(label: s.name, stat: $0) } }
        html += "\n" + figure(SVGIntervalBars.chart(id: "chart-strategy-net-value", title: "Net value by strategy",
                                                    rows: netRows, xTitle: "net value\(unit)", format: c.money),
                              caption: "Net value of each strategy across trials. Bars: intervals (thin: widest, thick: 50%); tick: median; dot: mean. Right of zero: the strategy pays.")
        let romiRows = ranked.compactMap { s in s.romi.map { IntervalRow(label: s.name, stat: $0) } }
        html += "\n" + figure(SVGIntervalBars.chart(id: "chart-strategy-romi", title: "ROMI by strategy",
                                                    rows: romiRows, xTitle: "return on marketing investment", format: NumberFormat.ratio),
                              caption: "Return on marketing investment: net value per unit of cost. Bars: intervals; tick: median; dot: mean.")
        var bars = ranked.map { (label: $0.name, share: $0.probabilityBest) }
        bars.append((label: "do nothing", share: max(0, 1 - c.summary.strategies.reduce(0) { $0 + $1.probabilityBest })))
        html += "\n" + figure(SVGBarChart.chart(id: "chart-probability-best", title: "Probability that each option is best",
                                                bars: bars, xTitle: "share of trials in which the option has the highest net value"),
                              caption: "P(best): the share of trials in which each option has the highest net value, doing nothing (net value 0) included; ties are shared.")
        html += "\n" + strategyDistributions(c)
        return html + "\n</section>"
    }

    /// The scenario's settings, inputs and strategy changes as tables.
    static func inputSection(_ c: ReportContext) -> String {
        let s = c.result.scenario
        var html = "<section id=\"inputs\">\n<h2>Scenario inputs</h2>\n"
        var settings: [[String]] = [
            ["periods per year", String(s.periodsPerYear)],
            ["horizon", "\(s.horizonPeriods) periods"],
            ["cash flow timing", s.cashFlowTiming.rawValue],
            ["intervals", s.intervals.map(NumberFormat.level).joined(separator: ", ")],
        ]
        if let currency = s.currency { settings.append(["currency", currency]) }
        for segment in s.segments {
            settings.append(["segment \(segment.name)", "\(NumberFormat.grouped(Double(segment.customers))) current customers, \(segment.renewals) renewals made"])
        }
        for (p, plan) in s.acquisition.enumerated() {
            settings.append(["acquisition.\(p)", "into \(plan.segment), periods \(plan.fromPeriod) to \(plan.toPeriod)"])
        }
        for correlation in s.correlations {
            settings.append(["rank correlation", "\(correlation.between.joined(separator: " and ")): \(NumberFormat.significant(correlation.rank))"])
        }
        html += "<h3>Settings</h3>\n" + table(headers: ["setting", "value"], rows: settings, numericFrom: 2, id: "table-settings")
        let drawn = c.result.inputs
        let rows = s.inputs.map { input -> [String] in
            guard let column = drawn.column(input.path), let stat = Stat(column, levels: [0.9]) else {
                return [InputLabel.text(for: input.path), input.path, DistributionText.describe(input.distribution), "", ""]
            }
            let interval = stat.intervals.first.map { "\(NumberFormat.significant($0.lower)) to \(NumberFormat.significant($0.upper))" } ?? ""
            return [InputLabel.text(for: input.path), input.path, DistributionText.describe(input.distribution),
                    NumberFormat.significant(stat.mean), interval]
        }
        html += "\n<h3>Inputs drawn per trial</h3>\n"
        // The scenario path is what correlations and strategy changes name (docs/scenario-format.md).
        html += table(headers: ["input", "scenario path", "distribution", "mean drawn", "90% of draws"], rows: rows, numericFrom: 3,
                      id: "table-inputs")
        if !s.strategies.isEmpty {
            let strategyRows = s.strategies.map { strategy -> [String] in
                let changes = strategy.changes.map(DistributionText.describe).joined(separator: "; ")
                var costs: [String] = []
                if let d = strategy.cost.upfront { costs.append("upfront \(DistributionText.describe(d))") }
                if let d = strategy.cost.perPeriod { costs.append("per period \(DistributionText.describe(d))") }
                if let d = strategy.cost.perActiveCustomer {
                    costs.append("per active customer \(DistributionText.describe(d))"
                                 + (strategy.cost.appliesTo.map { " (\($0.joined(separator: ", ")))" } ?? ""))
                }
                if let window = strategy.cost.window, strategy.cost.perPeriod != nil || strategy.cost.perActiveCustomer != nil {
                    costs.append(DistributionText.describe(window))
                }
                return [strategy.name, changes, costs.joined(separator: "; ")]
            }
            html += "\n<h3>Strategies</h3>\n" + table(headers: ["strategy", "changes", "cost"], rows: strategyRows, numericFrom: 3,
                                                      id: "table-strategy-inputs")
        }
        return html + "\n</section>"
    }

    /// The run's warnings, or a line saying there were none.
    static func warningSection(_ c: ReportContext) -> String {
        var html = "<section id=\"warnings\">\n<h2>Warnings</h2>\n"
        if c.summary.warnings.isEmpty { return html + "<p>None.</p>\n</section>" }
        html += "<ul class=\"warnings\">\n"
        for warning in c.summary.warnings { html += "<li>\(escape(warning))</li>\n" }
        return html + "</ul>\n</section>"
    }
}
