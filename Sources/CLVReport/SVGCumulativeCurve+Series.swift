import CLVCore

extension SVGCumulativeCurve {
    /// Exceedance curves of several series on one chart: for each x, the share of a series'
    /// trials with a value above x, P(value > x) = 1 − F(x), so that the chance of beating any
    /// threshold reads straight off the curve. A dashed vertical line marks `threshold` (0 by
    /// default), and the legend gives each series' P(value > threshold).
    ///
    /// - Complexity: O(n log n) over all values.
    public static func exceedance(id: String, title: String, series: [(label: String, values: [Double])], xTitle: String,
                                  threshold: Double = 0, frame: ChartFrame = ChartFrame(top: 16 + 16 * 3)) -> SVGElement {
        let (lower, upper) = SVGDistributionOverlay.range(series.map(\.values))
        let x = LinearScale(domain: (lower, upper), range: frame.plotX)
        let y = LinearScale(domain: (0, 1), range: frame.plotY)
        var body: [SVGElement] = []
        let yTicks = [0, 0.25, 0.5, 0.75, 1.0]
        body += frame.yAxis(y, ticks: yTicks, labels: yTicks.map { "\(Int($0 * 100))%" }, title: "share of trials above x")
        let xTicks = x.ticks(count: 6)
        body += frame.xAxis(x, ticks: xTicks, labels: NumberFormat.axisLabels(xTicks), title: xTitle, grid: true)
        if threshold >= x.domain.lower && threshold <= x.domain.upper {
            body.append(.line(x1: x.position(threshold), y1: frame.plotY.0, x2: x.position(threshold), y2: frame.plotY.1, className: "zero"))
        }
        var labels: [String] = []
        for (k, s) in series.enumerated() {
            let points = curve(s.values).filter { $0.x >= x.domain.lower && $0.x <= x.domain.upper }
            body.append(.polyline(points.map { (x.position($0.x), y.position(1 - $0.p)) }, className: "series series-\(k % SVGDistributionOverlay.seriesStyles)"))
            let finite = s.values.filter(\.isFinite)
            let above = finite.isEmpty ? Double.nan : Double(finite.filter { $0 > threshold }.count) / Double(finite.count)
            labels.append("\(s.label): P(> \(NumberFormat.compact(threshold))) \(NumberFormat.percent(above))")
        }
        body += SVGDistributionOverlay.legend(labels, frame: frame)
        return frame.svg(id: id, title: title,
                         description: "Share of trials above each value, one curve per series; dashed line at \(NumberFormat.compact(threshold)).",
                         children: body)
    }
}
