import CLVCore

/// `report.html`: one self-contained page that shows a run's results — no network access, no
/// script, charts as inline SVG — fit for a laptop screen and for printing.
///
/// Sections, in order: when the scenario has strategies, the recommendation (the strategy with
/// the highest expected net value, or doing nothing, in one line with its figures); the headline customer equity with its intervals and components; the
/// distribution of customer equity (histogram and cumulative curve, intervals marked); CLV per
/// segment (interval bars); active customers and net cash flow per period (fan charts); for a
/// scenario with dynamics, customers by state per period (a stacked fan chart) and the value of
/// a customer by state;
/// strategies when there are any (net value and ROMI interval bars, P(best), the net value
/// distributions overlaid, exceedance curves of net value and ROMI, percentiles, incremental
/// value by segment and payback when the run has them); the sensitivity of the analysed metric
/// to each uncertain input (a tornado and a table) and a tornado of the leading strategy's net
/// value; the scenario's
/// inputs; warnings. Money is printed with the scenario's currency code and thousands
/// separators. Chart ids (`chart-equity-histogram`, …) are stable, for checks and styling.
public enum HTMLReport {
    /// The ids of the charts a report of `result` holds, in page order.
    ///
    /// - Complexity: O(1).
    /// `hasStateSeries`: the scenario has customers by state per period (recency retention or
    /// migration, `CustomerStates.groups`).
    public static func chartIDs(hasStrategies: Bool, hasSensitivity: Bool = false, hasStateSeries: Bool = false) -> [String] {
        ["chart-equity-histogram", "chart-equity-cumulative", "chart-segment-clv", "chart-active-customers",
         "chart-net-cash-flow"]
            + (hasStateSeries ? ["chart-customers-by-state"] : [])
            + (hasStrategies ? ["chart-strategy-net-value", "chart-strategy-romi", "chart-probability-best",
                                "chart-strategy-net-value-overlay", "chart-strategy-net-value-cdf", "chart-strategy-romi-cdf"] : [])
            + (hasSensitivity ? ["chart-sensitivity-tornado"] : [])
            + (hasStrategies && hasSensitivity ? ["chart-strategy-tornado"] : [])
    }

    /// A whole page: the document head with the report's style (and `extraStyle`, the rules of
    /// charts only some pages have), and `body` (HTML) in `<main>`; `title` is escaped here.
    ///
    /// - Complexity: O(size of the body).
    static func page(title: String, body: String, extraStyle: String? = nil) -> String {
        """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>
            \(ReportStyle.css)\(extraStyle.map { "\n" + $0 } ?? "")
            </style>
            </head>
            <body>
            <main>
            \(body)
            </main>
            </body>
            </html>

            """
    }

    /// The page.
    ///
    /// - Complexity: O(metrics · trials · log trials) for the histograms, curves and bands.
    ///
    /// - Parameter leading: sections placed right after the header (the optimum of `clvsim
    ///   optimize`, `OptimizationReport.section`).
    public static func render(summary: RunSummary, result: SimulationResult, run: RunInfo, leading: [String] = []) -> String {
        let context = ReportContext(summary: summary, result: result, run: run)
        var body: [String] = []
        body.append(header(context))
        body += leading
        let recommendation = result.scenario.strategies.isEmpty ? nil : Recommendation(summary)
        if let recommendation { body.append(recommendationSection(context, recommendation)) }
        body.append(equitySection(context))
        body.append(distributionSection(context))
        body.append(segmentSection(context))
        body.append(periodSection(context))
        let states = stateSection(context)
        if let states { body.append(states) }
        if !result.scenario.strategies.isEmpty { body.append(strategySection(context)) }
        if let sensitivity = summary.sensitivity { body.append(sensitivitySection(context, sensitivity, leading: recommendation)) }
        body.append(inputSection(context))
        body.append(warningSection(context))
        body.append(footer(context))
        return page(title: "\(run.scenarioName) — clvsim report", body: body.joined(separator: "\n"),
                    extraStyle: states == nil ? nil : ReportStyle.stateChartCSS)
    }

    static func escape(_ text: String) -> String { SVGElement.escape(text) }

    static func header(_ c: ReportContext) -> String {
        let s = c.result.scenario
        var html = "<header>\n<h1>\(escape(s.name))</h1>\n"
        if let description = s.description, !description.isEmpty { html += "<p class=\"description\">\(escape(description))</p>\n" }
        html += "<p class=\"facts\">\(NumberFormat.grouped(Double(c.run.trials))) trials · seed \(c.run.seed) · "
            + "\(c.run.threads) thread\(c.run.threads == 1 ? "" : "s") · \(String(format: "%.2f", c.run.elapsedSeconds)) s · "
            + "clvsim \(escape(c.run.version)) · scenario sha256 <code>\(escape(String(c.run.scenarioSHA256.prefix(12))))</code></p>\n"
        html += "<p class=\"facts\">Values are discounted to the start of period 1 at \(escape(SummaryTable.describe(s.annualDiscountRate))) a year; horizon \(s.horizonPeriods) periods "
            + "(\(s.periodsPerYear) a year), cash flows at the \(s.cashFlowTiming.rawValue) of each period"
            + (s.currency.map { "; amounts in \(escape($0))" } ?? "") + ".</p>\n</header>"
        return html
    }

    static func footer(_ c: ReportContext) -> String {
        "<footer><p>Intervals are equal-tailed percentile intervals across trials; “std. error” is the Monte Carlo standard error of the mean. See docs/results.md for how to read each chart.</p></footer>"
    }

    /// An HTML table with a header row; cells are escaped; numeric columns right-aligned.
    static func table(headers: [String], rows: [[String]], numericFrom: Int = 1, id: String? = nil) -> String {
        var html = "<table\(id.map { " id=\"\(escape($0))\"" } ?? "")>\n<thead><tr>"
        for (i, h) in headers.enumerated() { html += "<th\(i >= numericFrom ? " class=\"num\"" : "")>\(escape(h))</th>" }
        html += "</tr></thead>\n<tbody>\n"
        for row in rows {
            html += "<tr>"
            for (i, cell) in row.enumerated() { html += "<td\(i >= numericFrom ? " class=\"num\"" : "")>\(escape(cell))</td>" }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>"
    }

    /// A chart wrapped in a figure with a caption.
    static func figure(_ chart: SVGElement, caption: String) -> String {
        "<figure>\n\(chart.rendered())\n<figcaption>\(escape(caption))</figcaption>\n</figure>"
    }
}
