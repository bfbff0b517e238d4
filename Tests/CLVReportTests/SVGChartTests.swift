import CLVCore
@testable import CLVReport
import Foundation
import Testing

@Suite struct SVGElementTests {
    @Test func escapesTextAndAttributes() {
        let element = SVGElement("text", [("class", "a\"b<c>")], text: "x < y & \"z\"")
        #expect(element.rendered() == "<text class=\"a&quot;b&lt;c&gt;\">x &lt; y &amp; &quot;z&quot;</text>")
        #expect(SVGElement("g", children: [SVGElement("rect")]).rendered() == "<g>\n<rect/>\n</g>")
        #expect(ReportFixtures.elements(ofXML: SVGElement("g", [("id", "<&>")], text: "\u{1}a&b").rendered()) != nil)
    }

    @Test func coordinatesHaveAtMostTwoDecimals() {
        #expect(SVGElement.coordinate(12) == "12")
        #expect(SVGElement.coordinate(12.5) == "12.5")
        #expect(SVGElement.coordinate(1.0 / 3) == "0.33")
        #expect(SVGElement.coordinate(-0.004) == "0")
        #expect(SVGElement.coordinate(.nan) == "0")
    }
}

@Suite struct LinearScaleTests {
    @Test func mapsLinearly() {
        let scale = LinearScale(domain: (0, 10), range: (100, 300))
        #expect(scale.position(2.5) == 150)
        #expect(scale.position(10) == 300)
        let flipped = LinearScale(domain: (0, 1), range: (250, 10))
        #expect(flipped.position(0.25) == 190)
    }

    @Test func ticksAreOneTwoOrFiveTimesAPowerOfTen() {
        #expect(LinearScale(domain: (0, 1), range: (0, 1)).ticks(count: 5).map { ($0 * 10).rounded() } == [0, 2, 4, 6, 8, 10])
        let scale = LinearScale(domain: (0, 37), range: (0, 1))
        #expect(scale.tickStep(count: 5) == 5)
        #expect(scale.ticks(count: 5) == [0, 5, 10, 15, 20, 25, 30, 35])
        #expect(scale.nice(count: 5).domain == (0, 40))
        #expect(LinearScale(domain: (-3_200_000, 4_100_000), range: (0, 1)).tickStep(count: 6) == 1_000_000)
    }

    @Test func degenerateAndNonFiniteDomainsAreWidened() {
        #expect(LinearScale(domain: (5, 5), range: (0, 1)).domain == (4.95, 5.05))
        #expect(LinearScale(domain: (0, 0), range: (0, 1)).domain == (-1, 1))
        #expect(LinearScale(domain: (.nan, 3), range: (0, 1)).domain == (0, 1))
        #expect(LinearScale(domain: (3, 1), range: (0, 1)).domain == (1, 3))
    }
}

@Suite struct ChartDataTests {
    @Test func histogramCountsEveryFiniteValueOnce() {
        let histogram = Histogram([0, 0.1, 0.5, 0.99, 1, 2, -1, .nan], lower: 0, upper: 1, count: 2)
        #expect(histogram.counts == [3, 4])
        #expect(histogram.binWidth == 0.5)
        let single = Histogram([7, 7, 7], lower: 7, upper: 7, count: 5)
        #expect(single.counts.reduce(0, +) == 3)
        #expect(single.lower < 7 && single.upper > 7)
    }

    @Test func periodBandsAreType7Quantiles() {
        // numpy.quantile([3, 1, 4, 1, 5, 9, 2, 6], [0.05, 0.25, 0.5, 0.75, 0.95]) = 1, 1.75, 3.5, 5.25, 7.95
        let first: [Double] = [3, 1, 4, 1, 5, 9, 2, 6]
        var values: [Double] = []
        for x in first { values += [x, 10 * x] }  // trial-major: period 1 then period 2
        let bands = PeriodBands(values: values, trials: 8, periods: 2)
        #expect(bands.periods == 2)
        let expected = [1, 1.75, 3.5, 5.25, 7.95]
        for q in 0..<5 {
            #expect(abs(bands.quantiles[q][0] - expected[q]) < 1e-12)
            #expect(abs(bands.quantiles[q][1] - 10 * expected[q]) < 1e-11)
        }
        let empty = PeriodBands(values: [], trials: 0, periods: 3).quantiles[2]
        #expect(empty.count == 3 && empty.allSatisfy { $0.isNaN })
    }

