@testable import CLVCore
@testable import CLVReport
import Foundation
import Testing

/// The break-even outputs (docs/strategies.md, "Break-even: how big must the effect be?"): the
/// JSON document, the terminal lines and report.html with `chart-breakeven-curve`.
@Suite struct BreakEvenReportTests {
    static func result(evaluations: [BreakEven.Evaluation], mean: BreakEven.Estimate?, reason: String? = nil) -> BreakEven {
        BreakEven(strategy: "s<1>", change: 0, target: "segments.a.retention.rate", operation: .add, currentSize: 0.02,
                  probability: 0.9, breakEvenMean: mean, meanReason: reason, breakEvenProbability: nil,
                  probabilityReason: "the share stays below 90%", evaluations: evaluations, trials: 100, seed: 3)
    }

    static let curve = [
        BreakEven.Evaluation(size: 0, meanNetValue: -700, standardError: 0, shareNetPositive: 0),
        BreakEven.Evaluation(size: 0.02, meanNetValue: -420, standardError: 12, shareNetPositive: 0.1),
        BreakEven.Evaluation(size: 0.04, meanNetValue: -130, standardError: 14, shareNetPositive: 0.3),
        BreakEven.Evaluation(size: 0.08, meanNetValue: 450, standardError: 15, shareNetPositive: 0.95),
    ]

    @Test func documentHasTheContractKeysAndNullsWithReasons() throws {
        let b = Self.result(evaluations: Self.curve, mean: BreakEven.Estimate(size: 0.049, standardError: 0.001))
        let text = BreakEvenReport.document(b, scenarioName: "x", version: "1").rendered()
        let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        for key in ["strategy", "change", "target", "operation", "breakEvenMean", "breakEvenProbability", "evaluations", "trials", "seed"] {
            #expect(object[key] != nil, "\(key)")
        }
        let mean = try #require(object["breakEvenMean"] as? [String: Any])
        #expect(Set(mean.keys) == ["size", "lower", "upper", "standardError", "level"])
        #expect(object["breakEvenProbability"] is NSNull)
        #expect(object["breakEvenProbabilityReason"] as? String == "the share stays below 90%")
        #expect(object["evaluations"] as? Int == 4)
        let lines = BreakEvenReport.lines(b, currency: "EUR")
        #expect(lines.contains { $0.contains("expected net value = 0") && $0.contains("add 0.049 to segments.a.retention.rate") })
        #expect(lines.contains { $0.contains("none") && $0.contains("the share stays below 90%") })
    }

    @Test func pageIsSelfContainedWithTheCurve() throws {
        let b = Self.result(evaluations: Self.curve, mean: BreakEven.Estimate(size: 0.049, standardError: 0.001))
        let html = BreakEvenReport.html(b, scenarioName: "a <b>", currency: "EUR", version: "1")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<h1>a &lt;b&gt; — break-even of s&lt;1&gt;</h1>"))
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
        let start = try #require(html.range(of: "<svg id=\"chart-breakeven-curve\""))
        let end = try #require(html.range(of: "</svg>", range: start.upperBound..<html.endIndex))
        let elements = try #require(ReportFixtures.elements(ofXML: String(html[start.lowerBound..<end.upperBound])))
        #expect(elements.filter { $0.name == "circle" }.count == 4)
        #expect(elements.contains { $0.name == "polygon" })
    }

    @Test func curveOfExtremeValuesRenders() {
        for x in ExtremeValueChartTests.extremes {
            let evaluations = [BreakEven.Evaluation(size: 0, meanNetValue: x, standardError: x, shareNetPositive: 0.5),
                               BreakEven.Evaluation(size: x, meanNetValue: 1, standardError: 0, shareNetPositive: 0.5)]
            let b = Self.result(evaluations: evaluations, mean: BreakEven.Estimate(size: x, standardError: x))
            let chart = SVGBreakEvenCurve.chart(id: "c", title: "t", breakEven: b, xTitle: "x", yTitle: "y")
            #expect(ReportFixtures.elements(ofXML: chart.rendered()) != nil, "\(x)")
            _ = BreakEvenReport.document(b, scenarioName: "x", version: "1").rendered()
        }
    }
}
