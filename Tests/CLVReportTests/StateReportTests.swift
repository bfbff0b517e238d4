import CLVCore
import CLVReport
import Foundation
import Testing

/// Value by state and customers by state in the outputs (docs/results.md "Customers by state"):
/// summary.json, trials.csv, the terminal table, the report's chart and table, the shard header;
/// each only for a scenario with dynamics.
@Suite struct StateReportTests {
    /// A recency segment with 3 states and a plain segment.
    static let recency = """
    {"schemaVersion": 1, "name": "recency", "currency": "EUR", "periodsPerYear": 12, "horizonPeriods": 18,
     "annualDiscountRate": 0.1, "trials": 60, "seed": 5,
     "segments": [
       {"name": "occasional", "customers": 1000, "recency": 2,
        "retention": {"model": "recency", "purchaseProbability": [{"dist": "beta", "mean": 0.5, "sd": 0.1}, 0.3, 0.1]},
        "revenue": 40, "margin": 0.5, "serviceCost": 1},
       {"name": "steady", "customers": 200, "retention": {"model": "constant", "rate": 0.9}, "revenue": 10}
     ],
     "acquisition": [{"segment": "occasional", "fromPeriod": 1, "toPeriod": 6, "customersPerPeriod": 100}]}
    """

    /// Monthly and annual plans (billed every 12 periods) with migration between them.
    static let migration = """
    {"schemaVersion": 1, "name": "plans", "periodsPerYear": 12, "horizonPeriods": 36, "annualDiscountRate": 0.1,
     "trials": 40, "seed": 5,
     "segments": [
       {"name": "monthly", "customers": 3000, "retention": {"model": "constant", "rate": 0.92},
        "revenue": 20, "margin": 0.6, "migration": [{"to": "annual", "probability": {"dist": "uniform", "min": 0.02, "max": 0.08}}]},
       {"name": "annual", "customers": 1200, "billingPeriods": 12, "retention": {"model": "constant", "rate": 0.8},
        "revenue": 15, "margin": 0.6}
     ],
     "acquisition": [{"segment": "monthly", "fromPeriod": 1, "toPeriod": 12, "customersPerPeriod": 250}]}
    """

    /// Annual billing alone: a perpetual CLV, no customers-by-state chart.
    static let billing = """
    {"schemaVersion": 1, "name": "annual", "periodsPerYear": 12, "horizonPeriods": 24, "annualDiscountRate": 0.08,
     "trials": 30, "segments": [{"name": "annual", "customers": 500, "billingPeriods": 12,
                                 "retention": {"model": "constant", "rate": 0.7}, "revenue": 10}]}
    """

    static let plain = """
    {"schemaVersion": 1, "name": "plain", "horizonPeriods": 6, "annualDiscountRate": 0.05, "trials": 30,
     "segments": [{"name": "s", "customers": 10, "retention": {"model": "constant", "rate": 0.9}, "revenue": 5}]}
    """

    static func info(_ result: SimulationResult) -> RunInfo {
        RunInfo(scenarioName: result.scenario.name, scenarioSHA256: String(repeating: "ab", count: 32),
                trials: result.metrics.trials, seed: result.options.seed, threads: 2, elapsedSeconds: 0.5, version: "1.2.3")
    }

    static func outputs(_ text: String) throws -> (result: SimulationResult, json: String, html: String, table: [String]) {
        let result = try ReportFixtures.run(text)
        let summary = RunSummary(result)
        let info = info(result)
        return (result, SummaryJSON.document(summary, run: info).rendered(),
                HTMLReport.render(summary: summary, result: result, run: info),
                SummaryTable.lines(summary, run: info, scenario: result.scenario))
    }