    @Test func cumulativeCurveRunsFromMinimumToMaximum() {
        let curve = SVGCumulativeCurve.curve([4, 1, 3, 2, .nan], points: 5)
        #expect(curve.map(\.x) == [1, 1.75, 2.5, 3.25, 4])
        #expect(curve.map(\.p) == [0, 0.25, 0.5, 0.75, 1])
    }
}

@Suite struct SVGChartTests {
    func parse(_ svg: SVGElement) throws -> [(name: String, attributes: [String: String])] {
        try #require(ReportFixtures.elements(ofXML: svg.rendered()), "not well-formed:\n\(svg.rendered())")
    }

    @Test func histogramDrawsOneBarPerNonEmptyBinAndTheMarkers() throws {
        let values = (0..<1000).map { Double($0 % 100) }
        let histogram = Histogram(values, lower: 0, upper: 100, count: 10)
        let svg = SVGHistogram.chart(id: "h", title: "T", histogram: histogram, total: 1000,
                                     markers: [ChartMarker(value: 50, label: "mean", style: .mean),
                                               ChartMarker(value: 5, label: "low", style: .interval)],
                                     shadedSpans: [(5, 95)], xTitle: "value")
        let elements = try parse(svg)
        #expect(elements.first?.name == "svg")
        #expect(elements.first?.attributes["id"] == "h")
        let bars = elements.filter { $0.name == "rect" && $0.attributes["class"] == "bar" }
        #expect(bars.count == 10)
        // Equal bins have equal heights; the bar of bin k starts at plot left + k · plot width / 10.
        #expect(Set(bars.compactMap { $0.attributes["height"] }).count == 1)
        let frame = ChartFrame()
        let width = (frame.plotX.1 - frame.plotX.0) / 10
        #expect(bars.compactMap { $0.attributes["x"].flatMap(Double.init) } == (0..<10).map { ((frame.left + Double($0) * width + 0.5) * 100).rounded() / 100 })
        let mean = try #require(elements.first { $0.attributes["class"] == "marker-mean" })
        #expect(Double(mean.attributes["x1"] ?? "") == (frame.plotX.0 + frame.plotX.1) / 2)
        #expect(elements.contains { $0.attributes["class"] == "marker-interval" })
        #expect(elements.contains { $0.attributes["class"] == "span" })
    }

    @Test func barChartBarLengthIsTheShare() throws {
        let svg = SVGBarChart.chart(id: "b", title: "P", bars: [("a", 0.5), ("bb", 1), ("c", .nan)], xTitle: "share")
        let bars = try parse(svg).filter { $0.attributes["class"] == "bar" }
        #expect(bars.count == 3)
        // left margin 16 + 7·2 = 30, right 60: plot width 630.
        #expect(bars.map { $0.attributes["width"] } == ["315", "630", "0"])
        #expect(svg.rendered().contains(">50.0%</text>"))
    }

    @Test func intervalBarsPlaceTheMeanAndBands() throws {
        let rows = [
            IntervalRow(label: "abc", mean: 40, median: 38, bands: [.init(level: 0.5, lower: 30, upper: 50), .init(level: 0.9, lower: 10, upper: 90)]),
            IntervalRow(label: "d", mean: 60, median: 60, bands: [.init(level: 0.9, lower: 20, upper: 100)]),
        ]
        #expect(rows[0].bands.map(\.level) == [0.9, 0.5])
        let svg = SVGIntervalBars.chart(id: "i", title: "I", rows: rows, xTitle: "x", format: { String($0) })
        let elements = try parse(svg)
        let circles = elements.filter { $0.name == "circle" }
        #expect(circles.count == 2)
        // left 16 + 7·3 = 37, right 32: plot 37…688; domain nice (0, 100).
        let plot = 720.0 - 32 - 37
        #expect(Double(circles[0].attributes["cx"] ?? "") == ((37 + 0.4 * plot) * 100).rounded() / 100)
        #expect(Double(circles[1].attributes["cx"] ?? "") == ((37 + 0.6 * plot) * 100).rounded() / 100)
        #expect(elements.filter { $0.attributes["class"]?.hasPrefix("band ") == true }.count == 3)
    }

    @Test func intervalRowFromAStatAddsTheFiftyPercentBand() throws {
        let stat = try #require(Stat((1...101).map(Double.init), levels: [0.9]))
        let row = IntervalRow(label: "x", stat: stat)
        #expect(row.bands.map(\.level) == [0.9, 0.5])
        #expect(row.bands[1].lower == 26 && row.bands[1].upper == 76)
        #expect(row.median == 51 && row.mean == 51)
    }

