/// A fan chart of a quantity over periods: the median as a line, the 50% band (25th to 75th
/// percentile) dark and the 90% band (5th to 95th) light.
public enum SVGFanChart {
    /// The chart.
    ///
    /// - Complexity: O(periods).
    public static func chart(id: String, title: String, bands: PeriodBands, yTitle: String,
                             frame: ChartFrame = ChartFrame()) -> SVGElement {
        let periods = bands.periods
        let all = bands.quantiles.flatMap { $0 }.filter(\.isFinite)
        let lower = min(0, all.min() ?? 0)
        let x = LinearScale(domain: (1, Double(max(2, periods))), range: frame.plotX)
        let y = LinearScale(domain: (lower, max(all.max() ?? 1, lower + 1e-9)), range: frame.plotY).nice(count: 5)
        var body: [SVGElement] = []
        let yTicks = y.ticks(count: 5)
        body += frame.yAxis(y, ticks: yTicks, labels: NumberFormat.axisLabels(yTicks), title: yTitle)
        if y.domain.lower < 0 {
            body.append(.line(x1: frame.plotX.0, y1: y.position(0), x2: frame.plotX.1, y2: y.position(0), className: "zero"))
        }
        func band(_ lowerRow: Int, _ upperRow: Int, _ className: String) -> SVGElement? {
            let indices = (0..<periods).filter { bands.quantiles[lowerRow][$0].isFinite && bands.quantiles[upperRow][$0].isFinite }
            guard !indices.isEmpty else { return nil }
            let top = indices.map { (x.position(Double($0 + 1)), y.position(bands.quantiles[upperRow][$0])) }
            let bottom = indices.reversed().map { (x.position(Double($0 + 1)), y.position(bands.quantiles[lowerRow][$0])) }
            return .polygon(top + bottom, className: className)
        }
        if let outer = band(0, 4, "fan-90") { body.append(outer) }
        if let inner = band(1, 3, "fan-50") { body.append(inner) }
        let median = (0..<periods).filter { bands.quantiles[2][$0].isFinite }
            .map { (x.position(Double($0 + 1)), y.position(bands.quantiles[2][$0])) }
        body.append(.polyline(median, className: "fan-median"))
        let xTicks = x.ticks(count: 8).filter { $0 == $0.rounded() && $0 >= 1 && $0 <= Double(max(2, periods)) }
        body += frame.xAxis(x, ticks: xTicks, labels: xTicks.map { String(Int($0)) }, title: "period")
        body += legend(frame: frame)
        return frame.svg(id: id, title: title,
                         description: "Median per period (line), 50% band (dark) and 90% band (light) across trials, over \(periods) periods.",
                         children: body)
    }

    static func legend(frame: ChartFrame) -> [SVGElement] {
        let x = frame.plotX.1 - 250, y = frame.top + 4
        return [
            .rect(x: x, y: y, width: 14, height: 10, className: "fan-90"),
            .label("90% band", x: x + 18, y: y + 9, className: "legend"),
            .rect(x: x + 86, y: y, width: 14, height: 10, className: "fan-50"),
            .label("50% band", x: x + 104, y: y + 9, className: "legend"),
            .line(x1: x + 172, y1: y + 5, x2: x + 186, y2: y + 5, className: "fan-median"),
            .label("median", x: x + 190, y: y + 9, className: "legend"),
        ]
    }
}
