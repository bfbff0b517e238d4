import CLVCore
import CLVReport
import Foundation
import Testing

@Suite struct HTMLReportTests {
    func render(_ text: String = ReportFixtures.awkwardScenario) throws -> (html: String, result: SimulationResult) {
        let result = try ReportFixtures.run(text)
        let run = RunInfo(scenarioName: result.scenario.name, scenarioSHA256: String(repeating: "ab", count: 32),
                          trials: result.metrics.trials, seed: result.options.seed, threads: 2, elapsedSeconds: 0.5,
                          version: "1.2.3")
        return (HTMLReport.render(summary: RunSummary(result), result: result, run: run), result)
    }

    /// The `<svg>…</svg>` parts of the page.
    func charts(_ html: String) -> [String] {
        var out: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg "), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            out.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return out
    }

    @Test func holdsEverySectionAndChart() throws {
        let (html, _) = try render()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for id in ["recommendation", "customer-equity", "equity-distribution", "segments", "periods", "strategies", "sensitivity", "inputs", "warnings"] {
            #expect(html.contains("<section id=\"\(id)\">"), "section \(id)")
        }
        // With strategies, the recommendation is the first section.
        #expect(html.components(separatedBy: "<section id=\"").dropFirst().first?.hasPrefix("recommendation\"") == true)
        for id in ["chart-strategy-net-value-overlay", "chart-strategy-net-value-cdf", "chart-strategy-romi-cdf", "chart-strategy-tornado"] {
            #expect(HTMLReport.chartIDs(hasStrategies: true, hasSensitivity: true).contains(id), "\(id) is listed")
        }
        let svgs = charts(html)
        let ids = HTMLReport.chartIDs(hasStrategies: true, hasSensitivity: true)
        #expect(svgs.count == ids.count)
        for (svg, id) in zip(svgs, ids) {
            #expect(svg.contains("id=\"\(id)\""), "chart \(id) in order")
            let elements = try #require(ReportFixtures.elements(ofXML: svg), "chart \(id) is not well-formed XML")
            #expect(elements.count > 10, "chart \(id) draws something")
        }
        for table in ["table-equity", "table-segments", "table-strategies", "table-sensitivity", "table-settings", "table-inputs", "table-strategy-inputs"] {
            #expect(html.contains("<table id=\"\(table)\">"), "table \(table)")
        }
    }

    @Test func isSelfContained() throws {
        let (html, _) = try render()
        #expect(!html.contains("http://"))
        #expect(!html.contains("https://"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("url("))
    }