    /// The `<svg>` element with `id`, or nil.
    static func chart(_ html: String, id: String) -> String? {
        guard let start = html.range(of: "<svg id=\"\(id)\""), let end = html.range(of: "</svg>", range: start.upperBound..<html.endIndex)
        else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    @Test func recencyValuesAppearInEveryOutput() throws {
        let (result, json, html, table) = try Self.outputs(Self.recency)
        // summary.json: in the segment's object, after ltvToCac; only for that segment.
        let tree = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let segments = try #require(tree["segments"] as? [[String: Any]])
        let byRecency = try #require(segments[0]["byRecency"] as? [[String: Any]])
        #expect(byRecency.map { $0["recency"] as? Int } == [1, 2, 3])
        let column = try #require(result.column(.recencyValue(segment: 0, recency: 2)))
        let mean = try #require((byRecency[1]["value"] as? [String: Any])?["mean"] as? Double)
        #expect(abs(mean - column.reduce(0, +) / Double(column.count)) <= 1e-9 * abs(mean))
        #expect((segments[0]["perpetualClv"] as? [String: Any])?["mean"] is Double)
        #expect(segments[1]["byRecency"] == nil && segments[1]["perpetualClv"] == nil)
        #expect(json.range(of: "\"ltvToCac\": null,\n      \"perpetualClv\"") != nil || json.contains("\"ltvToCac\":null,\"perpetualClv\""))
        // trials.csv.
        let header = TrialsCSV.header(result)
        #expect(header.contains("segments.occasional.byRecency.3.value") && header.contains("segments.occasional.perpetualClv"))
        // The terminal table.
        let title = try #require(table.firstIndex { $0.hasPrefix("Value by state") })
        #expect(table[title...].contains { $0.contains("recency 3 (3 periods since the last purchase)") })
        #expect(table[title...].contains { $0.contains("perpetual CLV") })
        // The report: the chart and the table.
        #expect(html.contains("<section id=\"customer-states\">"))
        #expect(html.contains(".state-0 { fill:") && html.contains(".total-band {"))
        #expect(html.contains("<table id=\"table-clv-by-state\">"))
        #expect(html.contains("<td>recency 1 (1 period since the last purchase)</td>"))
        let svg = try #require(Self.chart(html, id: "chart-customers-by-state"))
        let elements = try #require(ReportFixtures.elements(ofXML: svg), "the chart is well-formed XML")
        // One area per state: occasional 0 … 3 and steady.
        #expect(elements.filter { $0.name == "polygon" && ($0.attributes["class"] ?? "").hasPrefix("state ") }.count == 5)
        #expect(elements.filter { $0.name == "polyline" && $0.attributes["class"] == "total-band" }.count == 2)
        #expect(svg.contains("occasional · recency 3") && svg.contains("<title>occasional · acquired</title>"))
        let ids = HTMLReport.chartIDs(hasStrategies: false, hasSensitivity: true, hasStateSeries: true)
        let order = ids.compactMap { id in html.range(of: "<svg id=\"\(id)\"")?.lowerBound }
        #expect(order.count == ids.count && order == order.sorted(), "every chart, in the listed order")
    }

    @Test func migrationShowsSegmentsAndTheirValues() throws {
        let (_, json, html, table) = try Self.outputs(Self.migration)
        let svg = try #require(Self.chart(html, id: "chart-customers-by-state"))
        let elements = try #require(ReportFixtures.elements(ofXML: svg))
        #expect(elements.filter { $0.name == "polygon" && ($0.attributes["class"] ?? "").hasPrefix("state ") }.count == 2)
        #expect(html.contains("<table id=\"table-clv-by-state\">"))
        // Both segments: the annual one has billing cycles, and customers migrate into it.
        #expect(html.components(separatedBy: "new customer, no horizon (perpetual CLV)").count - 1 == 2)
        #expect(json.components(separatedBy: "\"perpetualClv\"").count - 1 == 2)
        #expect(!json.contains("byRecency"))
        #expect(table.contains { $0.hasPrefix("Value by state") })
    }

    @Test func billingAloneHasTheTableButNoChart() throws {
        let (_, json, html, _) = try Self.outputs(Self.billing)
        #expect(html.contains("<table id=\"table-clv-by-state\">"))
        #expect(!html.contains("chart-customers-by-state"))
        #expect(json.contains("\"perpetualClv\""))
    }

    @Test func withoutDynamicsNothingIsAdded() throws {
        let (result, json, html, table) = try Self.outputs(Self.plain)
        #expect(!json.contains("perpetualClv") && !json.contains("byRecency"))
        #expect(!html.contains("customer-states") && !html.contains("chart-customers-by-state") && !html.contains("table-clv-by-state"))
        #expect(!html.contains(".state-0") && !html.contains(".total-band"), "the page's style is as before")
        #expect(!table.contains { $0.hasPrefix("Value by state") })
        #expect(TrialsCSV.header(result).count == 1 + result.inputs.names.count + 6 + 3)
        #expect(HTMLReport.chartIDs(hasStrategies: false) == HTMLReport.chartIDs(hasStrategies: false, hasStateSeries: false))
        #expect(!HTMLReport.chartIDs(hasStrategies: true, hasSensitivity: true).contains("chart-customers-by-state"))
    }

    /// A shard's header gives the number of groups only when there are some; the data grows by
    /// their counts, and the header reads back.
    @Test func shardHeaderCarriesTheGroups() throws {
        for (text, groups) in [(Self.recency, 5), (Self.plain, 0)] {
            let result = try ReportFixtures.run(text)
            let header = ShardHeader(version: "1", scenarioName: result.scenario.name, scenarioFile: "x.json",
                                     scenarioSHA256: "00", scenarioText: text, result: result,
                                     shard: try #require(Shard(index: 0, count: 1)), sensitivityMetric: "customerEquity")
            #expect(header.seriesStates == groups)
            let rendered = header.document().rendered(indent: 0)
            #expect(rendered.contains("\"states\"") == (groups > 0))
            #expect(ShardHeader(bytes: Array(rendered.utf8)) == header)
            let series = result.series
            #expect(ShardFile.dataBytes(header) == 8 * (header.count * (header.metricNames.count + header.inputNames.count)
                                                         + (2 + groups) * series.trials * series.periods))
            var bytes = 0
            ShardFile.writeData(result) { bytes += $0.count }
            #expect(bytes == ShardFile.dataBytes(header))
        }
    }

    @Test func stackedChartIsWellFormedForManyParts() throws {
        let parts = (0..<20).map { k in (label: "part <\(k)> & co", means: [Double](repeating: Double(k), count: 5)) }
        let bands = PeriodBands(values: [Double](repeating: 190, count: 5 * 3), trials: 3, periods: 5)
        let svg = SVGStackedFanChart.chart(id: "c", title: "t", parts: parts, total: bands, yTitle: "y").rendered()
        let elements = try #require(ReportFixtures.elements(ofXML: svg))
        #expect(elements.filter { $0.name == "polygon" }.count == 20)
        #expect(svg.contains("… and 4 more"))
    }
}
