@testable import CLVCore
@testable import CLVReport
import Foundation
import Testing

/// The decision-first parts of report.html and of the terminal table: the recommendation, the
/// strategy distribution charts, the percentile, by-segment and payback tables
/// (docs/results.md, "The recommendation").
@Suite struct DecisionReportTests {
    func render(_ text: String = ReportFixtures.awkwardScenario) throws -> (html: String, result: SimulationResult, summary: RunSummary) {
        let result = try ReportFixtures.run(text)
        let summary = RunSummary(result)
        return (HTMLReport.render(summary: summary, result: result, run: Self.info(result)), result, summary)
    }

    static func info(_ result: SimulationResult) -> RunInfo {
        RunInfo(scenarioName: result.scenario.name, scenarioSHA256: String(repeating: "ab", count: 32),
                trials: result.metrics.trials, seed: result.options.seed, threads: 2, elapsedSeconds: 0.5, version: "1.2.3")
    }

    /// The ids of the page's sections, in order.
    func sections(_ html: String) -> [String] {
        html.components(separatedBy: "<section id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    /// A scenario with two strategies: a cheap one that pays and one whose cost swamps its effect.
    static func twoStrategies(cost: Double = 100) -> String {
        """
        {"schemaVersion": 1, "name": "two", "currency": "USD", "horizonPeriods": 12, "annualDiscountRate": 0.1, "trials": 300, "seed": 4,
         "segments": [{"name": "s", "customers": 2000, "retention": {"model": "constant", "rate": {"dist": "uniform", "min": 0.8, "max": 0.9}},
                       "revenue": {"dist": "normal", "mean": 20, "sd": 2, "min": 0}}],
         "strategies": [
           {"name": "cheap", "changes": [{"target": "segments.s.retention.rate", "add": 0.01}], "cost": {"upfront": \(cost)}},
           {"name": "dear", "changes": [{"target": "segments.s.retention.rate", "add": 0.005}], "cost": {"upfront": 1000000000}}]}
        """
    }

    @Test func recommendationIsTheFirstSectionWhenThereAreStrategies() throws {
        let (html, _, summary) = try render(Self.twoStrategies())
        #expect(sections(html).first == "recommendation")
        let recommendation = try #require(Recommendation(summary))
        #expect(recommendation.leading.name == "cheap" && !recommendation.doNothing)
        let line = recommendation.line(level: 0.9, money: NumberFormat.money)
        for part in ["Recommendation: cheap", "expected net value", "P(best)", "P(net > 0)", "expected cost", "ROMI"] {
            #expect(line.contains(part), "\(part) in \(line)")
        }
        #expect(html.contains("<p class=\"recommendation\">Recommendation: cheap"))
    }

    /// Retention changes are stated as the churn and lifetime they imply.
    @Test func impliedRetentionChangesAreStated() throws {
        let (html, _, summary) = try render(Self.twoStrategies())
        let implied = try #require(summary.strategies.first { $0.name == "cheap" }?.impliedRetention.first)
        #expect(html.contains("id=\"table-implied-retention\""))
        #expect(html.contains(HTMLReport.escape("\(NumberFormat.percent(implied.meanChurnBaseline)) → \(NumberFormat.percent(implied.meanChurnStrategy))")))
        #expect(implied.meanChurnStrategy < implied.meanChurnBaseline)
    }

    @Test func doingNothingIsRecommendedWhenNoStrategyPays() throws {
        let (html, result, summary) = try render(Self.twoStrategies(cost: 1e9))
        let recommendation = try #require(Recommendation(summary))
        #expect(recommendation.doNothing)
        #expect(html.contains("Recommendation: do nothing"))
        #expect(html.contains("the best, cheap"))
        let lines = SummaryTable.lines(summary, run: Self.info(result), scenario: result.scenario)
        #expect(lines.first?.hasPrefix("Recommendation: do nothing") == true)
    }

    @Test func noRecommendationWithoutStrategies() throws {
        let text = """
        {"schemaVersion": 1, "name": "plain", "horizonPeriods": 6, "annualDiscountRate": 0.05, "trials": 50,
         "segments": [{"name": "s", "customers": 10, "retention": {"model": "constant", "rate": 0.9}, "revenue": 5}]}
        """
        let (html, result, summary) = try render(text)
        #expect(!html.contains("id=\"recommendation\""))
        #expect(sections(html).first == "customer-equity")
        #expect(!SummaryTable.lines(summary, run: Self.info(result), scenario: result.scenario).contains { $0.contains("Recommendation") })
    }

    @Test func terminalTableOpensWithTheRecommendation() throws {
        let (_, result, summary) = try render(Self.twoStrategies())
        let lines = SummaryTable.lines(summary, run: Self.info(result), scenario: result.scenario)
        #expect(lines.first?.hasPrefix("Recommendation: cheap — expected net value") == true, "\(lines.first ?? "")")
        #expect(lines.first?.contains("median payback period") == true, "\(lines.first ?? "")")
    }

    @Test func newStrategyChartsArePresentAndDrawSomething() throws {
        let (html, _, _) = try render(Self.twoStrategies())
        for id in ["chart-strategy-net-value-overlay", "chart-strategy-net-value-cdf", "chart-strategy-romi-cdf", "chart-strategy-tornado"] {
            let start = try #require(html.range(of: "<svg id=\"\(id)\""), "\(id)")
            let end = try #require(html.range(of: "</svg>", range: start.upperBound..<html.endIndex))
            let svg = String(html[start.lowerBound..<end.upperBound])
            let elements = try #require(ReportFixtures.elements(ofXML: svg), "\(id) is not well-formed")
            #expect(elements.count > 10, "\(id)")
            #expect(elements.contains { $0.name == "polyline" || $0.name == "rect" }, "\(id) draws marks")
        }
        #expect(html.contains("<table id=\"table-strategy-percentiles\">"))
        #expect(html.contains("<table id=\"table-strategy-by-segment\">"))
        #expect(html.contains("<table id=\"table-strategy-payback\">"))
        for name in ["p1", "p50", "p99", "sd", "min", "max"] { #expect(html.contains("<th class=\"num\">\(name)</th>")) }
        // Both strategies have an exceedance curve with P(> 0) in the legend.
        #expect(html.contains("cheap: P(&gt; 0)") && html.contains("dear: P(&gt; 0)"))
    }

    @Test func bySegmentAndPaybackTablesShowWhenPresent() throws {
        let result = try ReportFixtures.run(Self.twoStrategies())
        let summary = RunSummary(result)
        let context = ReportContext(summary: summary, result: result, run: Self.info(result))
        let stat = try #require(Stat([1, 2, 3, 4, 5], levels: [0.9]))
        let details = [StrategyDetails(bySegment: [(segment: "s", incrementalValue: stat)], paybackPeriod: stat, shareWithoutPayback: 0.25),
                       StrategyDetails(bySegment: [], paybackPeriod: nil, shareWithoutPayback: nil)]
        let html = HTMLReport.strategyDetailTables(context, details)
        #expect(html.contains("<table id=\"table-strategy-by-segment\">"))
        #expect(html.contains("<table id=\"table-strategy-payback\">"))
        #expect(html.contains("25.0%"))
        #expect(HTMLReport.strategyDetailTables(context, [StrategyDetails(bySegment: [], paybackPeriod: nil, shareWithoutPayback: nil)]).isEmpty)
    }

    @Test func overlayAndExceedanceChartsOfExtremeValues() {
        for values in ExtremeValueChartTests.valueSets {
            let series = [(label: "a", values: values), (label: "b", values: [0.0, 1, 2])]
            let overlay = SVGDistributionOverlay.chart(id: "o", title: "t", series: series, xTitle: "x")
            #expect(ReportFixtures.elements(ofXML: overlay.rendered()) != nil, "\(values)")
            let curve = SVGCumulativeCurve.exceedance(id: "c", title: "t", series: series, xTitle: "x")
            #expect(ReportFixtures.elements(ofXML: curve.rendered()) != nil, "\(values)")
        }
        let empty = SVGDistributionOverlay.chart(id: "o", title: "t", series: [(label: "a", values: [])], xTitle: "x")
        #expect(ReportFixtures.elements(ofXML: empty.rendered()) != nil)
    }
}
