/// A stacked fan chart of a quantity split into parts over periods: the parts' means stacked
/// as areas (their top edge is the mean total), and the total's 90% band (5th to 95th
/// percentile across trials) as two dashed lines around it.
///
/// Means are stacked, not medians, because means add up: the stack's top is the mean of the
/// total. The band shows how far a single trial's total strays from it.
public enum SVGStackedFanChart {
    /// How many parts the legend names; the rest are counted in one more line.
    public static let legendEntries = 16
    /// Parts per legend row, and the characters of a label that fit in one column (longer
    /// labels are cut with an ellipsis; the part's area carries its whole label as a tooltip).
    static let legendColumns = 4
    static let legendCharacters = 24
    /// Distinct fill classes (`state-0` … `state-7`), reused in turn.
    public static let styles = 8

    /// The chart.
    ///
    /// - Parameters:
    ///   - parts: each part's label and its mean per period (element t − 1), bottom first.
    ///   - total: the total's per-period quantiles (rows 0 and 4, the 5th and 95th percentiles,
    ///     are drawn).
    /// - Complexity: O(parts · periods).
    public static func chart(id: String, title: String, parts: [(label: String, means: [Double])], total: PeriodBands,
                             yTitle: String) -> SVGElement {
        let shown = min(parts.count, legendEntries) + (parts.count > legendEntries ? 1 : 0)
        let rows = (shown + legendColumns - 1) / legendColumns
        let frame = ChartFrame(height: 300 + 16 * Double(rows), top: 16 + 16 * Double(max(1, rows)))
        let periods = total.periods
        var stacked = [[Double]]()
        var running = [Double](repeating: 0, count: periods)
        for part in parts {
            for t in 0..<periods where part.means.indices.contains(t) && part.means[t].isFinite { running[t] += part.means[t] }
            stacked.append(running)
        }
        let all = (stacked.last ?? []) + total.quantiles[0] + total.quantiles[4]
        let finite = all.filter(\.isFinite)
        let x = LinearScale(domain: (1, Double(max(2, periods))), range: frame.plotX)
        let y = LinearScale(domain: (0, max(finite.max() ?? 1, 1e-9)), range: frame.plotY).nice(count: 5)
        var body: [SVGElement] = []
        let yTicks = y.ticks(count: 5)
        body += frame.yAxis(y, ticks: yTicks, labels: NumberFormat.axisLabels(yTicks), title: yTitle)
        var below = [Double](repeating: 0, count: periods)
        for (k, top) in stacked.enumerated() {
            let upper = (0..<periods).map { (x.position(Double($0 + 1)), y.position(top[$0])) }
            let lower = (0..<periods).reversed().map { (x.position(Double($0 + 1)), y.position(below[$0])) }
            var area = SVGElement.polygon(upper + lower, className: "state state-\(k % styles)")
            area.children = [SVGElement("title", text: parts[k].label)]
            body.append(area)
            below = top
        }
        for row in [0, 4] {
            let points = (0..<periods).filter { total.quantiles[row][$0].isFinite }
                .map { (x.position(Double($0 + 1)), y.position(total.quantiles[row][$0])) }
            if !points.isEmpty { body.append(.polyline(points, className: "total-band")) }
        }
        let xTicks = x.ticks(count: 8).filter { $0 == $0.rounded() && $0 >= 1 && $0 <= Double(max(2, periods)) }
        body += frame.xAxis(x, ticks: xTicks, labels: xTicks.map { String(Int($0)) }, title: "period")
        body += legend(parts.map(\.label), frame: frame)
        return frame.svg(id: id, title: title,
                         description: "Mean per period of each of \(parts.count) parts, stacked (the top edge is the mean total), and the 5th and 95th percentiles of the total across trials (dashed), over \(periods) periods.",
                         children: body)
    }

    /// Legend rows above the plot: a swatch and a label per part, then the total's band.
    static func legend(_ labels: [String], frame: ChartFrame) -> [SVGElement] {
        var out: [SVGElement] = []
        let width = (frame.plotX.1 - frame.plotX.0) / Double(legendColumns)
        var entries = labels.prefix(legendEntries).enumerated().map { (k, label) in (label, "state state-\(k % styles)") }
        if labels.count > legendEntries { entries.append(("… and \(labels.count - legendEntries) more", "")) }
        for (k, entry) in entries.enumerated() {
            let x = frame.plotX.0 + Double(k % legendColumns) * width, y = 4 + 16 * Double(k / legendColumns)
            if !entry.1.isEmpty { out.append(.rect(x: x, y: y, width: 12, height: 10, className: entry.1)) }
            let label = entry.0.count > legendCharacters ? String(entry.0.prefix(legendCharacters - 1)) + "…" : entry.0
            out.append(.label(label, x: x + 16, y: y + 9, className: "legend"))
        }
        let y = frame.top - 6
        out.append(.line(x1: frame.plotX.1 - 150, y1: y, x2: frame.plotX.1 - 134, y2: y, className: "total-band"))
        out.append(.label("total: 5th–95th pct.", x: frame.plotX.1 - 130, y: y + 4, className: "legend"))
        return out
    }
}
