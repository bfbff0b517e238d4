import CLVCore

/// Several distributions of per-trial values on one chart: for each series, the share of its
/// trials in each of the same equal-width bins, drawn as a step outline so that overlapping
/// series stay visible, with a legend and a dashed line at zero.
public enum SVGDistributionOverlay {
    /// The common x-range of several series: from the smallest `tail` quantile to the largest
    /// 1 − `tail` quantile of any series, so that a few extreme trials do not squeeze the rest.
    ///
    /// - Complexity: O(n log n) over all values.
    public static func range(_ series: [[Double]], tail: Double = 0.001) -> (lower: Double, upper: Double) {
        let ranges = series.map { values -> (Double, Double)? in
            let sorted = values.filter(\.isFinite).sorted()
            return sorted.isEmpty ? nil : (Stat.quantile(sorted, tail), Stat.quantile(sorted, 1 - tail))
        }.compactMap { $0 }
        return (ranges.map(\.0).min() ?? 0, ranges.map(\.1).max() ?? 1)
    }

    /// The chart; values outside the common range are counted in the outermost bins.
    ///
    /// - Complexity: O(n log n) over all values, plus O(series · bins).
    public static func chart(id: String, title: String, series: [(label: String, values: [Double])], xTitle: String,
                             bins: Int = 40, frame: ChartFrame = ChartFrame(top: 16 + 16 * 3)) -> SVGElement {
        let (lower, upper) = range(series.map(\.values))
        let histograms = series.map { Histogram($0.values, lower: lower, upper: upper, count: bins) }
        let shares = zip(histograms, series).map { h, s in h.counts.map { Double($0) / Double(max(1, s.values.filter(\.isFinite).count)) } }
        let first = histograms.first ?? Histogram([], lower: lower, upper: upper, count: bins)
        let x = LinearScale(domain: (first.lower, first.upper), range: frame.plotX)
        let top = shares.flatMap { $0 }.max() ?? 0
        let y = LinearScale(domain: (0, max(top, 1e-9) * 1.1), range: frame.plotY).nice(count: 4)
        var body: [SVGElement] = []
        let yTicks = y.ticks(count: 4)
        body += frame.yAxis(y, ticks: yTicks, labels: yTicks.map { NumberFormat.percent($0).replacingOccurrences(of: ".0%", with: "%") },
                            title: "share of trials")
        let xTicks = x.ticks(count: 6)
        body += frame.xAxis(x, ticks: xTicks, labels: NumberFormat.axisLabels(xTicks), title: xTitle)
        if x.domain.lower < 0 && x.domain.upper > 0 {
            body.append(.line(x1: x.position(0), y1: frame.plotY.0, x2: x.position(0), y2: frame.plotY.1, className: "zero"))
        }
        let width = first.binWidth
        for (k, values) in shares.enumerated() {
            var points: [(Double, Double)] = [(x.position(first.lower), y.position(0))]
            for (b, share) in values.enumerated() {
                let left = first.lower + Double(b) * width
                points.append((x.position(left), y.position(share)))
                points.append((x.position(left + width), y.position(share)))
            }
            points.append((x.position(first.upper), y.position(0)))
            body.append(.polyline(points, className: "series series-\(k % seriesStyles)"))
        }
        body += legend(series.map(\.label), frame: frame)
        return frame.svg(id: id, title: title,
                         description: "Distributions of \(series.count) series across trials in \(bins) bins from \(NumberFormat.significant(first.lower)) to \(NumberFormat.significant(first.upper)).",
                         children: body)
    }

    /// The number of distinct series styles (`series-0` …); more series reuse them.
    static let seriesStyles = 6

    /// A legend above the plot: a short line in each series' style and its label, three rows
    /// at most, entries placed left to right.
    static func legend(_ labels: [String], frame: ChartFrame) -> [SVGElement] {
        var out: [SVGElement] = []
        var x = frame.plotX.0, row = 0
        for (k, label) in labels.enumerated() {
            let width = 28 + 6.4 * Double(label.count) + 16
            if x + width > frame.plotX.1 && x > frame.plotX.0 && row < 2 { x = frame.plotX.0; row += 1 }
            let y = 14 + Double(row) * 16
            out.append(.line(x1: x, y1: y - 4, x2: x + 22, y2: y - 4, className: "series series-\(k % seriesStyles)"))
            out.append(.label(label, x: x + 28, y: y, className: "legend"))
            x += width
        }
        return out
    }
}
