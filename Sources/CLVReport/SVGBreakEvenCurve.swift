import CLVCore

/// The net value curve of a break-even search: mean net value against the size of the change,
/// one point per size evaluated with a ±1.96 standard-error band, a dashed zero line, a vertical
/// line at the break-even size and a dashed one where P(net > 0) reaches its target.
public enum SVGBreakEvenCurve {
    /// The chart.
    ///
    /// - Complexity: O(evaluations).
    public static func chart(id: String, title: String, breakEven b: BreakEven, xTitle: String, yTitle: String,
                             frame: ChartFrame = ChartFrame(left: 84)) -> SVGElement {
        let points = b.evaluations.filter { $0.size.isFinite && $0.meanNetValue.isFinite }
        let z = 1.959963984540054
        let ys = points.flatMap { [$0.meanNetValue - z * $0.standardError, $0.meanNetValue + z * $0.standardError] }.filter(\.isFinite) + [0]
        let xs = points.map(\.size) + [0]
        let x = LinearScale(domain: (xs.min() ?? 0, xs.max() ?? 1), range: frame.plotX).nice(count: 6)
        let y = LinearScale(domain: (ys.min() ?? 0, ys.max() ?? 1), range: frame.plotY).nice(count: 5)
        var body: [SVGElement] = []
        let yTicks = y.ticks(count: 5)
        body += frame.yAxis(y, ticks: yTicks, labels: NumberFormat.axisLabels(yTicks), title: yTitle)
        let xTicks = x.ticks(count: 6)
        body += frame.xAxis(x, ticks: xTicks, labels: NumberFormat.axisLabels(xTicks), title: xTitle)
        if points.count >= 2 {
            let upper = points.map { (x.position($0.size), y.position($0.meanNetValue + z * $0.standardError)) }
            let lower = points.reversed().map { (x.position($0.size), y.position($0.meanNetValue - z * $0.standardError)) }
            body.append(.polygon(upper + lower, className: "fan-90"))
        }
        body.append(.line(x1: frame.plotX.0, y1: y.position(0), x2: frame.plotX.1, y2: y.position(0), className: "zero"))
        body.append(.polyline(points.map { (x.position($0.size), y.position($0.meanNetValue)) }, className: "curve"))
        for p in points {
            body.append(SVGElement("circle", [("cx", SVGElement.coordinate(x.position(p.size))),
                                              ("cy", SVGElement.coordinate(y.position(p.meanNetValue))), ("r", "3"), ("class", "mean")],
                                   children: [SVGElement("title", text: "size \(NumberFormat.significant(p.size)): mean net value \(NumberFormat.money(p.meanNetValue)), P(net > 0) \(NumberFormat.percent(p.shareNetPositive))")]))
        }
        if let e = b.breakEvenMean, e.size.isFinite {
            let at = x.position(e.size)
            body.append(.line(x1: at, y1: frame.plotY.0, x2: at, y2: frame.plotY.1, className: "marker-mean"))
            body.append(.label("break-even \(NumberFormat.significant(e.size))", x: at + 4, y: frame.plotY.1 + 12, className: "marker-label"))
        }
        if let e = b.breakEvenProbability, let p = b.probability, e.size.isFinite {
            let at = x.position(e.size)
            body.append(.line(x1: at, y1: frame.plotY.0, x2: at, y2: frame.plotY.1, className: "marker-interval"))
            body.append(.label("P(net > 0) = \(NumberFormat.percent(p)) at \(NumberFormat.significant(e.size))", x: at + 4,
                               y: frame.plotY.1 + 26, className: "marker-label"))
        }
        return frame.svg(id: id, title: title,
                         description: "Mean net value of strategy \(b.strategy) at \(points.count) sizes of change \(b.change) (\(b.target)), with 95% bands.",
                         children: body)
    }
}
