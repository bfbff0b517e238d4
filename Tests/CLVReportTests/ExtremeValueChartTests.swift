@testable import CLVCore
@testable import CLVReport
import Foundation
import Testing

/// Every chart builder accepts any Double — huge, infinite, NaN — and renders well-formed SVG
/// instead of trapping on a number → Int conversion (docs/results.md, "report.html").
@Suite struct ExtremeValueChartTests {
    static let extremes: [Double] = [1e306, 1.797e308, -1e308, .infinity, -.infinity, .nan,
                                     Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude]

    /// Value sets mixing extremes with ordinary numbers.
    static var valueSets: [[Double]] {
        var sets: [[Double]] = extremes.map { [$0] }
        sets += extremes.map { [0, 1, 2, $0] }
        sets.append(extremes)
        sets.append([1e306, 2e306, 3e306, 4e306])
        sets.append([-1e308, 1.797e308])
        sets.append([1.797e308, 1.797e308, 1.797e308])
        return sets
    }

    func wellFormed(_ element: SVGElement) -> Bool {
        ReportFixtures.elements(ofXML: element.rendered()) != nil
    }

    @Test func coordinateClampsAnyDouble() {
        for x in Self.extremes {
            let text = SVGElement.coordinate(x)
            #expect(Double(text) != nil, "\(x) → \(text)")
            #expect(!text.contains("e"), "\(x) → \(text)")
        }
        #expect(SVGElement.coordinate(1e306) == "1000000000")
        #expect(SVGElement.coordinate(-.infinity) == "-1000000000")
        #expect(SVGElement.coordinate(.nan) == "0")
    }

    @Test func linearScaleTicksAndPositionsStayFinite() {
        for a in Self.extremes + [0, 1] {
            for b in Self.extremes + [0, 1] {
                let scale = LinearScale(domain: (a, b), range: (64, 696))
                #expect(scale.domain.lower.isFinite && scale.domain.upper.isFinite, "\(a), \(b)")
                let nice = scale.nice(count: 6)
                #expect(nice.domain.lower.isFinite && nice.domain.upper.isFinite, "\(a), \(b)")
                let ticks = nice.ticks(count: 6)
                #expect(ticks.count <= 50)
                for x in ticks + [a, b] { _ = SVGElement.coordinate(nice.position(x)) }
                _ = NumberFormat.axisLabels(ticks)
            }
        }
        // The widest finite domain still maps its ends onto the range.
        let widest = LinearScale(domain: (-1e308, 1.797e308), range: (0, 100))
        #expect(abs(widest.position(-1e308) - 0) < 1e-9)
        #expect(abs(widest.position(1.797e308) - 100) < 1e-9)
    }

    @Test func histogramBinsAnyValues() {
        for values in Self.valueSets {
            let finite = values.filter(\.isFinite)
            let central = Histogram(centralOf: values)
            #expect(central.counts.reduce(0, +) == finite.count, "\(values)")
            #expect(central.lower.isFinite && central.upper.isFinite)
            for (lower, upper) in [(-1e308, 1.797e308), (-Double.infinity, .infinity), (.nan, 1), (1e306, 1e306)] {
                let histogram = Histogram(values, lower: lower, upper: upper, count: 40)
                #expect(histogram.counts.reduce(0, +) == finite.count, "\(values) over \(lower)...\(upper)")
            }
            let chart = SVGHistogram.chart(id: "h", title: "t", histogram: central, total: values.count,
                                           markers: values.map { ChartMarker(value: $0, label: "m", style: .mean) },
                                           shadedSpans: [(values.min() ?? 0, values.max() ?? 0)], xTitle: "x")
            #expect(wellFormed(chart))
        }
        let spread = Histogram([-1e308, 0, 1.797e308], lower: -1e308, upper: 1.797e308, count: 4)
        #expect(spread.counts == [1, 1, 0, 1])
        #expect(spread.binWidth.isFinite)
    }

    @Test func cumulativeCurveOfAnyValues() {
        for values in Self.valueSets {
            let chart = SVGCumulativeCurve.chart(id: "c", title: "t", values: values,
                                                 markers: [ChartMarker(value: values[0], label: "mean", style: .mean)],
                                                 levels: [0.9], xTitle: "x")
            #expect(wellFormed(chart))
        }
    }

    @Test func fanChartOfAnyValues() {
        for values in Self.valueSets {
            let periods = values.count
            let bands = PeriodBands(values: values + values, trials: 2, periods: periods)
            #expect(wellFormed(SVGFanChart.chart(id: "f", title: "t", bands: bands, yTitle: "y")))
        }
    }

    @Test func tornadoOfAnyValues() {
        for values in Self.valueSets {
            let inputs = values.indices.map { i in
                Sensitivity.Input(path: "segments.all.revenue", spearman: 0.5, standardizedRegressionCoefficient: nil,
                                  varianceShare: nil, bottomDecileMean: values[i], topDecileMean: values[values.count - 1 - i])
            }
            for centre in [values[0], 0] {
                let chart = SVGTornado.chart(id: "t", title: "t", metric: "customerEquity", outputMean: centre, inputs: inputs,
                                             xTitle: "x", format: NumberFormat.money)
                #expect(wellFormed(chart))
            }
        }
    }

    @Test func intervalBarsOfAnyValues() {
        for values in Self.valueSets {
            let rows = values.map { v in
                IntervalRow(label: "row", mean: v, median: v, bands: [.init(level: 0.9, lower: -v, upper: v),
                                                                       .init(level: .infinity, lower: v, upper: .nan)])
            }
            #expect(wellFormed(SVGIntervalBars.chart(id: "i", title: "t", rows: rows, xTitle: "x", format: NumberFormat.money)))
        }
    }

    @Test func barChartOfAnyShares() {
        let bars = Self.extremes.map { (label: "b", share: $0) }
        #expect(wellFormed(SVGBarChart.chart(id: "b", title: "t", bars: bars, xTitle: "x")))
    }

    @Test func numberFormatsOfAnyValues() {
        for x in Self.extremes {
            _ = NumberFormat.level(x)
            _ = NumberFormat.significant(x)
            _ = NumberFormat.compact(x)
            _ = NumberFormat.money(x)
            _ = NumberFormat.percent(x)
        }
        #expect(NumberFormat.level(.infinity) == "inf%")
        #expect(NumberFormat.level(1e300).hasSuffix("%"))
    }
}
