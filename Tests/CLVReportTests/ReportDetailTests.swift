import CLVCore
@testable import CLVReport
import Foundation
import Testing

/// Report details: shared x-ranges, labels clear of lines, figures no more precise than their
/// standard error, referral rows only where there are referrals, the discount rate in the header.
@Suite struct ReportDetailTests {
    func render(_ text: String = ReportFixtures.awkwardScenario) throws -> (html: String, result: SimulationResult) {
        try HTMLReportTests().render(text)
    }

    func svg(_ html: String, id: String) throws -> String {
        let start = try #require(html.range(of: "<svg id=\"\(id)\""))
        let end = try #require(html.range(of: "</svg>", range: start.upperBound..<html.endIndex))
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// The texts of elements with `class`, in order.
    func texts(_ svg: String, class name: String) -> [String] {
        svg.components(separatedBy: "class=\"\(name)\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    /// Attribute `key` of each element with `class`.
    func attribute(_ key: String, _ svg: String, class name: String) -> [Double] {
        svg.components(separatedBy: "<").filter { $0.contains("class=\"\(name)\"") }.compactMap { element in
            guard let r = element.range(of: " \(key)=\"") else { return nil }
            return Double(element[r.upperBound...].prefix { $0 != "\"" })
        }
    }

    @Test func histogramAndCumulativeChartShareTheirXRange() throws {
        let (html, _) = try render()
        let histogram = try svg(html, id: "chart-equity-histogram"), cumulative = try svg(html, id: "chart-equity-cumulative")
        #expect(!texts(histogram, class: "tick").isEmpty)
        // Same x-axis ticks (the y ticks differ: shares of trials vs cumulative shares).
        let xTicks = { (s: String) in Array(self.texts(s, class: "tick").filter { !$0.hasSuffix("%") }) }
        #expect(xTicks(histogram) == xTicks(cumulative))
        #expect(attribute("x", histogram, class: "tick").filter { $0 > 64 } == attribute("x", cumulative, class: "tick").filter { $0 > 64 })
    }

    @Test func markerLabelsSitAboveThePlotClearOfItsLines() throws {
        let (html, _) = try render()
        for id in ["chart-equity-histogram", "chart-equity-cumulative"] {
            let chart = try svg(html, id: id)
            let top = SVGHistogram.markedFrame.top
            let labelYs = attribute("y", chart, class: "marker-label")
            #expect(labelYs.count == 5)
            #expect(labelYs.allSatisfy { $0 < top }, "\(id): \(labelYs)")
            let lineTops = attribute("y2", chart, class: "marker-mean") + attribute("y2", chart, class: "marker-interval")
            #expect(lineTops.allSatisfy { $0 >= top }, "\(id): \(lineTops)")
        }
    }

    @Test func valueLabelsKeepOffTheZeroLine() throws {
        let rows = [IntervalRow(label: "a", mean: 0.4, median: 0.3, bands: [.init(level: 0.9, lower: -10, upper: 10)]),
                    IntervalRow(label: "b", mean: -0.4, median: -0.3, bands: [.init(level: 0.9, lower: -10, upper: 10)])]
        let chart = SVGIntervalBars.chart(id: "i", title: "t", rows: rows, xTitle: "x", format: { NumberFormat.money($0 * 1000) }).rendered()
        let zero = try #require(attribute("x1", chart, class: "zero").first)
        let labels = chart.components(separatedBy: "<").filter { $0.contains("class=\"value-label\"") }
        #expect(labels.count == 2)
        for label in labels {
            let x = try #require(Double(label.components(separatedBy: "x=\"")[1].prefix { $0 != "\"" }))
            let text = String(label.components(separatedBy: ">").last ?? "")
            let width = Double(text.count) * 6.5
            let span = label.contains("text-anchor=\"end\"") ? (x - width)...x : x...(x + width)
            #expect(!span.contains(zero), "\(text) at \(x), zero at \(zero)")
        }
    }

    @Test func figuresAreRoundedToTheirStandardError() throws {
        let stat = Stat([1_234_000, 1_236_000, 1_235_500, 1_233_100, 1_234_467.89], levels: [0.9])!
        let cells = StatDisplay.cells(stat, levels: [0.9], separator: " to ", format: NumberFormat.money)
        // std. error ≈ 525: two significant digits are hundreds... rounded to tens (520).
        #expect(cells[1] == "530" || cells[1] == "520", "\(cells)")
        #expect(cells[0].hasSuffix("0"), "\(cells)")
        #expect(!cells[0].contains("."), "\(cells)")
        #expect(StatDisplay.text(12.3456, unit: 0.1, format: NumberFormat.money) == "12.3")
        #expect(StatDisplay.text(1_234_567.89, unit: 100, format: NumberFormat.money) == "1,234,600")
        #expect(StatDisplay.standardError(0.0031, format: NumberFormat.ratio) == "< 0.01")
        #expect(StatDisplay.standardError(0.031, format: NumberFormat.ratio) == "0.03")
        #expect(StatDisplay.standardError(0, format: NumberFormat.ratio) == "0.00")
        // The headline and the tables of a real report.
        let (html, result) = try render()
        let equity = try #require(RunSummary(result).metric(.customerEquity))
        let unit = pow(10, log10(equity.standardError).rounded(.down) - 1)
        #expect(html.contains(">EUR\u{00A0}\(NumberFormat.money((equity.mean / unit).rounded() * unit))</span>"))
        let table = try #require(html.components(separatedBy: "id=\"table-equity\"").last?.components(separatedBy: "</table>").first)
        #expect(table.contains(NumberFormat.money((equity.mean / unit).rounded() * unit)))
    }

    @Test func ltvToCacErrorIsNeverShownAsZero() throws {
        let (html, result) = try render()
        let summary = RunSummary(result)
        #expect(summary.segments.contains { $0.ltvToCac != nil })
        #expect(!html.contains("<td class=\"num\">0.00</td>"))
    }

    @Test func referralRowsOnlyForSegmentsWithReferrals() throws {
        let (html, result) = try render()
        let table = try #require(html.components(separatedBy: "id=\"table-segments\"").last?.components(separatedBy: "</table>").first)
        // One segment of two has referrals.
        #expect(table.components(separatedBy: "CLV with referrals").count - 1 == 1)
        let run = RunInfo(scenarioName: result.scenario.name, scenarioSHA256: "", trials: result.metrics.trials,
                          seed: result.options.seed, threads: 1, elapsedSeconds: 0, version: "1")
        let lines = SummaryTable.lines(RunSummary(result), run: run, scenario: result.scenario)
        #expect(lines.filter { $0.contains("CLV with referrals") }.count == 1)
    }

    @Test func headerStatesTheDiscountRate() throws {
        let (html, _) = try render()
        let header = try #require(html.components(separatedBy: "</header>").first)
        #expect(header.contains("discounted to the start of period 1 at 10% a year"))
    }

    /// The sensitivity section and the terminal table say how variance shares are measured:
    /// SRC² for independent inputs, Pratt's measure when the scenario correlates inputs.
    @Test func sensitivitySaysWhatTheSharesMean() throws {
        let (plain, plainResult) = try render()
        #expect(plain.contains("id=\"sensitivity-measure\">Variance share = SRC²"))
        let correlated = ReportFixtures.awkwardScenario.replacingOccurrences(
            of: "\"strategies\":",
            with: #""correlations": [{"between": ["segments.north, \"east\".retention.rate", "segments.north, \"east\".revenue"], "rank": 0.7}], "strategies":"#)
        let (html, result) = try render(correlated)
        #expect(html.contains("Pratt"))
        let summary = RunSummary(result)
        let info = RunInfo(scenarioName: "x", scenarioSHA256: "0", trials: 200, seed: 3, threads: 1, elapsedSeconds: 0, version: "t")
        #expect(SummaryTable.lines(summary, run: info, scenario: result.scenario).contains { $0.contains("Pratt") })
        #expect(!SummaryTable.lines(RunSummary(plainResult), run: info, scenario: plainResult.scenario).contains { $0.contains("Pratt") })
    }
}