    @Test func escapesNamesAndFormatsMoneyWithTheCurrency() throws {
        let (html, result) = try render()
        #expect(html.contains("<h1>a &lt;b&gt; &amp; &quot;c&quot;</h1>"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("south &lt;west&gt; · new customer"))
        #expect(html.contains("s&lt;1&gt;"))
        let equity = try #require(RunSummary(result).metric(.customerEquity))
        let unit = pow(10, log10(equity.standardError).rounded(.down) - 1)
        #expect(html.contains("<span class=\"value\">EUR\u{00A0}\(NumberFormat.money((equity.mean / unit).rounded() * unit))</span>"))
        #expect(html.contains("80% interval") && html.contains("95% interval"))
        // Every uncertain input is listed by its scenario path.
        for name in result.inputs.names { #expect(html.contains("<td>\(name.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;"))</td>"), "\(name)") }
    }

    @Test func withoutStrategiesThereIsNoStrategySection() throws {
        let text = """
        {"schemaVersion": 1, "name": "plain", "horizonPeriods": 6, "annualDiscountRate": 0.05, "trials": 50,
         "segments": [{"name": "s", "customers": 10, "retention": {"model": "constant", "rate": 0.9}, "revenue": 5}]}
        """
        let (html, _) = try render(text)
        #expect(!html.contains("id=\"strategies\""))
        #expect(!html.contains("id=\"recommendation\""))
        #expect(html.components(separatedBy: "<section id=\"").dropFirst().first?.hasPrefix("customer-equity\"") == true)
        // No uncertain input: no sensitivity section.
        #expect(charts(html).count == HTMLReport.chartIDs(hasStrategies: false).count)
        #expect(!html.contains("id=\"sensitivity\""))
        #expect(html.contains("<p>None.</p>"))
        #expect(!html.contains("EUR"))
    }

    @Test func tornadoOrdersInputsBySwing() throws {
        let (html, result) = try render()
        let sensitivity = try #require(RunSummary(result).sensitivity)
        let tornado = try #require(charts(html).first { $0.contains("id=\"chart-sensitivity-tornado\"") })
        // Every input gets a low and a high bar; the first labelled row has the widest swing.
        let shown = min(12, sensitivity.inputs.count)
        #expect(tornado.components(separatedBy: "class=\"tornado-low\"").count - 1 == shown)
        #expect(tornado.components(separatedBy: "class=\"tornado-high\"").count - 1 == shown)
        let widest = try #require(sensitivity.inputs.max { abs($0.topDecileMean - $0.bottomDecileMean) < abs($1.topDecileMean - $1.bottomDecileMean) })
        let firstLabel = try #require(tornado.range(of: "class=\"row-label\""))
        let escaped = InputLabel.text(for: widest.path).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        #expect(tornado[firstLabel.upperBound...].prefix(200 + escaped.count).contains(escaped))
    }

    @Test func warningsAreListed() throws {
        let text = """
        {"schemaVersion": 1, "name": "free", "horizonPeriods": 6, "annualDiscountRate": 0.05, "trials": 40,
         "segments": [{"name": "s", "customers": 10, "retention": {"model": "constant", "rate": 0.9}, "revenue": 5}],
         "strategies": [{"name": "free", "changes": [{"target": "segments.s.retention.rate", "add": 0.2}]}]}
        """
        let (html, result) = try render(text)
        let warnings = RunSummary(result).warnings
        #expect(!warnings.isEmpty)
        #expect(html.contains("<ul class=\"warnings\">"))
        #expect(html.components(separatedBy: "<li>").count - 1 == warnings.count)
    }
}

/// Inputs are named as a planner would name them, in the tornado and the tables.
@Suite struct InputLabelTests {
    @Test func pathsBecomePlannerLabels() {
        let cases = [
            ("segments.monthly.retention.alpha", "monthly · retention α"),
            ("segments.monthly.retention.beta", "monthly · retention β"),
            ("segments.monthly.revenueGrowth", "monthly · revenue growth"),
            ("segments.monthly.referrals.coefficient", "monthly · referral coefficient K"),
            ("segments.monthly.serviceCost", "monthly · service cost"),
            ("acquisition.0.cac", "acquisition 1 · CAC"),
            ("acquisition.2.customersPerPeriod", "acquisition 3 · customers per period"),
            ("annualDiscountRate", "annual discount rate"),
            ("strategies.X.changes.0.add", "X · change 1 size"),
            ("strategies.loyalty.cost.perPeriod", "loyalty · cost per period"),
            ("segments.shop.retention.purchaseProbability.2", "shop · purchase probability at recency 3"),
            ("segments.monthly.migration.0.probability", "monthly · migration 1 probability"),
            ("segments.monthly.migration.x.probability", "segments.monthly.migration.x.probability"),
            ("segments.monthly.unknown", "segments.monthly.unknown"),
            ("customerEquity", "customerEquity"),
        ]
        for (path, label) in cases { #expect(InputLabel.text(for: path) == label, "\(path)") }
    }

    @Test func tornadoAndTablesUseTheLabels() throws {
        let (html, result) = try HTMLReportTests().render()
        let sensitivity = try #require(RunSummary(result).sensitivity)
        let tornado = try #require(html.components(separatedBy: "<svg").first { $0.contains("id=\"chart-sensitivity-tornado\"") })
        for input in sensitivity.inputs.prefix(12) {
            let label = SVGElement.escape(InputLabel.text(for: input.path))
            #expect(tornado.contains("class=\"row-label\">\(label)</text>"), "\(label)")
        }
        let table = try #require(html.components(separatedBy: "id=\"table-sensitivity\"").last)
        #expect(!table.prefix(2000).contains("<td>segments."))
        let run = RunInfo(scenarioName: result.scenario.name, scenarioSHA256: "", trials: result.metrics.trials,
                          seed: result.options.seed, threads: 1, elapsedSeconds: 0, version: "1")
        let lines = SummaryTable.lines(RunSummary(result), run: run, scenario: result.scenario)
        let rows = lines.drop { !$0.hasPrefix("Sensitivity of") }.dropFirst(3)
        #expect(rows.prefix(sensitivity.inputs.count).allSatisfy { !$0.hasPrefix("segments.") && !$0.hasPrefix("acquisition.") }, "\(rows)")
    }
}