    @Test func fanChartHasBandsAndAMedianThroughEveryPeriod() throws {
        let trials = 50, periods = 12
        let values = (0..<(trials * periods)).map { Double($0 % periods + 1) * Double($0 / periods + 1) }
        let svg = SVGFanChart.chart(id: "f", title: "F", bands: PeriodBands(values: values, trials: trials, periods: periods), yTitle: "y")
        let elements = try parse(svg)
        #expect(elements.filter { $0.name == "polygon" }.map { $0.attributes["class"] } == ["fan-90", "fan-50"])
        let median = try #require(elements.first { $0.name == "polyline" && $0.attributes["class"] == "fan-median" })
        let points = (median.attributes["points"] ?? "").split(separator: " ")
        #expect(points.count == periods)
        #expect(points.first?.hasPrefix("64,") == true)
        #expect(points.last?.hasPrefix("696,") == true)
        let polygon = try #require(elements.first { $0.name == "polygon" })
        #expect((polygon.attributes["points"] ?? "").split(separator: " ").count == 2 * periods)
    }

    @Test func cumulativeChartIsWellFormedWithGuides() throws {
        let svg = SVGCumulativeCurve.chart(id: "c", title: "C", values: (0..<500).map(Double.init),
                                           markers: [ChartMarker(value: 250, label: "mean", style: .mean)], levels: [0.9], xTitle: "x")
        let elements = try parse(svg)
        #expect(elements.filter { $0.attributes["class"] == "guide" }.count == 2)
        #expect(elements.contains { $0.name == "polyline" && $0.attributes["class"] == "curve" })
    }

    @Test func emptyInputsStillGiveWellFormedCharts() throws {
        _ = try parse(SVGHistogram.chart(id: "h", title: "T", histogram: Histogram([], lower: 0, upper: 0, count: 3), total: 0,
                                         markers: [], shadedSpans: [], xTitle: "x"))
        _ = try parse(SVGCumulativeCurve.chart(id: "c", title: "C", values: [], markers: [], levels: [], xTitle: "x"))
        _ = try parse(SVGIntervalBars.chart(id: "i", title: "I", rows: [], xTitle: "x", format: { String($0) }))
        _ = try parse(SVGBarChart.chart(id: "b", title: "B", bars: [], xTitle: "x"))
        _ = try parse(SVGFanChart.chart(id: "f", title: "F", bands: PeriodBands(values: [], trials: 0, periods: 0), yTitle: "y"))
    }
}

@Suite struct ReportNumberFormatTests {
    @Test func compactSignificantCurrencyAndAxisLabels() {
        #expect(NumberFormat.compact(3_940_017) == "3.94M")
        #expect(NumberFormat.compact(48_213) == "48.2k")
        #expect(NumberFormat.compact(-2_500_000_000) == "-2.5B")
        #expect(NumberFormat.compact(0.8912) == "0.891")
        #expect(NumberFormat.significant(0.93) == "0.93")
        #expect(NumberFormat.significant(50_000) == "50,000")
        #expect(NumberFormat.significant(0.000123456) == "0.0001235")
        #expect(NumberFormat.currency(1_234_567.4, code: "GBP") == "GBP 1,234,567")
        #expect(NumberFormat.currency(12.5, code: nil) == "12.50")
        #expect(NumberFormat.axisLabels([0, 500_000, 1_000_000, 1_500_000]) == ["0", "0.5M", "1.0M", "1.5M"])
        #expect(NumberFormat.axisLabels([0, 20_000, 40_000]) == ["0", "20k", "40k"])
        #expect(NumberFormat.axisLabels([0, 0.25, 0.5].map { $0 * 2 }) == ["0", "0.5", "1.0"])
    }
}

@Suite struct DistributionTextTests {
    @Test func describesEachFamily() {
        #expect(DistributionText.describe(.fixed(0.5)) == "0.5")
        #expect(DistributionText.describe(.normal(mean: 0.93, sd: 0.01, min: 0.85, max: nil)) == "normal (mean 0.93, sd 0.01, min 0.85)")
        #expect(DistributionText.describe(.uniform(min: 10, max: 12_000)) == "uniform (min 10, max 12,000)")
        #expect(DistributionText.describe(.discrete(values: [1, 5, 3], weights: [1, 1, 1])) == "discrete (3 values from 1 to 5)")
    }
}
