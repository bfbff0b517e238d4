import CLVCore

extension HTMLReport {
    /// Customers by state (docs/results.md "Customers by state"), for a scenario with dynamics:
    /// `chart-customers-by-state`, the mean active customers of each group of `CustomerStates`
    /// per period stacked, with the total's 90% band (when the run has per-period groups and
    /// kept some trials' paths); and `table-clv-by-state`, the value of a customer in each state
    /// (`StateValueRows`). Nil for a scenario without dynamics, whose page stays as it was.
    ///
    /// - Complexity: O(seriesTrials · groups · periods).
    static func stateSection(_ c: ReportContext) -> String? {
        let states = CustomerStates(scenario: c.result.scenario)
        guard states.hasDynamics else { return nil }
        let unit = c.currency.map { " (\($0))" } ?? ""
        var html = "<section id=\"customer-states\">\n<h2>Customers by state</h2>\n"
        let series = c.result.series
        if series.states == states.groups.count, series.states > 0, series.trials > 0 {
            let parts = states.groups.enumerated().map { g, group in
                (label: stateLabel(group, scenario: c.result.scenario), means: meanCustomers(series, state: g))
            }
            let total = PeriodBands(values: series.activeCustomers, trials: series.trials, periods: series.periods)
            html += figure(SVGStackedFanChart.chart(id: "chart-customers-by-state", title: "Customers by state over time",
                                                    parts: parts, total: total, yTitle: "active customers"),
                           caption: "Mean active customers of each state in each period, stacked (the top edge is the mean of all active customers), over the first \(NumberFormat.grouped(Double(series.trials))) trials; dashed: the 5th and 95th percentiles of the total across trials. Acquired: customers in the period of their first purchase; recency j: j periods since the last purchase; a customer who migrated counts in the segment they are in now.")
            html += "\n"
        }
        let rows = StateValueRows.rows(c.summary, scenario: c.result.scenario)
        if !rows.isEmpty {
            html += "<h3>Value of a customer by state\(escape(unit))</h3>\n"
            html += table(headers: ["segment", "state", "mean", "std. error"] + c.intervalHeaders,
                          rows: rows.map { [$0.segment, $0.state] + statCells(c, $0.stat, format: c.money) },
                          numericFrom: 2, id: "table-clv-by-state")
            html += "\n<p class=\"facts\">Exact expected values given each trial's inputs, discounted to the start of period 1, at the scenario's discount rate only. A customer at recency j in period 1 has made their last purchase j periods before; the perpetual CLV has no horizon (it is reported where the customer's states do not change with tenure).</p>"
        }
        return html + "\n</section>"
    }

    /// What a reader calls a group of customers: `segment · acquired` (in the period),
    /// `segment · recency j`, or the segment's name.
    static func stateLabel(_ group: CustomerStates.Group, scenario: Scenario) -> String {
        let name = scenario.segments[group.segment].name
        switch group.recency {
        case nil: return name
        case 0?: return "\(name) · acquired"
        case let j?: return "\(name) · recency \(j)"
        }
    }

    /// The mean over the series' trials of group `g`'s customers in each period.
    ///
    /// - Complexity: O(trials · periods).
    static func meanCustomers(_ series: PeriodSeries, state g: Int) -> [Double] {
        var sums = [Double](repeating: 0, count: series.periods)
        for i in 0..<series.trials {
            for (t, x) in series.customers(ofState: g, trial: i).enumerated() { sums[t] += x }
        }
        return sums.map { $0 / Double(max(1, series.trials)) }
    }
}
